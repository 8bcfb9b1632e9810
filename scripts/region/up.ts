/**
 * npm run region:up [-- --seed demo|college] [-- --no-app] [-- --ttl 4h]
 *
 * Brings up the region on this machine's loopback (scripts/region/region.ts; ports and the data directory from
 * REGION_* variables, scripts/region/config.ts; docs/region.md). Run again, it starts only what is not running and
 * gives the watchdog a fresh TTL. Prints the addresses; `--json` prints them as JSON on stdout.
 */
import { parseTtl, regionConfig } from './config';
import { regionUp } from './region';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const json = process.argv.includes('--json');
const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
try {
  const config = regionConfig();
  if (arg('ttl')) config.ttlMs = parseTtl(arg('ttl')!);
  const seed = arg('seed');
  if (seed !== undefined && seed !== 'demo' && seed !== 'college')
    throw new Error(`--seed «${seed}»: допустимо demo или college`);
  const result = await regionUp(config, { seed, app: process.argv.includes('--no-app') ? false : undefined, log });
  if (json) console.log(JSON.stringify(result));
  else {
    const hide = (url: string) => url.replace(/:[^:@/]+@/, ':***@');
    console.log(
      [
        `Регион работает (${result.started.length ? `запущено: ${result.started.join(', ')}` : 'уже работал'}; ${(result.ms / 1000).toFixed(1)} с).`,
        `  запись:     ${hide(result.writeUrl)}`,
        `  чтение:     ${hide(result.readUrl)}`,
        `  приложение: ${result.appUrl ?? 'не запущено'}`,
        `  пароли и адреса: ${config.dir}/region.json; остановится само ${result.expiresAt} (npm run region:down)`,
      ].join('\n'),
    );
  }
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
