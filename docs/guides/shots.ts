/**
 * The pictures of the role guides (docs/guides/*.md), in one place: `npm run docs:screenshots`
 * (scripts/docs-screenshots.ts) takes each from a fresh demo college into `docs/guides/img/<name>.png`, and
 * docs/guides.test.ts fails when a guide shows a picture that is not here (or not taken yet), or a shot here is shown by
 * no guide.
 */
import type { Page } from '@playwright/test';

/** Staff work at a desk; students and parents mostly on a phone (the portal is made for 375 px first). */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

export interface Shot {
  /** The file: docs/guides/img/<name>.png. */
  name: string;
  /** A demo login (README, «Демонстрационные учётные записи»), or null for a page opened without signing in. */
  login: string | null;
  /** Where the shot starts: an address of the app (the guides name the same). */
  path: string;
  viewport: ViewportName;
  /** What to do on the page before the picture: follow a link to a record, open a dialog… */
  action?: (page: Page) => Promise<void>;
}

/** The demo password of every demo login (demo data only). */
export const DEMO_PASSWORD = 'demo2026';

/** Follows the first link matching `selector` (a journal, a group, a student) and waits for the new address. */
async function follow(page: Page, selector: string) {
  const before = page.url();
  await page.locator(selector).first().click();
  await page.waitForURL((url) => url.href !== before);
}

/** Follows the link named exactly `name` (a link of the page, not of the menu). */
async function followNamed(page: Page, name: string) {
  const before = page.url();
  await page.locator('main').getByRole('link', { name, exact: true }).first().click();
  await page.waitForURL((url) => url.href !== before);
}

/** The demo college's day (its zone is the default, Europe/Moscow): lessons after it are still to come. */
function collegeToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Moscow' }).format(new Date());
}

/**
 * The journal grid scrolled to its latest lesson held by today (the grid renders only the columns in view): from the
 * right end leftwards until such a lesson's header is rendered. Returns that header.
 */
async function latestHeldLesson(page: Page) {
  const today = collegeToday();
  await page.locator('.ag-cell').first().waitFor();
  const headers = page.locator('button.lesson-header');
  // The grid's horizontal scrollers (as e2e/journal-helpers.ts scrolls them); `to` null: one screen to the left.
  const scrollTo = (to: 'end' | null) =>
    page.evaluate((end) => {
      const els = [...document.querySelectorAll<HTMLElement>('.ag-body-horizontal-scroll-viewport, .ag-grid-viewport')];
      const first = els[0];
      if (!first) return 0;
      const left = end ? first.scrollWidth : Math.max(0, first.scrollLeft - first.clientWidth * 0.8);
      for (const el of els) el.scrollLeft = left;
      return left;
    }, to === 'end');
  await scrollTo('end');
  for (let step = 0; step < 60; step++) {
    await page.waitForTimeout(250);
    const dates = await headers.evaluateAll((els) => els.map((e) => e.getAttribute('data-lesson-date') ?? ''));
    const held = dates.map((date, index) => ({ date, index })).filter((d) => d.date !== '' && d.date <= today);
    if (held.length > 0) {
      const last = held.reduce((a, b) => (b.date >= a.date ? b : a));
      return headers.nth(last.index);
    }
    if ((await scrollTo(null)) === 0) break;
  }
  return headers.first();
}

/** Opens the first journal of the list and shows its latest held lesson. */
async function openJournal(page: Page) {
  await follow(
    page,
    '[data-testid="journals"] a[href^="/journals/"], [data-testid="assignments"] a[href^="/journals/"]',
  );
  await (await latestHeldLesson(page)).scrollIntoViewIfNeeded();
}

