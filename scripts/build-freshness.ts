import fs from 'node:fs';
import path from 'node:path';

/** What a production build is made from: a change to any of these needs a new build. */
const SOURCES = [
  'app',
  'components',
  'server',
  'domain',
  'db',
  'package.json',
  'package-lock.json',
  'next.config.ts',
  'proxy.ts',
  'tsconfig.json',
  'instrumentation.ts',
];

function newestChange(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestChange(path.join(file, entry)));
  }
  return newest;
}

/** True when `.next` holds no production build, or one older than the newest source file. */
export function buildIsStale(root: string): boolean {
  const buildId = fs.statSync(path.join(root, '.next', 'BUILD_ID'), { throwIfNoEntry: false });
  if (!buildId) return true;
  return SOURCES.some((s) => newestChange(path.join(root, s)) > buildId.mtimeMs);
}
