import type { Database } from '../db/client';

/** How long a stop waits for the running query or transaction before it gives up on a clean close. */
export const SHUTDOWN_GRACE_MS = 5_000;

const globalForShutdown = globalThis as typeof globalThis & { __ezhCloseOnSignals?: boolean };

/**
 * On SIGINT/SIGTERM: close the process's database, then exit 130/143. PGlite's close() waits for the running query or
 * transaction and refuses new ones ("PGlite is closing"), writes its shutdown checkpoint and then the lock file is
 * released; postgres.js's end() lets running queries finish. A close that takes longer than SHUTDOWN_GRACE_MS is given
 * up: the process exits, the unfinished transaction is lost whole, and PostgreSQL's WAL recovery on the next open
 * makes the data consistent (as after a kill), the stale lock being taken over (`db/data-dir-lock.ts`).
 *
 * Installed once per process (globalThis survives hot reloads); `current` reads the database at signal time.
 * Next's own handler (`next start`) closes the HTTP server and then calls process.exit: once a stop has begun, that
 * exit is held until the database is closed.
 */
export function closeDatabaseOnSignals(current: () => Promise<Database> | undefined): void {
  if (globalForShutdown.__ezhCloseOnSignals) return;
  globalForShutdown.__ezhCloseOnSignals = true;
  let stopping: Promise<void> | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return; // a shell and `next dev` may both forward the same Ctrl+C
    const code = signal === 'SIGINT' ? 130 : 143;
    const exit = process.exit.bind(process);
    stopping = closeWithin(current(), SHUTDOWN_GRACE_MS).then(
      (outcome) => console.log(`[db] ${signal}: ${outcome}`),
      (error: unknown) =>
        console.error(`[db] ${signal}: база не закрыта: ${error instanceof Error ? error.message : String(error)}`),
    );
    process.exit = ((exitCode?: number) => void stopping!.finally(() => exit(exitCode ?? code))) as typeof process.exit;
    void stopping.finally(() => exit(code));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function closeWithin(opening: Promise<Database> | undefined, ms: number): Promise<string> {
  if (!opening) return 'база не открывалась';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(`база не закрылась за ${ms / 1000} с — незавершённая транзакция будет отброшена при следующем запуске`),
      ms,
    );
  });
  const close = opening.then(
    async (database) => {
      await database.close();
      return `база ${database.location} закрыта`;
    },
    () => 'база не открылась',
  );
  try {
    return await Promise.race([close, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