export const SHOTS: readonly Shot[] = [
  // Преподаватель — docs/guides/prepodavatel.md
  { name: 'prepod-home', login: 'prepod', path: '/', viewport: 'desktop' },
  { name: 'prepod-journal', login: 'prepod', path: '/journals', viewport: 'desktop', action: openJournal },
  {
    name: 'prepod-lesson',
    login: 'prepod',
    path: '/journals',
    viewport: 'desktop',
    action: async (page) => {
      await openJournal(page);
      await (await latestHeldLesson(page)).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'prepod-ktp',
    login: 'prepod',
    path: '/journals',
    viewport: 'desktop',
    action: async (page) => {
      await openJournal(page);
      await follow(page, 'a[href$="/ktp"]');
    },
  },
  { name: 'prepod-timetable', login: 'prepod', path: '/timetable/my', viewport: 'desktop' },
  { name: 'prepod-hours', login: 'prepod', path: '/hours', viewport: 'desktop' },

  // Куратор — docs/guides/kurator.md
  { name: 'kurator-home', login: 'kurator', path: '/', viewport: 'desktop' },
  {
    name: 'kurator-group-week',
    login: 'kurator',
    path: '/',
    viewport: 'desktop',
    action: (page) => followNamed(page, 'Неделя группы'),
  },
  {
    name: 'kurator-subgroups',
    login: 'kurator',
    path: '/',
    viewport: 'desktop',
    action: (page) => followNamed(page, 'Подгруппы'),
  },
  {
    name: 'kurator-access',
    login: 'kurator',
    path: '/',
    viewport: 'desktop',
    action: (page) => followNamed(page, 'Доступ студентов и родителей'),
  },
  {
    name: 'kurator-student',
    login: 'kurator',
    path: '/',
    viewport: 'desktop',
    action: (page) => follow(page, 'main a[href^="/students/"]'),
  },
  { name: 'kurator-reports', login: 'kurator', path: '/reports', viewport: 'desktop' },

  // Методист — docs/guides/metodist.md
  { name: 'metodist-setup', login: 'metodist', path: '/timetable/setup', viewport: 'desktop' },
  { name: 'metodist-timetable', login: 'metodist', path: '/timetable', viewport: 'desktop' },
  {
    name: 'metodist-timetable-week',
    login: 'metodist',
    path: '/timetable/week',
    viewport: 'desktop',
    action: async (page) => {
      // A lesson's «Изменить» opened: cancel, move, substitute (the demo's week may have no lessons yet).
      const change = page.locator('table.week-grid details.change > summary', { hasText: 'Изменить' }).first();
      if ((await change.count()) > 0) {
        await change.click();
        await change.scrollIntoViewIfNeeded();
      }
    },
  },
  { name: 'metodist-timetable-view', login: 'metodist', path: '/timetable/view?kind=teacher', viewport: 'desktop' },
  { name: 'metodist-control', login: 'metodist', path: '/control', viewport: 'desktop' },
  { name: 'metodist-reports', login: 'metodist', path: '/reports', viewport: 'desktop' },
  { name: 'metodist-notices', login: 'metodist', path: '/notices', viewport: 'desktop' },

  // Заведующий отделением — docs/guides/zaveduyushchiy.md
  { name: 'zav-home', login: 'zav', path: '/', viewport: 'desktop' },
  {
    name: 'zav-curriculum',
    login: 'zav',
    path: '/curricula',
    viewport: 'desktop',
    action: (page) => follow(page, 'main a[href^="/curricula/"]'),
  },
  { name: 'zav-load', login: 'zav', path: '/load', viewport: 'desktop' },
  { name: 'zav-control', login: 'zav', path: '/control', viewport: 'desktop' },
  { name: 'zav-hours', login: 'zav', path: '/hours', viewport: 'desktop' },

  // Администратор колледжа, региональный администратор — docs/guides/administrator.md
  { name: 'admin-structure', login: 'admin', path: '/admin/structure', viewport: 'desktop' },
  { name: 'admin-staff', login: 'admin', path: '/admin/staff', viewport: 'desktop' },
  { name: 'admin-years', login: 'admin', path: '/admin/years', viewport: 'desktop' },
  { name: 'admin-transfer', login: 'admin', path: '/admin/transfer', viewport: 'desktop' },
  { name: 'admin-retention', login: 'admin', path: '/admin/retention', viewport: 'desktop' },
  { name: 'admin-activity', login: 'admin', path: '/control/activity', viewport: 'desktop' },
  { name: 'admin-sign-ins', login: 'admin', path: '/security/sign-ins', viewport: 'desktop' },
  { name: 'region-colleges', login: 'region', path: '/region', viewport: 'desktop' },
  { name: 'region-indicators', login: 'region', path: '/region/indicators', viewport: 'desktop' },

  // Родитель и студент — docs/guides/roditel-i-student.md
  { name: 'student-home', login: 'student', path: '/', viewport: 'phone' },
  {
    name: 'student-family',
    login: 'student',
    path: '/family',
    viewport: 'phone',
    action: async (page) => {
      const subject = page.locator('details.subject > summary').first();
      if ((await subject.count()) > 0) await subject.click();
    },
  },
  { name: 'student-timetable', login: 'student', path: '/timetable/my', viewport: 'phone' },
  { name: 'student-consent', login: 'student', path: '/family/consent', viewport: 'phone' },
  { name: 'roditel-home', login: 'roditel', path: '/', viewport: 'phone' },
  { name: 'roditel-family', login: 'roditel', path: '/family', viewport: 'phone' },

  // Технический специалист — docs/guides/tekhnik.md
  { name: 'login', login: null, path: '/login', viewport: 'desktop' },
];
