/**
 * The role guides stay true to the app (issue #29, item 4): every address a guide names is a page or a route of `app/`,
 * every picture a guide shows is taken by `npm run docs:screenshots` and is on disk, and every picture taken is shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS } from './guides/shots';

const root = path.resolve(import.meta.dirname, '..');
const appDir = path.join(root, 'app');
const guidesDir = path.join(root, 'docs', 'guides');
const imgDir = path.join(guidesDir, 'img');

/** One guide per role (docs/guides). */
const GUIDES = [
  'prepodavatel.md',
  'kurator.md',
  'metodist.md',
  'zaveduyushchiy.md',
  'administrator.md',
  'roditel-i-student.md',
  'tekhnik.md',
];
/** Other documents that name the app's addresses. */
const OTHER_DOCS = ['README.md', 'docs/configuration.md', 'docs/technician.md'];

/** A route of the app as its segments: a literal folder name or `[param]` (`[...param]` takes the rest). */
type Route = string[];

/** Every page and route handler under app/: route groups `(app)` are dropped, private `_folders` are not routes. */
function appRoutes(dir = appDir, prefix: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith('_') || entry.name.startsWith('@')) continue;
      const group = /^\(.*\)$/.test(entry.name);
      routes.push(...appRoutes(path.join(dir, entry.name), group ? prefix : [...prefix, entry.name]));
    } else if (/^(page|route)\.(tsx|ts|jsx|js)$/.test(entry.name)) {
      routes.push(prefix);
    } else if (prefix.length === 0 && /^manifest\.(ts|js)$/.test(entry.name)) {
      routes.push(['manifest.webmanifest']);
    }
  }
  return routes;
}

/** A segment a guide writes for «some id»: `N`, a number, `<код>`, `[id]`. */
const PLACEHOLDER = /^(N|\d+|<[^>]+>|\[[^\]]+\])$/;

function segmentMatches(route: string, written: string): boolean {
  if (/^\[.+\]$/.test(route)) return PLACEHOLDER.test(written);
  return route === written;
}

/** Does the address (with its query and placeholders) open a page or a route of the app? */
function resolves(address: string, routes: Route[] = appRoutes()): boolean {
  const bare = address.split(/[?#]/)[0]!.replace(/\/+$/, '');
  const written = bare === '' ? [] : bare.slice(1).split('/');
  return routes.some((route) => {
    const rest = route.findIndex((s) => /^\[\[?\.\.\./.test(s));
    if (rest >= 0)
      return (
        written.length >= (route[rest]!.startsWith('[[') ? rest : rest + 1) &&
        route.slice(0, rest).every((s, i) => segmentMatches(s, written[i]!))
      );
    return route.length === written.length && route.every((s, i) => segmentMatches(s, written[i]!));
  });
}

/** Absolute paths of a server's file system that documents name (`/etc/ezh/ezh.env`): not addresses of the app. */
const FILE_SYSTEM = /^\/(etc|var|opt|usr|tmp|mnt|home|srv|dev|proc|root|bin|sbin|lib|run|media|sys)(\/|$)/;

/** The app's addresses a Markdown text names: inline code that starts with `/` (code blocks are commands, not named). */
function namedAddresses(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const found = new Set<string>();
  for (const [, code] of text.matchAll(/`([^`\n]+)`/g)) {
    const address = code!.trim().split(/\s/)[0]!;
    if (/^\/([a-z]|$)/.test(address) && !FILE_SYSTEM.test(address)) found.add(address);
  }
  return [...found];
}

/** The pictures a guide shows: `![…](img/<name>.png)`. */
function shownImages(markdown: string): string[] {
  return [...markdown.matchAll(/!\[[^\]]*\]\(img\/([^)\s]+)\.png\)/g)].map((m) => m[1]!);
}

const read = (file: string) => fs.readFileSync(file, 'utf8');
const guideText = Object.fromEntries(GUIDES.map((g) => [g, read(path.join(guidesDir, g))]));

describe('role guides (docs/guides)', () => {
  const routes = appRoutes();

  it('the check itself: addresses resolve against the route folders, route groups and [params]', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(resolves('/', routes)).toBe(true);
    expect(resolves('/timetable/week', routes)).toBe(true);
    expect(resolves('/journals/N/ktp', routes)).toBe(true);
    expect(resolves('/journals/<id>?lesson=…&student=…', routes)).toBe(true);
    expect(resolves('/api/reports/hours?format=xlsx', routes)).toBe(true);
    expect(resolves('/timetable/weekly', routes)).toBe(false);
    expect(resolves('/journals/N/plan', routes)).toBe(false);
    expect(resolves('/journals/ktp', routes)).toBe(false);
    expect(namedAddresses('Откройте `/timetable/week` и `/etc/ezh/ezh.env`.\n```\ncurl /nowhere\n```')).toEqual([
      '/timetable/week',
    ]);
  });

  it('every address named in a guide (and in the README) is a page or a route of the app', () => {
    const missing: string[] = [];
    const named: Record<string, string[]> = {
      ...Object.fromEntries(GUIDES.map((g) => [`docs/guides/${g}`, namedAddresses(guideText[g]!)])),
      ...Object.fromEntries(OTHER_DOCS.map((d) => [d, namedAddresses(read(path.join(root, d)))])),
    };
    for (const [doc, addresses] of Object.entries(named))
      for (const address of addresses) if (!resolves(address, routes)) missing.push(`${doc}: ${address}`);
    expect(missing).toEqual([]);
    // Each guide sends its reader somewhere.
    for (const g of GUIDES) expect(named[`docs/guides/${g}`], g).not.toEqual([]);
  });

  it('every shot starts at an address of the app', () => {
    expect(SHOTS.filter((s) => !resolves(s.path, routes)).map((s) => `${s.name}: ${s.path}`)).toEqual([]);
    const names = SHOTS.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('every picture a guide shows is in the list of shots', () => {
    const listed = new Set(SHOTS.map((s) => s.name));
    const unknown = GUIDES.flatMap((g) =>
      shownImages(guideText[g]!)
        .filter((n) => !listed.has(n))
        .map((n) => `${g}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });

  it('every shot is shown by a guide', () => {
    const shown = new Set(GUIDES.flatMap((g) => shownImages(guideText[g]!)));
    expect(SHOTS.filter((s) => !shown.has(s.name)).map((s) => s.name)).toEqual([]);
  });

  it('every picture a guide shows is on disk (npm run docs:screenshots makes them)', () => {
    const absent = GUIDES.flatMap((g) =>
      shownImages(guideText[g]!)
        .filter((n) => !fs.existsSync(path.join(imgDir, `${n}.png`)))
        .map((n) => `${g}: img/${n}.png`),
    );
    expect(absent).toEqual([]);
  });
});
