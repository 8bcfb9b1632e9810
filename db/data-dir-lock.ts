import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DataDirLock {
  file: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `База данных в каталоге ${dataDir} уже открыта другим процессом (PID ${holderPid}). ` +
        `Встроенная база (PGlite) допускает только один процесс: остановите его или задайте другой DATA_DIR. ` +
        `(The embedded database in ${dataDir} is already open in process ${holderPid}.)`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>.lock` (beside the directory, so that PGlite's own files are never touched) with O_EXCL.
 * A lock left by a dead process on this host is taken over; a live holder makes the open fail.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = `${path.resolve(dataDir)}.lock`;
  const content = JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (holder.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.on('exit', release);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid: number; host?: string } | undefined;
      try {
        holder = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; host?: string };
      } catch {
        holder = undefined; // half-written or unreadable: treat as stale below
      }
      const sameHost = !holder?.host || holder.host === os.hostname();
      if (holder && holder.pid === process.pid) throw new DataDirLockedError(dataDir, holder.pid);
      if (holder && (!sameHost || isAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder.pid);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Не удалось захватить блокировку ${file}`);
}
