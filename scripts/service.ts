/**
 * npm run service [-- --write] [-- --user ezh] [-- --port 3000] [-- --data-dir /var/lib/ezh]
 *   [-- --backup-dir /var/backups/ezh] [-- --keep-days 30] [-- --backup-time 03:00] [-- --env-file /etc/ezh/ezh.env]
 *   [-- --public-url https://…] [-- --database-url postgres://…] [-- --unit-dir /etc/systemd/system]
 *
 * The journal as a Linux service (docs/technician.md): prints the systemd units for this checkout, or with `--write`
 * (as root) writes them, the secrets' file (only when it is not there: a new session key would sign everyone out) and
 * the data and backup directories owned by the service's user, and says what to run next.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serviceProblems, serviceUnits, SERVICE, type ServiceOptions } from './service-units';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const write = process.argv.includes('--write');
const user = arg('user', 'ezh');
const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
const options: ServiceOptions = {
  root: path.resolve(import.meta.dirname, '..'),
  user,
  group: arg('group', user),
  port: Number(arg('port', '3000')),
  dataDir: arg('data-dir', '/var/lib/ezh'),
  backupDir: arg('backup-dir', '/var/backups/ezh'),
  keepDays: Number(arg('keep-days', '30')),
  backupTime: arg('backup-time', '03:00'),
  envFile: arg('env-file', '/etc/ezh/ezh.env'),
  npm,
  databaseUrl: arg('database-url', process.env.DATABASE_URL ?? '') || null,
  publicUrl: arg('public-url', process.env.PUBLIC_URL ?? '') || null,
};
const problems = serviceProblems(options);
if (problems.length) {
  console.error(`Службу не описать: ${problems.join('; ')}`);
  process.exit(1);
}
const unitDir = arg('unit-dir', '/etc/systemd/system');
const files = serviceUnits(options);
const target = (name: string) => (name === 'ezh.env' ? options.envFile : path.join(unitDir, name));

if (!write) {
  for (const f of files) console.log(`# ── ${target(f.name)}${f.mode === 0o600 ? ' (chmod 600)' : ''}\n${f.text}`);
  console.log('# Записать эти файлы и каталоги: sudo npm run service -- --write (с теми же параметрами)');
  process.exit(0);
}

const ids = (() => {
  try {
    return {
      uid: Number(execFileSync('id', ['-u', user], { encoding: 'utf8' })),
      gid: Number(execFileSync('id', ['-g', user], { encoding: 'utf8' })),
    };
  } catch {
    console.error(
      `Нет пользователя ${user}. Создайте его: useradd --system --home-dir ${options.dataDir} --shell /usr/sbin/nologin ${user}`,
    );
    process.exit(1);
  }
})();
for (const f of files) {
  const file = target(f.name);
  if (f.name === 'ezh.env' && fs.existsSync(file)) {
    console.log(`${file} уже есть — оставлен как есть (в нём ключ сеансов)`);
    continue;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, f.text, { mode: f.mode });
  fs.chmodSync(file, f.mode);
  console.log(`Записан ${file}`);
}
for (const dir of [options.dataDir, options.backupDir]) {
  fs.mkdirSync(dir, { recursive: true });
  fs.chownSync(dir, ids.uid, ids.gid);
}
// The checkout's build and its .data are written by the service's user too.
console.log(
  [
    `Каталоги ${options.dataDir} и ${options.backupDir} принадлежат ${user}.`,
    `Дальше: chown -R ${user}: ${options.root}  (сборка пишется в .next)`,
    `        systemctl daemon-reload && systemctl enable --now ${SERVICE} ezh-backup.timer`,
    `        systemctl status ${SERVICE}; journalctl -u ${SERVICE} -f`,
    `        curl -f http://127.0.0.1:${options.port}/api/health`,
  ].join('\n'),
);
