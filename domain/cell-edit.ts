/**
 * The rule for one typed or pasted journal cell, shared by the grid (to refuse at once) and the server (to refuse
 * for sure): the student must belong to the group that day, the lesson must have taken place, the text must parse.
 */
import { formatDayMonth, type IsoDate } from './dates';
import { formatCell, parseCellInput, type AttendanceCodeDef, type CellValue } from './marks';

export interface Span {
  from: IsoDate;
  to: IsoDate | null;
}

export function enrolledOn(spans: readonly Span[], date: IsoDate): boolean {
  return spans.some((s) => s.from <= date && (s.to === null || date <= s.to));
}

export type CellEditCheck = { ok: true; value: CellValue } | { ok: false; message: string };

export interface CellTarget {
  studentName: string;
  spans: readonly Span[];
  lessonDate: IsoDate;
}

export function checkCellEdit(
  target: CellTarget & { today: IsoDate; codes: readonly AttendanceCodeDef[] },
  text: string,
): CellEditCheck {
  return cellEditChecker(target.codes, target.today)(target, text);
}

function where(target: CellTarget): string {
  return `${target.studentName}, ${formatDayMonth(target.lessonDate)}`;
}

/** The same rule for the many cells of one batch: each distinct text is parsed once (a pasted block repeats a few marks). */
export function cellEditChecker(
  codes: readonly AttendanceCodeDef[],
  today: IsoDate,
): (target: CellTarget, text: string) => CellEditCheck {
  const parsedByText = new Map<string, ReturnType<typeof parseCellInput>>();
  return (target, text) => {
    let parsed = parsedByText.get(text);
    if (!parsed) {
      parsed = parseCellInput(text, codes);
      parsedByText.set(text, parsed);
    }
    // A blank on a closed day writes nothing there (an empty cell stays empty): a pasted block whose empty cells fall
    // on the days before a student joined is not refused for them. A value there is.
    if (!enrolledOn(target.spans, target.lessonDate) && !(parsed.ok && formatCell(parsed.value) === '')) {
      return { ok: false, message: `${where(target)}: в этот день студент не числился в группе — ячейка закрыта` };
    }
    if (!parsed.ok) return { ok: false, message: `${where(target)}: ${parsed.error}` };
    if (target.lessonDate > today && formatCell(parsed.value) !== '') {
      return { ok: false, message: `${where(target)}: занятие ещё не прошло — отметки за будущие занятия не ставятся` };
    }
    return { ok: true, value: parsed.value };
  };
}
