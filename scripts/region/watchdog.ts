/**
 * The region's watchdog (started by `region:up`, one per data directory): sleeps until the deadline, then stops every
 * process of the region as `region:down` does, so that nothing started for a session runs on this machine forever.
 * Usage: node --import tsx scripts/region/watchdog.ts <dir> <deadline, ms since epoch>
 */
import { regionDown } from './region';

const [dir, deadline] = process.argv.slice(2);
if (!dir || !Number.isFinite(Number(deadline))) {
  console.error('usage: watchdog.ts <dir> <deadline-ms>');
  process.exit(2);
}
const wait = Math.max(0, Number(deadline) - Date.now());
console.log(`[watchdog] ${dir}: всё будет остановлено ${new Date(Number(deadline)).toISOString()}`);
// setTimeout takes at most 2^31-1 ms (≈24.8 days); a longer TTL is checked again when that passes.
const tick = () => {
  const left = Number(deadline) - Date.now();
  if (left > 0) return void setTimeout(tick, Math.min(left, 2 ** 31 - 1));
  console.log(`[watchdog] ${new Date().toISOString()}: срок вышел — останавливаю регион`);
  regionDown(dir, { log: (line) => console.log(`[watchdog] ${line}`) }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
setTimeout(tick, Math.min(wait, 2 ** 31 - 1));
