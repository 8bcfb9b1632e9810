import fs from 'node:fs';

/**
 * A config file from its template: every `{{name}}` is replaced by `vars[name]`. Lines starting with `##` are the
 * template's own comments and are dropped. Throws naming a placeholder without a value, so that a renamed variable
 * never renders an empty setting.
 */
export function renderTemplate(file: string, vars: Record<string, string | number>): string {
  const text = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('##'))
    .join('\n');
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${file}: нет значения для {{${name}}}`);
    return String(value);
  });
}
