/**
 * «Сводная ведомость учета успеваемости» (regulation §6.2; DOMAIN.md «Reports»): students × the curriculum items of the
 * period with their attestation results, ordered exams, credits, course works, practice, then items closed by a
 * semester mark; per student the missed hours; per column успеваемость, качество, СОУ, average; the group's totals.
 * Pure: the server reads the results (server/reports/consolidated/load.ts), this arranges and computes them.
 */
import { attestationFieldOf, type AttestationField } from './attestation';
import { formatDate, type IsoDate } from './dates';
import {
  columnIndicators,
  formatIndicator,
  groupTotals,
  type AttestationValue,
  type ColumnIndicators,
  type GroupTotals,
} from './indicators';

export type SheetColumnGroup = 'exam' | 'credit' | 'coursework' | 'practice' | 'semester';

export const SHEET_GROUP_LABELS: Record<SheetColumnGroup, string> = {
  exam: 'Экзамены',
  credit: 'Зачёты',
  coursework: 'Курсовые работы',
  practice: 'Практика',
  semester: 'Оценки за семестр',
};

const GROUP_ORDER: SheetColumnGroup[] = ['exam', 'credit', 'coursework', 'practice', 'semester'];

export interface SheetItem {
  /** One column: a curriculum item in a term. */
  key: string;
  itemId: number;
  termId: number;
  /** 1 or 2 — the term of the academic year (a year's sheet has both). */
  termNumber: number;
  code: string;
  shortName: string;
  name: string;
  /** curriculum item kind: discipline | module | mdk | up | pp. */
  kind: string;
  /** Э, ДЗ, З, КП, ЭК or null. */
  form: string | null;
  sortOrder: number;
}

export interface SheetColumn extends SheetItem {
  group: SheetColumnGroup;
  field: AttestationField;
  /** «Э», «ДЗ», … or «сем.» under the item's name. */
  formLabel: string;
}

export function sheetColumn(item: SheetItem): SheetColumn {
  const practice = item.kind === 'up' || item.kind === 'pp';
  const group: SheetColumnGroup = practice
    ? 'practice'
    : item.form === 'Э' || item.form === 'ЭК'
      ? 'exam'
      : item.form === 'ДЗ' || item.form === 'З'
        ? 'credit'
        : item.form === 'КП'
          ? 'coursework'
          : 'semester';
  return {
    ...item,
    group,
    field: attestationFieldOf(item.form),
    formLabel: item.form ?? 'сем.',
  };
}

/** Columns in the sheet's order: by group, then the term, then the curriculum's own order. */
export function sheetColumns(items: readonly SheetItem[]): SheetColumn[] {
  return items
    .map(sheetColumn)
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
        a.termNumber - b.termNumber ||
        a.sortOrder - b.sortOrder ||
        a.code.localeCompare(b.code),
    );
}

export interface SheetStudent {
  id: number;
  name: string;
  /** The day the student left the group before the period ended (expelled, moved): out of N. */
  leftOn: IsoDate | null;
  /** column key → result. */
  results: ReadonlyMap<string, string>;
  missedHours: number;
  missedValidHours: number;
}

export interface SheetRow {
  no: number;
  studentId: number;
  name: string;
  note: string;
  values: AttestationValue[];
  missedValid: number;
  missedInvalid: number;
  missedTotal: number;
  counted: boolean;
}

export interface ConsolidatedSheet {
  columns: SheetColumn[];
  rows: SheetRow[];
  indicators: ColumnIndicators[];
  totals: GroupTotals;
  missed: { valid: number; invalid: number; total: number };
}

/** Builds the sheet: students in the order given (alphabetical), values by column, the indicators below. */
export function buildConsolidatedSheet(
  items: readonly SheetItem[],
  students: readonly SheetStudent[],
): ConsolidatedSheet {
  const columns = sheetColumns(items);
  const rows: SheetRow[] = students.map((s, i) => ({
    no: i + 1,
    studentId: s.id,
    name: s.name,
    note: s.leftOn ? `выбыл(а) ${formatDate(s.leftOn)}` : '',
    values: columns.map((c) => s.results.get(c.key) ?? null),
    missedValid: s.missedValidHours,
    missedInvalid: s.missedHours - s.missedValidHours,
    missedTotal: s.missedHours,
    counted: s.leftOn === null,
  }));
  const counted = rows.map((r) => r.counted);
  return {
    columns,
    rows,
    indicators: columns.map((_, c) =>
      columnIndicators(
        rows.map((r) => r.values[c] ?? null),
        counted,
      ),
    ),
    totals: groupTotals(
      rows.map((r) => r.values),
      counted,
    ),
    missed: {
      valid: rows.reduce((n, r) => n + r.missedValid, 0),
      invalid: rows.reduce((n, r) => n + r.missedInvalid, 0),
      total: rows.reduce((n, r) => n + r.missedTotal, 0),
    },
  };
}

/** The indicator rows under the table, as printed and shown. */
export const SHEET_INDICATOR_ROWS: { label: string; value: (i: ColumnIndicators) => string }[] = [
  { label: 'Успеваемость, %', value: (i) => formatIndicator(i.progress) },
  { label: 'Качество знаний, %', value: (i) => formatIndicator(i.quality) },
  { label: 'СОУ, %', value: (i) => formatIndicator(i.sou) },
  { label: 'Средний балл', value: (i) => formatIndicator(i.average, 2) },
];
