/**
 * Every server action of the application, found as the router walk finds procedures: each module under app/ that begins
 * with 'use server', imported, and its exports by name. The walks (server/actions/form-actions.test.ts, the role matrix,
 * institution isolation) check that each was built by `formAction` and call each as every role.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FormAction } from '../server/actions/form-action';

const ROOT = path.resolve(import.meta.dirname, '..');

function serverModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverModules(full);
    if (!/\.tsx?$/.test(entry.name)) return [];
    return /^\s*['"]use server['"]/.test(readFileSync(full, 'utf8')) ? [full] : [];
  });
}

/** `exportName → { module, value }` for every export of every 'use server' module under app/. */
export async function serverActionExports(): Promise<Map<string, { module: string; value: unknown }>> {
  const found = new Map<string, { module: string; value: unknown }>();
  for (const file of serverModules(path.join(ROOT, 'app'))) {
    const module = path.relative(ROOT, file);
    for (const [name, value] of Object.entries((await import(file)) as Record<string, unknown>)) {
      if (found.has(name)) throw new Error(`${name}: экспортирован и из ${found.get(name)!.module}, и из ${module}`);
      found.set(name, { module, value });
    }
  }
  return found;
}

/** The server actions by export name (only those built by `formAction`; the walk test fails on any other). */
export async function formActions(): Promise<Record<string, FormAction>> {
  const all = await serverActionExports();
  return Object.fromEntries(
    [...all]
      .filter(([, { value }]) => typeof value === 'function' && 'perform' in value)
      .map(([n, { value }]) => [n, value as FormAction]),
  );
}
