import { parseEnv } from './env';

/** Refuse a bad or unsafe start, then open (and on first start seed) the database before the first request. */
export async function startServer(): Promise<void> {
  const parsed = parseEnv();
  if (!parsed.ok) {
    console.error(`Ошибка запуска: неверная настройка — ${parsed.problems.join('; ')}`);
    process.exit(1);
  }
  const config = parsed.env;
  if (config.NODE_ENV === 'production' && !config.NEXTAUTH_SECRET) {
    console.error(
      'Ошибка запуска: не задан NEXTAUTH_SECRET. В рабочем режиме он обязателен — задайте длинную случайную строку, ' +
        'например: NEXTAUTH_SECRET=$(openssl rand -base64 32) npm start',
    );
    process.exit(1);
  }
  // Sign-in redirects go to the configured public address; without one, to the address the user typed (a college PC
  // opened by its LAN address from other PCs), which next-auth 4 does with AUTH_TRUST_HOST. next-auth reads these two
  // from process.env itself.
  if (config.PUBLIC_URL && !config.NEXTAUTH_URL) process.env.NEXTAUTH_URL = config.PUBLIC_URL;
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= '1';
  const { getDatabase, readRouter, seededDemoOnStart } = await import('./db');
  try {
    const database = await getDatabase();
    // Background jobs (the printed journals of all groups): this instance takes its share of the queue; their reads
    // go to a replica that has everything written before the job was drawn.
    const { startJobWorkers } = await import('./jobs/workers');
    await startJobWorkers(database, { router: await readRouter() });
    if (seededDemoOnStart()) {
      // The demo college's day (remarks, posts, a certified copy, a print job) is the demo's, not its data: a failure
      // only says so.
      const [{ liveDemoStory }, { jobQueue }] = await Promise.all([import('./demo/story'), import('./jobs/queue')]);
      await liveDemoStory(database.db, await jobQueue(database)).then(
        (lines) => lines.forEach((line) => console.log(`[db] ${line}`)),
        (error: unknown) => console.warn(`[db] День демо-колледжа не создан: ${String(error)}`),
      );
    }
  } catch (error) {
    console.error(`Ошибка запуска: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
