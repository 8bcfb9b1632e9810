/** Refuse an unsafe production start, then open (and on first start seed) the database before the first request. */
export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && !process.env.NEXTAUTH_SECRET) {
    console.error(
      'Ошибка запуска: не задан NEXTAUTH_SECRET. В рабочем режиме он обязателен — задайте длинную случайную строку, ' +
        'например: NEXTAUTH_SECRET=$(openssl rand -base64 32) npm start',
    );
    process.exit(1);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
  const { getDatabase } = await import('./db');
  try {
    await getDatabase();
  } catch (error) {
    console.error(`Ошибка запуска: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
