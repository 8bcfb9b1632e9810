/**
 * The work programme's calendar-thematic plan (КТП) of a teaching assignment (regulation §5.6: the teacher posts work
 * programmes, from which the КТП is printed; issue #11, item 7): numbered topics with hours and the kind of lesson,
 * under section headings. Its total is checked against the journal's planned hours; the journal proposes the next
 * topic not yet taught.
 */
import { readRussianLayout } from './keyboard-layout';
import { LESSON_KINDS } from './lesson-kinds';
import { countOf, NOUNS } from './plural';

/** One line: a section heading (no hours, no kind) or a topic. */
export interface KtpRow {
  section: boolean;
  title: string;
  hours: number;
  kind: string | null;
}

export interface KtpError {
  /** 1-based line of the plan (or of the file, for an import). */
  row: number;
  message: string;
}

/** Columns of the XLSX template, in order. A line with a title and no hours is a section heading. */
export const KTP_COLUMNS = ['№', 'Раздел / тема', 'Часы', 'Вид занятия'] as const;

export const KTP_MAX_ROWS = 400;
export const KTP_MAX_TOPIC_HOURS = 40;

/**
 * A kind of lesson by its code, full name or short name («лек», «пз»), any case; null if none. A typed text in the
 * Latin layout or with a look-alike of `/` is read by the rule of every typed code (domain/keyboard-layout.ts:
 * `gp` → пз, `KР` → кр, `Зачёт \ экзамен`).
 */
export function lessonKindOf(text: string): string | null {
  const direct = kindByName(text);
  if (direct) return direct;
  const read = readRussianLayout(text, (candidate) => kindByName(candidate) !== null);
  return read.ok ? kindByName(read.text) : null;
}

function kindByName(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  if (!t) return null;
  const names = (label: string) => {
    const full = label.toLowerCase().replace(/ё/g, 'е');
    return [full, full.split(' (')[0]!, ...full.split(' / ')];
  };
  const kind = LESSON_KINDS.find((k) => k.code === t || k.short === t || names(k.label).includes(t));
  return kind?.code ?? null;
}

/** Checks a plan as a whole; every bad line is named, nothing is kept when any is bad. */
export function checkKtp(rows: readonly KtpRow[], lineOf: (index: number) => number = (i) => i + 1): KtpError[] {
  const errors: KtpError[] = [];
  if (rows.length > KTP_MAX_ROWS)
    errors.push({ row: 0, message: `План: не больше ${countOf(KTP_MAX_ROWS, NOUNS.row)}, в нём ${rows.length}` });
  rows.forEach((r, i) => {
    const row = lineOf(i);
    const what = r.section ? 'раздел' : 'тема';
    if (!r.title.trim()) errors.push({ row, message: `Строка ${row}: ${what} без названия` });
    else if (r.title.trim().length > 300) errors.push({ row, message: `Строка ${row}: название длиннее 300 символов` });
    if (r.section) return;
    if (!Number.isInteger(r.hours) || r.hours < 1 || r.hours > KTP_MAX_TOPIC_HOURS)
      errors.push({ row, message: `Строка ${row}: часы — целое число от 1 до ${KTP_MAX_TOPIC_HOURS}` });
    if (r.kind === null || !LESSON_KINDS.some((k) => k.code === r.kind))
      errors.push({ row, message: `Строка ${row}: вид занятия — выберите из списка (лекция, практическое…)` });
  });
  return errors;
}

/**
 * Lines of the XLSX template as a plan: `cells` in KTP_COLUMNS order, `row` the line of the file. A line with a title
 * and empty hours and kind is a section; an empty line is skipped. All or nothing: any bad line gives errors only.
 */
export function parseKtpRows(
  lines: readonly { row: number; cells: string[]; problems?: string[] }[],
): { ok: true; rows: KtpRow[] } | { ok: false; errors: KtpError[] } {
  const rows: KtpRow[] = [];
  const lineNo: number[] = [];
  const errors: KtpError[] = [];
  for (const line of lines) {
    const [, title = '', hoursText = '', kindText = ''] = line.cells.map((c) => c.trim());
    for (const p of line.problems ?? []) errors.push({ row: line.row, message: `Строка ${line.row}: ${p}` });
    if (!title && !hoursText && !kindText) continue;
    if (!hoursText && !kindText) {
      rows.push({ section: true, title, hours: 0, kind: null });
      lineNo.push(line.row);
      continue;
    }
    const hours = /^\d+$/.test(hoursText) ? Number(hoursText) : Number.NaN;
    const kind = lessonKindOf(kindText);
    if (kindText && !kind)
      errors.push({
        row: line.row,
        message: `Строка ${line.row}: вид занятия «${kindText}» не найден (лекция, практическое занятие, лабораторная работа…)`,
      });
    rows.push({ section: false, title, hours, kind: kind ?? (kindText ? 'invalid' : null) });
    lineNo.push(line.row);
  }
  const badKind = new Set(errors.map((e) => e.row));
  errors.push(
    ...checkKtp(rows, (i) => lineNo[i] ?? 0).filter((e) => !(badKind.has(e.row) && e.message.includes('вид занятия'))),
  );
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 0, message: 'Файл: в нём нет ни одной темы' });
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.row - b.row) } : { ok: true, rows };
}

/** Hours of the plan in all and by kind of lesson (codes of LESSON_KINDS). */
export function ktpTotals(rows: readonly KtpRow[]): { hours: number; byKind: Record<string, number> } {
  const byKind: Record<string, number> = {};
  let hours = 0;
  for (const r of rows)
    if (!r.section && r.kind) {
      hours += r.hours;
      byKind[r.kind] = (byKind[r.kind] ?? 0) + r.hours;
    }
  return { hours, byKind };
}

/** «Часов по КТП 68 из 72 по плану: не хватает 4» — or null when they agree. */
export function ktpDifference(total: number, planned: number): string | null {
  if (total === planned) return null;
  return total < planned
    ? `Часов по КТП ${total} из ${planned} по плану: не хватает ${planned - total}`
    : `Часов по КТП ${total} при ${planned} по плану: лишних ${total - planned}`;
}

/** Numbers of the topics (sections are not numbered): 1, 2, 3… in order. */
export function topicNumbers(rows: readonly KtpRow[]): (number | null)[] {
  let n = 0;
  return rows.map((r) => (r.section ? null : ++n));
}

/**
 * The next topic to teach: the first topic, in order, whose title no lesson of the journal has yet (titles compared
 * without case and extra spaces). Null when every topic is taught or the plan is empty.
 */
export function nextTopic(rows: readonly KtpRow[], lessonTopics: readonly (string | null)[]): number | null {
  const norm = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const taught = new Set(lessonTopics.filter((t): t is string => !!t).map(norm));
  const index = rows.findIndex((r) => !r.section && !taught.has(norm(r.title)));
  return index < 0 ? null : index;
}
