/**
 * Issue #27, item 6: a teacher types through a failover in Chromium (Debian's) and loses nothing. The demo teacher
 * opens a journal of the current term on the region's app and types a mark every ≈0.7 s down the column of the last
 * lesson held; `kill` (the primary's death) is called after ≈4 s; typing goes on for `seconds`. The save status the
 * teacher sees is recorded as it changes; then every typed mark is looked up in the database (the journal page over
 * HTTP once «Сохранено» shows).
 *
 * Figures: `browserFailoverTyped` (marks typed), `browserFailoverLost` (typed but not in the database),
 * `browserFailoverStatuses` (the distinct texts of the status, in order: «Нет связи — …» expected, then «Сохранено»),
 * `browserFailoverSavedMs` (from the kill until «Сохранено» showed for the last time).
 */
import { chromium } from '@playwright/test';
import { todayIn } from '../domain/dates';
import { unpackCells, type JournalCell } from '../domain/journal-cells';
import { ensureChromium } from '../scripts/chromium';
import { sleep } from './editors';

interface PageShape {
  timeZone: string;
  students: { id: number; spans: { from: string; to: string | null }[] }[];
  lessons: { id: number; date: string }[];
  cells: string;
}

export async function typeThroughFailover(
  base: string,
  login: string,
  password: string,
  assignmentId: number,
  kill: () => Promise<void> | void,
  seconds: number,
  log: (s: string) => void,
): Promise<Record<string, unknown>> {
  const executablePath = ensureChromium(log);
  if (!executablePath) return { browserFailoverTyped: null };
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/login`);
    await page.fill('#login', login);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const journal = async () => {
      const input = encodeURIComponent(JSON.stringify({ json: { assignmentId } }));
      const res = await page.request.get(`${base}/api/trpc/journal.page?input=${input}`);
      const data = ((await res.json()) as { result: { data: { json: PageShape } } }).result.data.json;
      return { ...data, cells: unpackCells(data.cells) };
    };
    const before = await journal();
    const today = todayIn(before.timeZone);
    const lesson = before.lessons.filter((l) => l.date <= today).at(-1)!;
    await page.goto(`${base}/journals/${assignmentId}`);
    await page.locator('.ag-cell').first().waitFor();
    // The grid draws only the columns in view: scrolled right until the lesson's column is there.
    const header = page.locator(`button.lesson-header[data-lesson-id="${lesson.id}"]`);
    for (let x = 0; x < 200 && (await header.count()) === 0; x++)
      await page
        .locator('.ag-body-horizontal-scroll-viewport')
        .first()
        .evaluate((el) => (el.scrollLeft += 200));
    // Every text the status shows, in order, as the teacher would see it change.
    // (A string: tsx names the functions it compiles, and a function sent to the page would call its missing helper.)
    await page.evaluate(`{
      window.__statuses = [];
      const el = document.querySelector('[data-testid="save-status"]');
      const note = () => window.__statuses.push({ at: Date.now(), text: el.textContent ?? '' });
      note();
      new MutationObserver(note).observe(el, { childList: true, characterData: true, subtree: true });
    }`);
    const open = (s: PageShape['students'][number]) =>
      s.spans.some((sp) => sp.from <= lesson.date && (!sp.to || lesson.date <= sp.to));
    const typed = new Map<number, string>();
    await page.locator(`.ag-row[row-index="0"] .ag-cell[col-id="l${lesson.id}"]`).click();
    const started = Date.now();
    let killedAt: number | null = null;
    const marks = ['5', '4', '3', '4', '5', '2'];
    for (let round = 0; Date.now() - started < seconds * 1000; round++) {
      for (const [r, s] of before.students.entries()) {
        if (Date.now() - started >= seconds * 1000) break;
        if (killedAt === null && Date.now() - started > 4000) {
          killedAt = Date.now();
          await kill();
          log('Chromium: ведущий убит, ввод продолжается…');
        }
        if (open(s)) {
          const mark = marks[(r + round) % marks.length]!;
          await page.keyboard.type(mark);
          typed.set(s.id, mark);
        }
        await page.keyboard.press('Enter');
        await sleep(700);
      }
      // Back to the top of the column for the next round.
      await page.locator(`.ag-row[row-index="0"] .ag-cell[col-id="l${lesson.id}"]`).click();
    }
    await page
      .getByTestId('save-status')
      .filter({ hasText: 'Сохранено' })
      .waitFor({ timeout: 120_000 })
      .catch(() => log('Chromium: «Сохранено» не появилось за 2 мин'));
    const statuses = await page.evaluate<{ at: number; text: string }[]>('window.__statuses');
    const after = await journal();
    const inDb = new Map(
      after.cells.filter((c: JournalCell) => c.lessonId === lesson.id).map((c) => [c.studentId, c.grade1 ?? '']),
    );
    const lost = [...typed].filter(([student, mark]) => inDb.get(student) !== mark).length;
    const kinds = statuses.map((s) => s.text.replace(/ — .*/, ' — …'));
    const lastSaved = statuses.filter((s) => s.text === 'Сохранено').at(-1);
    return {
      browserFailoverTyped: typed.size,
      browserFailoverLost: lost,
      browserFailoverStatuses: kinds.filter((k, i) => i === 0 || kinds[i - 1] !== k),
      browserFailoverSawOffline: statuses.some((s) => s.text.startsWith('Нет связи')),
      browserFailoverSavedMs: lastSaved && killedAt !== null ? lastSaved.at - killedAt : null,
    };
  } finally {
    await browser.close();
  }
}
