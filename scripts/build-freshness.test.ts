import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale } from './build-freshness';

describe('npm start builds when needed', () => {
  it('builds without a build, not again while the sources are older, again after a source changed', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ezh-build-'));
    fs.mkdirSync(path.join(root, 'app'));
    fs.writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 1;');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(root, 'app', 'page.tsx'), past, past);
    fs.utimesSync(path.join(root, 'app'), past, past);
    expect(buildIsStale(root)).toBe(true);
    fs.mkdirSync(path.join(root, '.next'));
    fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'x');
    expect(buildIsStale(root)).toBe(false);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'app', 'page.tsx'), later, later);
    expect(buildIsStale(root)).toBe(true);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
