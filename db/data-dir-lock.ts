/**
 * The embedded database's guard: one process per PGlite data directory (PGlite has no lock of its own; two processes
 * on one directory corrupt it — ARCHITECTURE.md «PGlite notes»).
 *
 * The lock is a socket the holder listens on, so the operating system releases it when the holder dies — however it
 * dies (crash, `kill -9`, power cut): nothing is inferred from a PID, a host name or a clock (issue #26, item 7). On
 * Linux and macOS it is a Unix domain socket at `<dataDir>.lock`, beside the directory so that PGlite's own files are
 * never touched:
 *
 * - a file there that accepts a connection is a live holder: refused (the holder answers with its PID, for the message);
 * - a file there that refuses one (ECONNREFUSED: the socket of a dead process — a zombie's too, its sockets are closed
 *   when it exits — or a lock file of an older version) is stale: it is removed under a short takeover guard (another
 *   socket, `<dataDir>.lock.takeover`) after a second look, so that two starters never both remove and both hold;
 * - the holder's socket is listening before it appears at the lock's path (a hard link to a socket listening at a
 *   private name), so a starter never sees a half-made lock.
 *
 * On Windows it is a named pipe (`\\.\pipe\ezh-spo-…`, from the directory's path), which the system frees with its
 * process: nothing is left behind to take over. Where a socket cannot live beside the directory, see `lockPaths`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface DataDirLock {
  /** Where the lock lives: the socket's path, or the named pipe on Windows. */
  file: string;
  /** Lets the directory go (idempotent; also done on the process's exit). */
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    /** The live holder's PID as it told it, or null when it did not answer in time (its event loop busy). */
    readonly holderPid: number | null,
  ) {
    const who = holderPid === null ? 'другим процессом' : `другим процессом (PID ${holderPid})`;
    super(
      `База данных в каталоге ${dataDir} уже открыта ${who}. ` +
        `Встроенная база (PGlite) допускает только один процесс: остановите его или задайте другой DATA_DIR. ` +
        `(The embedded database in ${dataDir} is already open in ${holderPid === null ? 'another process' : `process ${holderPid}`}.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** A socket's address holds 104 bytes on macOS and 108 on Linux with its NUL; Node cuts a longer path silently. */
const MAX_SOCKET_PATH = 100;
/** How long a connection to a holder waits for its PID: a holder whose event loop is busy (a long query) is alive all the same. */
const ANSWER_MS = 1_000;
/** Looks at the lock before giving up, 20 ms apart when others start at the same moment or a holder is dying. */
const ATTEMPTS = 100;

/**
 * Where the lock of `dataDir` may live, in order: beside the directory, else (a path too long for a socket's address,
 * or a file system that cannot hold a socket or a hard link, e.g. FAT) in the system's temporary directory under a
 * name made from the directory's path. The choice depends only on the path and its file system, so every process
 * that opens the directory makes the same one.
 */
export function lockPaths(dataDir: string): string[] {
  const resolved = path.resolve(dataDir);
  const name = `ezh-spo-pglite-${crypto.createHash('sha256').update(resolved).digest('hex').slice(0, 24)}`;
  if (process.platform === 'win32') return [`\\\\.\\pipe\\${name}`];
  const beside = `${resolved}.lock`;
  const fallback = path.join(os.tmpdir(), `${name}.lock`);
  // The takeover guard and the private names are a few bytes longer than the lock itself.
  return Buffer.byteLength(`${beside}.takeover`) <= MAX_SOCKET_PATH ? [beside, fallback] : [fallback];
}

/** Errors of a file system that holds no sockets or hard links. */
const NO_SOCKETS_HERE = new Set(['EPERM', 'EOPNOTSUPP', 'ENOTSUP', 'ENOSYS', 'EXDEV']);

/**
 * Takes the lock of `dataDir` for this process, or throws DataDirLockedError when a live process holds it (this one
 * too: a second open in one process is refused like any other). A lock left by a dead process is taken over.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const [first, ...rest] = lockPaths(dataDir);
  try {
    return await acquireAt(dataDir, first!);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!rest[0] || !code || !NO_SOCKETS_HERE.has(code)) throw error;
    return acquireAt(dataDir, rest[0]);
  }
}

async function acquireAt(dataDir: string, file: string): Promise<DataDirLock> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const held = await listenAt(file);
    if (held) return holding(file, held);
    const holder = await probe(file);
    if (holder.state === 'live') throw new DataDirLockedError(dataDir, holder.pid);
    if (holder.state === 'stale') await takeOver(dataDir, file);
    else await pause(); // 'gone': released between the two looks, or its holder dying — look again
  }
  throw new Error(
    `Не удалось захватить блокировку ${file}: другие процессы запускаются одновременно — повторите запуск`,
  );
}

interface Listening {
  server: net.Server;
  /** The socket's inode (POSIX), to remove the lock's path on release only while it is still ours. */
  ino: number | null;
}

/** Listens at `file`, or null when something is there already (EADDRINUSE on Windows, EEXIST of the link on POSIX). */
async function listenAt(file: string): Promise<Listening | null> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.end(`${process.pid}\n`);
  });
  server.on('error', () => {}); // errors after listening (none expected) must not crash the process
  if (process.platform === 'win32') {
    const ok = await listen(server, file);
    if (!ok) return null;
    server.unref();
    return { server, ino: null };
  }
  // Listening at a private name first, then linked to the lock's path: the path never names a socket not yet listening.
  const own = path.join(path.dirname(file), `.lk-${crypto.randomBytes(4).toString('hex')}`); // ≤ «….lock.takeover»
  if (!(await listen(server, own))) return listenAt(file); // the random name taken: another one
  server.unref();
  try {
    fs.linkSync(own, file);
  } catch (error) {
    server.close(); // removes `own`
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  const ino = fs.statSync(own).ino;
  fs.rmSync(own, { force: true });
  return { server, ino };
}

function listen(server: net.Server, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(address);
  });
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

type Holder = { state: 'live'; pid: number | null } | { state: 'stale' } | { state: 'gone' };

/** Who is at `file`: a live holder (with the PID it tells), a stale file, or nothing (or nothing for long). */
function probe(file: string): Promise<Holder> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    let answer = '';
    let connected = false;
    const done = (holder: Holder) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(holder);
    };
    // Connected (or still connecting: the holder's backlog is full) but no answer: alive, its event loop busy.
    const timer = setTimeout(() => done({ state: 'live', pid: null }), ANSWER_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => (connected = true));
    socket.on('data', (chunk: string) => (answer += chunk));
    // A holder answers its PID and closes. A connection closed or reset with no answer — reset even before it was
    // established (ECONNRESET: seen in CI with a zombie holder) — was taken by a process in the midst of dying (its
    // last threads still holding the socket): look again in a moment.
    socket.on('end', () => {
      const pid = Number(answer.trim());
      done(Number.isInteger(pid) && pid > 0 ? { state: 'live', pid } : { state: 'gone' });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (connected || error.code === 'ECONNRESET') return done({ state: 'gone' });
      clearTimeout(timer);
      if (error.code === 'ECONNREFUSED') resolve({ state: 'stale' });
      else if (error.code === 'ENOENT') resolve({ state: 'gone' });
      else {
        const reason = `${file} (${error.code ?? error.message})`;
        reject(new Error(`Не удалось проверить блокировку ${reason}: проверьте права на файл`, { cause: error }));
      }
    });
  });
}

/**
 * Removes the stale lock at `file` under the takeover guard, after looking again: only one process at a time removes,
 * and it removes only a file that still refuses connections (a live holder's socket cannot appear there meanwhile:
 * linking fails while the stale file is in place).
 */
async function takeOver(dataDir: string, file: string): Promise<void> {
  const guardFile = `${file}.takeover`;
  const guard = await listenAt(guardFile);
  if (!guard) {
    const other = await probe(guardFile);
    // A guard that refuses was left by a process that died within a takeover's few milliseconds.
    if (other.state === 'stale') fs.rmSync(guardFile, { force: true });
    else await pause(); // another process is taking over: it needs a few milliseconds
    return;
  }
  try {
    const again = await probe(file);
    if (again.state === 'live') throw new DataDirLockedError(dataDir, again.pid);
    if (again.state === 'stale') fs.rmSync(file, { force: true });
  } finally {
    holding(guardFile, guard).release();
  }
}

function holding(file: string, { server, ino }: Listening): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // The path first, while the socket still listens (no one takes a live lock's path); then the socket.
    if (ino !== null) {
      try {
        if (fs.statSync(file).ino === ino) fs.rmSync(file, { force: true });
      } catch {
        /* already gone */
      }
    }
    server.close();
  };
  process.on('exit', release);
  return { file, release };
}
