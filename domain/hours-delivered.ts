/**
 * Hours delivered («вычитка часов», regulation §5.4: the methodist controls hours delivered against the plan; issue
 * #11, item 8). Facts per journal — hours by plan, by the published timetable, held — summed by teacher, group or
 * curriculum item. Held hours of a lesson taught by a substitute count for the substitute. Hours, whole numbers.
 */
import { daysBetween, formatDate, type IsoDate } from './dates';

export const HOURS_DIMENSIONS = ['teacher', 'group', 'item'] as const;
export type HoursDimension = (typeof HOURS_DIMENSIONS)[number];
export const HOURS_DIMENSION_LABELS: Record<HoursDimension, string> = {
  teacher: 'по преподавателям',
  group: 'по группам',
  item: 'по дисциплинам',
};

/** Lesson kinds counted as practice (практические, лабораторные, учебная практика); the rest are theory. */
export const PRACTICE_KINDS = ['practical', 'lab', 'practice'] as const;

/** Held hours of one journal taught by one person. */
export interface HeldPart {
  teacherId: number | null;
  teacher: string | null;
  /** A substitute taught them (not the journal's teacher). */
  substitute: boolean;
  theory: number;
  practice: number;
}

/** One journal (teaching assignment) in the period. */
export interface JournalHours {
  assignmentId: number;
  group: string;
  itemKey: string;
  item: string;
  teacherId: number | null;
  teacher: string | null;
  planned: number;
  plannedTheory: number;
  plannedPractice: number;
  /** Hours the published timetable has for it in the period. */
  scheduled: number;
  /** Hours it should have had by the period's last day that has come (see `dueHours`). */
  due: number;
  held: HeldPart[];
}

export interface HoursRow {
  key: string;
  label: string;
  planned: number;
  plannedTheory: number;
  plannedPractice: number;
  scheduled: number;
  due: number;
  delivered: number;
  deliveredTheory: number;
  deliveredPractice: number;
  /** Of `delivered`: hours taught as a substitute (by teacher only; 0 otherwise). */
  asSubstitute: number;
  /** delivered − due: below zero, behind. */
  difference: number;
  /** delivered / planned × 100, one decimal; null without a plan. */
  percent: number | null;
  behind: boolean;
}

/**
 * Hours a journal should have had by `until` (the period's last day that has come): with a published timetable, its
 * lessons in the period up to that day; without one, the plan spread evenly over the term's calendar days
 * (rounded down to whole pairs of 2 hours) — a pace to compare with, not a schedule.
 */
export function dueHours(
  planned: number,
  scheduledUntil: number,
  hasTimetable: boolean,
  term: { startsOn: IsoDate; endsOn: IsoDate },
  from: IsoDate,
  until: IsoDate,
): number {
  if (hasTimetable) return scheduledUntil;
  if (until < from) return 0;
  const termDays = daysBetween(term.startsOn, term.endsOn) + 1;
  const days = daysBetween(from, until) + 1;
  return Math.floor((planned * days) / termDays / 2) * 2;
}

function emptyRow(key: string, label: string): HoursRow {
  return {
    key,
    label,
    planned: 0,
    plannedTheory: 0,
    plannedPractice: 0,
    scheduled: 0,
    due: 0,
    delivered: 0,
    deliveredTheory: 0,
    deliveredPractice: 0,
    asSubstitute: 0,
    difference: 0,
    percent: null,
    behind: false,
  };
}

