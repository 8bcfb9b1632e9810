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

export function checkCellEdit(
  target: { studentName: string; spans: readonly Span[]; lessonDate: IsoDate; today: IsoDate; codes: readonly AttendanceCodeDef[] },
  text: string,
): CellEditCheck {
  const where = `${target.studentName}, ${formatDayMonth(target.lessonDate)}`;
  if (!enrolledOn(target.spans, target.lessonDate)) return { ok: false, message: `${where}: в этот день студент не числился в группе — ячейка закрыта` };
  const parsed = parseCellInput(text, target.codes);
  if (!parsed.ok) return { ok: false, message: `${where}: ${parsed.error}` };
  if (target.lessonDate > target.today && formatCell(parsed.value) !== '') {
    return { ok: false, message: `${where}: занятие ещё не прошло — отметки за будущие занятия не ставятся` };
  }
  return { ok: true, value: parsed.value };
}
