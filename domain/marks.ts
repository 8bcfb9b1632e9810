/**
 * Journal cell entry codes (DOMAIN.md «Marks in a journal cell»): `5`, `4/5`, `н`, `у`, `б`, `о`, `о4`, `зч`, `нз`.
 * Pure parsing, shared by the grid, the server and the seed.
 */
import { quoteTyped, readRussianLayout } from './keyboard-layout';

export const GRADE_CODES = ['5', '4', '3', '2', 'зч', 'нз'] as const;
export type GradeCode = (typeof GRADE_CODES)[number];

export interface AttendanceCodeDef {
  code: string;
  label: string;
  isAbsence: boolean;
  isValid: boolean;
}

export const DEFAULT_ATTENDANCE_CODES: readonly AttendanceCodeDef[] = [
  { code: 'н', label: 'отсутствовал (причина не известна)', isAbsence: true, isValid: false },
  { code: 'у', label: 'отсутствовал по уважительной причине', isAbsence: true, isValid: true },
  { code: 'б', label: 'болел', isAbsence: true, isValid: true },
  { code: 'о', label: 'опоздал', isAbsence: false, isValid: false },
];

/** Grades are GradeCode when parsed here; values read back from the database are plain strings. */
export interface CellValue {
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
}

export const EMPTY_CELL: CellValue = { attendance: null, grade1: null, grade2: null };

export type ParseResult = { ok: true; value: CellValue } | { ok: false; error: string };

function isGrade(s: string): s is GradeCode {
  return (GRADE_CODES as readonly string[]).includes(s);
}

/**
 * Parses what a teacher typed or pasted into a cell. Empty input clears the cell. Upper case is accepted; spaces and
 * line breaks (a pasted cell written with Alt+Enter) are ignored, so `4⏎` is 4 and `4⏎5` is refused as «45»; text
 * typed with the Latin layout on or with a look-alike of `/` is read by the one rule of `keyboard-layout.ts` (`y` → н by
 * key position, `H` → Н as the same letter, never `y` → у by look; `4\5` → 4/5).
 */
export function parseCellInput(
  raw: string,
  attendanceCodes: readonly AttendanceCodeDef[] = DEFAULT_ATTENDANCE_CODES,
): ParseResult {
  const read = readRussianLayout(raw, (candidate) => parseCyrillic(candidate, candidate, attendanceCodes).ok);
  if (!read.ok) return { ok: false, error: read.error };
  return parseCyrillic(read.text, raw, attendanceCodes);
}

function parseCyrillic(input: string, raw: string, attendanceCodes: readonly AttendanceCodeDef[]): ParseResult {
  const text = normalize(input);
  if (text === '') return { ok: true, value: EMPTY_CELL };
  const codes = attendanceCodes.map((c) => c.code).sort((a, b) => b.length - a.length);
  let attendance: string | null = null;
  let rest = text;
  for (const code of codes) {
    if (rest.startsWith(code) && !isGrade(rest)) {
      attendance = code;
      rest = rest.slice(code.length);
      break;
    }
  }
  const def = attendanceCodes.find((c) => c.code === attendance);
  if (rest === '') return { ok: true, value: { attendance, grade1: null, grade2: null } };
  if (def?.isAbsence) {
    return { ok: false, error: `${quoteTyped(raw)}: отсутствующему («${def.code}») нельзя поставить оценку` };
  }
  const parts = rest.split('/');
  if (parts.length > 2) return { ok: false, error: `${quoteTyped(raw)}: в ячейке не больше двух оценок` };
  if (!parts.every(isGrade)) {
    return {
      ok: false,
      error: `${quoteTyped(raw)} — не отметка. Допустимо: 5, 4, 3, 2, две оценки через «/» (4/5), зч, нз, ${attendanceCodes
        .map((c) => c.code)
        .join(', ')}, опоздание с оценкой (о4)`,
    };
  }
  const [g1, g2] = parts;
  return { ok: true, value: { attendance, grade1: g1 ?? null, grade2: g2 ?? null } };
}

/** The text a cell shows and a teacher would type to get it back. */
export function formatCell(value: CellValue): string {
  const grades = [value.grade1, value.grade2].filter(Boolean).join('/');
  return `${value.attendance ?? ''}${grades}`;
}

export function numericGrade(code: string | null): number | null {
  if (code === '5' || code === '4' || code === '3' || code === '2') return Number(code);
  return null;
}

function normalize(raw: string): string {
  return raw.trim().toLowerCase().replace(/\s+/g, '').replace(/ё/g, 'е');
}
