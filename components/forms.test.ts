/**
 * Issue #9.12: a form submitted before the page's script has taken over (a slow phone, a slow network) must not fall
 * back to a GET that puts its fields — a password, a phone number, an order — into the URL, the browser's history and
 * every access log. Every form is either a server action (`action={…}`, or the props of `useFormAction`, which work
 * without the script) or a POST.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.tsx') ? [p] : [];
  });
}

describe('forms never fall back to GET', () => {
  const files = [...sources(path.join(root, 'components')), ...sources(path.join(root, 'app'))];
  const forms = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return [...text.matchAll(/<form\b([^>]*)>/g)].map((m) => ({
      where: `${path.relative(root, file)}:${text.slice(0, m.index).split('\n').length}`,
      attributes: m[1]!,
    }));
  });

  it('finds the forms', () => {
    expect(forms.length).toBeGreaterThan(10);
  });

  it.each(forms.map((f) => [f.where, f.attributes]))('%s posts or is a server action', (_where, attributes) => {
    // `{...form}` / `{...contacts.form}`: the props of useFormAction, whose `action` is the server action.
    const serverAction = /action=\{/.test(attributes) || /\{\.\.\.(\w+\.)?form\}/.test(attributes);
    expect(/method="post"/.test(attributes) || serverAction).toBe(true);
  });
});
