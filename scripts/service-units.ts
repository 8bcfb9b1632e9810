/**
 * The systemd units of a college's server (`npm run service`, docs/technician.md): the journal as a service that
 * restarts on failure, and a nightly copy of its database with the old copies deleted. Rendered from
 * scripts/templates/ezh*.tmpl.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { renderTemplate } from './template';

export interface ServiceOptions {
  /** The checkout the service runs from (`npm start` there). */
  root: string;
  user: string;
  group: string;
  port: number;
  /** DATA_DIR: the embedded database and the secrets' files. */
  dataDir: string;
  /** Where the nightly copies go; copies older than `keepDays` days are deleted. */
  backupDir: string;
  keepDays: number;
  /** HH:MM, the server's time zone. */
  backupTime: string;
  /** The secrets' file (EnvironmentFile): NEXTAUTH_SECRET, PUBLIC_URL, DATABASE_URL. */
  envFile: string;
  /** npm's absolute path; its directory (node's) leads the service's PATH. */
  npm: string;
  /** A PostgreSQL server: the app is not stopped for the nightly copy, and the units start after PostgreSQL. */
  databaseUrl: string | null;
  publicUrl: string | null;
}

export interface UnitFile {
  name: string;
  text: string;
  /** 0o600 for the secrets' file. */
  mode: number;
}

const templates = path.join(import.meta.dirname, 'templates');
export const SERVICE = 'ezh.service';

/** Refusals in Russian naming the option, before anything is written. */
export function serviceProblems(o: ServiceOptions): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) problems.push(`--port: «${o.port}» — не номер порта`);
  if (!Number.isInteger(o.keepDays) || o.keepDays < 1) problems.push(`--keep-days: «${o.keepDays}» — не число дней`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(o.backupTime))
    problems.push(`--backup-time: «${o.backupTime}» — не время ЧЧ:ММ`);
  for (const [flag, value] of [
    ['--data-dir', o.dataDir],
    ['--backup-dir', o.backupDir],
    ['--env-file', o.envFile],
  ] as const) {
    if (!path.isAbsolute(value)) problems.push(`${flag}: «${value}» — нужен абсолютный путь`);
    if (/\s|%/.test(value)) problems.push(`${flag}: «${value}» — путь без пробелов и знака %`);
  }
  if (!/^[a-z_][a-z0-9_-]*$/.test(o.user)) problems.push(`--user: «${o.user}» — не имя пользователя Linux`);
  return problems;
}

/** The service, the nightly copy (service and timer) and the secrets' file with a new random session key. */
export function serviceUnits(o: ServiceOptions, secret = crypto.randomBytes(32).toString('base64')): UnitFile[] {
  const pglite = o.databaseUrl === null;
  const common = {
    root: o.root,
    user: o.user,
    group: o.group,
    dataDir: o.dataDir,
    envFile: o.envFile,
    npm: o.npm,
    path: [...new Set([path.dirname(o.npm), '/usr/local/bin', '/usr/bin', '/bin'])].join(':'),
    after: pglite ? '' : 'postgresql.service',
  };
  const render = (name: string, vars: Record<string, string | number>) =>
    renderTemplate(path.join(templates, `${name}.tmpl`), vars)
      .replace(/\n(?=\n(?:Exec|\n|$))/g, '')
      .replace(/\n{3,}/g, '\n\n');
  return [
    { name: SERVICE, mode: 0o644, text: render(SERVICE, { ...common, port: o.port }) },
    {
      name: 'ezh-backup.service',
      mode: 0o644,
      text: render('ezh-backup.service', {
        ...common,
        backupDir: o.backupDir,
        keepDays: o.keepDays,
        stopApp: pglite ? `ExecStartPre=+/bin/systemctl stop ${SERVICE}` : '',
        startApp: pglite ? `ExecStopPost=+/bin/systemctl start ${SERVICE}` : '',
      }),
    },
    { name: 'ezh-backup.timer', mode: 0o644, text: render('ezh-backup.timer', { backupTime: o.backupTime }) },
    {
      name: 'ezh.env',
      mode: 0o600,
      text: render('ezh.env', {
        secret,
        publicUrl: o.publicUrl ? `PUBLIC_URL=${o.publicUrl}` : '',
        databaseUrl: o.databaseUrl ? `DATABASE_URL=${o.databaseUrl}` : '',
      }),
    },
  ];
}
