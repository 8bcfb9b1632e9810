/**
 * npm run db:create-admin -- --full "ГБПОУ «…»" --short "…" --login ivanova --password '…' --last Иванова --first Мария [--middle Петровна]
 * A real installation's first administrator (DATABASE_URL, or the embedded database in DATA_DIR).
 */
import { openDatabase, pgliteDir } from '../db/client';
import { env } from '../server/env';
import { createInstitutionWithAdmin } from '../server/services/college/bootstrap';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const database = await openDatabase({
  url: env().DATABASE_URL,
  dataDir: pgliteDir(env().DATA_DIR),
  migrate: true,
  max: 1,
});
try {
  const result = await createInstitutionWithAdmin(database.db, {
    fullName: arg('full'),
    shortName: arg('short'),
    login: arg('login'),
    password: arg('password'),
    lastName: arg('last'),
    firstName: arg('first'),
    middleName: arg('middle'),
  });
  console.log(`Колледж создан (id ${result.institutionId}), администратор «${arg('login')}» может войти.`);
} catch (error) {
  const issues = (error as { issues?: { message: string }[] }).issues;
  console.error(
    issues ? issues.map((i) => i.message).join('\n') : error instanceof Error ? error.message : String(error),
  );
  process.exitCode = 1;
} finally {
  await database.close();
}
