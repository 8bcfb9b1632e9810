/**
 * npm run region:down [-- --purge]
 *
 * Stops every process `region:up` started in REGION_DIR (by its pid files); `--purge` also removes the data.
 */
import { regionConfig } from './config';
import { regionDown } from './region';

try {
  const { dir } = regionConfig();
  const stopped = await regionDown(dir, { purge: process.argv.includes('--purge') });
  if (stopped.length === 0) console.log(`Регион в ${dir} не работал.`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
