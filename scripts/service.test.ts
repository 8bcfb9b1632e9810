import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceProblems, serviceUnits, type ServiceOptions } from './service-units';

const npm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
const base: ServiceOptions = {
  root: path.resolve(import.meta.dirname, '..'),
  user: 'ezh',
  group: 'ezh',
  port: 3000,
  dataDir: '/var/lib/ezh',
  backupDir: '/var/backups/ezh',
  keepDays: 30,
  backupTime: '03:00',
  envFile: '/etc/ezh/ezh.env',
  npm,
  databaseUrl: null,
  publicUrl: null,
};
const unit = (o: ServiceOptions, name: string) => serviceUnits(o, 'секрет-для-теста').find((f) => f.name === name)!;
const lines = (text: string) => text.split('\n');

describe('npm run service: the systemd units of a college server', () => {
  it('runs npm start from the checkout, restarts on failure, stops cleanly through start.ts', () => {
    const service = lines(unit(base, 'ezh.service').text);
    expect(service).toEqual(
      expect.arrayContaining([
        `WorkingDirectory=${base.root}`,
        `ExecStart=${npm} start`,
        'Restart=on-failure',
        'KillMode=mixed',
        'Environment=PORT=3000',
        'Environment=DATA_DIR=/var/lib/ezh',
        'EnvironmentFile=/etc/ezh/ezh.env',
        'User=ezh',
        'WantedBy=multi-user.target',
      ]),
    );
  });

  it('copies the embedded database nightly with the app stopped and started again, and deletes copies past the days kept', () => {
    const backup = lines(unit(base, 'ezh-backup.service').text);
    expect(backup).toEqual(
      expect.arrayContaining([
        'ExecStartPre=+/bin/systemctl stop ezh.service',
        `ExecStart=${npm} run -s db:backup -- /var/backups/ezh`,
        'ExecStart=/usr/bin/find /var/backups/ezh -maxdepth 1 -name ezh-* -mtime +30 -delete',
        'ExecStopPost=+/bin/systemctl start ezh.service',
      ]),
    );
    expect(lines(unit(base, 'ezh-backup.timer').text)).toEqual(
      expect.arrayContaining(['OnCalendar=*-*-* 03:00:00', 'Persistent=true']),
    );
  });

  it('on PostgreSQL copies with the app running and starts after the server', () => {
    const pg = { ...base, databaseUrl: 'postgres://ezh:pw@127.0.0.1:5432/ezh' };
    const backup = unit(pg, 'ezh-backup.service').text;
    expect(backup).not.toContain('systemctl stop');
    expect(backup).toContain('After=postgresql.service');
    expect(unit(pg, 'ezh.service').text).toContain('After=network-online.target postgresql.service');
    expect(lines(unit(pg, 'ezh.env').text)).toContain('DATABASE_URL=postgres://ezh:pw@127.0.0.1:5432/ezh');
  });

  it('keeps the secrets in a file of the root only, never in a unit', () => {
    const files = serviceUnits({ ...base, publicUrl: 'https://ezh.college.ru' }, 'секрет-для-теста');
    const env = files.find((f) => f.name === 'ezh.env')!;
    expect(env.mode).toBe(0o600);
    expect(lines(env.text)).toEqual(
      expect.arrayContaining(['NEXTAUTH_SECRET=секрет-для-теста', 'PUBLIC_URL=https://ezh.college.ru']),
    );
    for (const f of files.filter((x) => x.name !== 'ezh.env')) expect(f.text).not.toContain('секрет-для-теста');
    // Without a given secret each rendering makes its own random one.
    expect(unit(base, 'ezh.env').text).not.toEqual(serviceUnits(base).find((f) => f.name === 'ezh.env')!.text);
  });

  it('refuses bad options in Russian, naming each', () => {
    expect(
      serviceProblems({ ...base, port: 70000, keepDays: 0, backupTime: '25:00', dataDir: 'data', user: 'Ezh User' }),
    ).toEqual([
      '--port: «70000» — не номер порта',
      '--keep-days: «0» — не число дней',
      '--backup-time: «25:00» — не время ЧЧ:ММ',
      '--data-dir: «data» — нужен абсолютный путь',
      '--user: «Ezh User» — не имя пользователя Linux',
    ]);
    expect(serviceProblems(base)).toEqual([]);
  });

  const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
  it.skipIf(!analyze)('passes systemd-analyze verify without a warning (this machine has it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-units-'));
    try {
      for (const options of [base, { ...base, databaseUrl: 'postgres://ezh@127.0.0.1/ezh' }]) {
        const files = serviceUnits({ ...options, user: 'root', group: 'root', envFile: path.join(dir, 'ezh.env') });
        for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.text);
        const run = spawnSync(
          analyze,
          ['verify', '--man=no', ...files.filter((f) => f.name !== 'ezh.env').map((f) => path.join(dir, f.name))],
          {
            encoding: 'utf8',
          },
        );
        expect(run.stderr.trim()).toBe('');
        expect(run.status).toBe(0);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