/** Rows of the report, sorted by label, with a total row last (key `total`). */
export function hoursRows(journals: readonly JournalHours[], by: HoursDimension): HoursRow[] {
  const rows = new Map<string, HoursRow>();
  const row = (key: string, label: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(key, label)));
    return r;
  };
  const teacherKey = (id: number | null) => (id === null ? 'none' : `t${id}`);
  const teacherLabel = (name: string | null) => name ?? 'преподаватель не назначен';
  for (const j of journals) {
    const own =
      by === 'teacher'
        ? row(teacherKey(j.teacherId), teacherLabel(j.teacher))
        : by === 'group'
          ? row(`g${j.group}`, j.group)
          : row(j.itemKey, j.item);
    own.planned += j.planned;
    own.plannedTheory += j.plannedTheory;
    own.plannedPractice += j.plannedPractice;
    own.scheduled += j.scheduled;
    own.due += j.due;
    for (const part of j.held) {
      const r = by === 'teacher' ? row(teacherKey(part.teacherId), teacherLabel(part.teacher)) : own;
      r.deliveredTheory += part.theory;
      r.deliveredPractice += part.practice;
      r.delivered += part.theory + part.practice;
      if (by === 'teacher' && part.substitute) r.asSubstitute += part.theory + part.practice;
    }
  }
  const list = [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  const total = emptyRow('total', 'Итого');
  for (const r of list)
    for (const k of [
      'planned',
      'plannedTheory',
      'plannedPractice',
      'scheduled',
      'due',
      'delivered',
      'deliveredTheory',
      'deliveredPractice',
      'asSubstitute',
    ] as const)
      total[k] += r[k];
  return [...list, total].map(finish);
}

/** Hours delivered as a share of the plan: delivered / planned × 100, one decimal; null without a plan. */
export function deliveredPercent(delivered: number, planned: number): number | null {
  return planned > 0 ? Math.round((1000 * delivered) / planned) / 10 : null;
}

function finish(r: HoursRow): HoursRow {
  return {
    ...r,
    difference: r.delivered - r.due,
    percent: deliveredPercent(r.delivered, r.planned),
    behind: r.delivered < r.due,
  };
}

/** The report's columns, for the screen, XLSX and PDF alike. */
export const HOURS_COLUMNS: { key: keyof HoursRow; header: string }[] = [
  { key: 'planned', header: 'План, ч' },
  { key: 'plannedTheory', header: 'в т. ч. теория' },
  { key: 'plannedPractice', header: 'в т. ч. практика' },
  { key: 'scheduled', header: 'По расписанию за период, ч' },
  { key: 'due', header: 'Должно быть проведено, ч' },
  { key: 'delivered', header: 'Проведено, ч' },
  { key: 'deliveredTheory', header: 'в т. ч. теория' },
  { key: 'deliveredPractice', header: 'в т. ч. практика' },
  { key: 'asSubstitute', header: 'в т. ч. замены' },
  { key: 'difference', header: 'Отклонение, ч' },
  { key: 'percent', header: '% плана' },
];

/** The columns for a dimension: substitutions are a teacher's figure only. */
export function hoursColumns(by: HoursDimension): typeof HOURS_COLUMNS {
  return by === 'teacher' ? HOURS_COLUMNS : HOURS_COLUMNS.filter((c) => c.key !== 'asSubstitute');
}

/** A figure as the report shows it: «—» for no percent, «+2» for hours ahead. */
export function hoursCell(row: HoursRow, key: keyof HoursRow): string {
  const v = row[key];
  if (v === null) return '—';
  if (key === 'percent' && typeof v === 'number') return v.toFixed(1).replace('.', ',');
  if (key === 'difference' && typeof v === 'number' && v > 0) return `+${v}`;
  return String(v);
}

/** A published change of the timetable saved over a warning the methodist confirmed (issue #26, item 5b). */
export interface ConfirmedWarning {
  /** The date of the lesson it changed, if known. */
  date: IsoDate | null;
  /** «ИС-21, Математика». */
  journal: string;
  /** «замена преподавателя». */
  change: string;
  warnings: string[];
  reason: string;
}

/** «10.12.2026 — ИС-21, Математика, замена преподавателя: …; причина: больничный» — one line of the report. */
export function confirmedWarningText(w: ConfirmedWarning): string {
  return `${w.date ? `${formatDate(w.date)} — ` : ''}${w.journal}, ${w.change}: ${w.warnings.join('; ')}; причина: ${w.reason}`;
}
