import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** A program the tooling needs and the Debian package it comes in; `services` are the units the package may start. */
export interface DebianNeed {
  /** An executable path (`/usr/bin/patroni`) or a command looked up in PATH (`haproxy`). */
  command: string;
  package: string;
  services?: string[];
}

function present(command: string): boolean {
  if (command.startsWith('/')) {
    try {
      fs.accessSync(command, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The apt-get command line that installs `packages` (what a non-root user is told to run). */
export function installCommand(packages: string[]): string {
  return `apt-get update && apt-get install -y ${packages.join(' ')}`;
}

/**
 * Makes sure every `need` is installed: a missing one is installed from Debian's packages when run as root (as
 * scripts/chromium.ts installs Chromium), else this throws naming the exact command to run. Services the packages
 * start on install (Debian's etcd-server starts etcd on 2379, haproxy its own instance) are stopped and disabled at
 * once when systemd runs, so that only the processes the tooling starts itself listen. Throws on a failed install.
 */
export function ensureDebianPackages(needs: DebianNeed[], log: (line: string) => void): void {
  const missing = needs.filter((n) => !present(n.command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((n) => n.package))];
  const command = installCommand(packages);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(`Нет пакетов Debian ${packages.join(', ')}. Установите их (от root): ${command}`);
  log(`Устанавливаю пакеты Debian: ${command}`);
  const run = spawnSync('sh', ['-c', `(${command}) >/dev/null`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const still = missing.filter((n) => !present(n.command));
  if (run.status !== 0 || still.length > 0)
    throw new Error(`Не удалось установить ${packages.join(', ')}. Выполните от root: ${command}`);
  const services = missing.flatMap((n) => n.services ?? []);
  if (services.length > 0 && fs.existsSync('/run/systemd/system')) {
    log(`Останавливаю службы, запущенные установкой: ${services.join(', ')}`);
    spawnSync('systemctl', ['disable', '--now', ...services], { stdio: 'ignore' });
  }
}
