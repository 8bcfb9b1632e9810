import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { groups, rooms, teachingAssignments, terms, timetableChanges } from '../../../db/schema';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeTimetableAction } from '../../../app/(app)/timetable/week/actions';
import { renderHoursXlsx } from '../../reports/hours';
import { saveUnavailability, unavailabilityInput } from './availability';
import { changeInput, groupDates, makeChange } from './changes';
import { hoursDelivered, hoursInput } from './hours';
import { publishTimetable, timetablePending } from './publish';
import { placeEntry, placeInput } from './template';

const demo = useDemoDatabase({ timetable: 'none' });
const SATURDAY = new Date('2026-12-05T09:00:00Z');

/**
 * Issue #26, item 5(b): a substitute marked unavailable for the pair was saved with no word — the warning showed only
 * in the dropdown. A warning that does not block is confirmed, and kept on the change: in the change list, the
 * publication's lines and the hours report.
 */
describe('warnings that do not block a dated change', () => {
  it('refuse the change naming the warning until confirmed, then keep it on the change and in the hours report', async () => {
    const db = demo.database.db;
    const { methodist, teacher } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const [ис31] = await db.select().from(groups).where(eq(groups.name, 'ИС-31'));
    const [journal] = await db
      .select({ id: teachingAssignments.id })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.groupId, ис31!.id),
          eq(teachingAssignments.termId, term!.id),
          isNull(teachingAssignments.subgroupId),
          eq(teachingAssignments.teacherUserId, teacher.userId),
        ),
      )
      .limit(1);
    const placed = await placeEntry(
      db,
      methodist,
      placeInput.parse({ assignmentId: journal!.id, weekday: 4, pairNo: 2, roomId: null }),
    );
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY);
    const other = (
      await db
        .select({ id: teachingAssignments.teacherUserId })
        .from(teachingAssignments)
        .where(and(eq(teachingAssignments.termId, term!.id), isNotNull(teachingAssignments.teacherUserId)))
    ).find((r) => r.id !== teacher.userId)!.id!;
    // The substitute cannot teach on Thursdays' 2nd pair.
    await saveUnavailability(db, methodist, unavailabilityInput.parse({ userId: other, p4_2: true }));
    const key = `e${placed.entryId}@2026-12-10`;
    const week = await groupDates(db, methodist, { groupId: ис31!.id, date: '2026-12-10' });
    const offered = week.substitutes[key]!.find((t) => t.id === other)!;
    expect(offered.warning).toMatch(/^Преподаватель .+ недоступен: чт, 2-я пара$/);
    const warning = offered.warning!;

    // Without the confirmation the change is refused, naming the warning; nothing is saved.
    const substitute = { kind: 'substitute', targetKey: key, substituteId: other, reason: 'Больничный' };
    await expect(makeChange(db, methodist, changeInput.parse(substitute))).rejects.toMatchObject({
      status: 409,
      message: `Предупреждение: ${warning}. Чтобы сохранить изменение вопреки предупреждению, отметьте «Подтверждаю предупреждение»`,
    });
    expect(await db.$count(timetableChanges)).toBe(0);

    // The form sends the confirmation as its checkbox.
    const form = new FormData();
    for (const [k, v] of Object.entries({ ...substitute, substituteId: String(other), confirmWarnings: 'on' }))
      form.set(k, v);
    expect(await changeTimetableAction.perform({ db, actor: methodist }, changeTimetableAction.inputOf(form))).toEqual({
      ok: true,
      message: expect.stringMatching(/^Замена: ИС-31, .+, 10\.12\.2026, 2-я пара — ведёт /),
    });
    const [saved] = await db.select().from(timetableChanges);
    expect(saved!.warnings).toEqual([warning]);

    // Kept: in the lesson's change list, in the lines of the publication, in the hours report (page, XLSX).
    const after = await groupDates(db, methodist, { groupId: ис31!.id, date: '2026-12-10' });
    expect(after.lessons.find((l) => l.key === key)!.changes).toEqual([
      expect.objectContaining({ kind: 'substitute', warnings: [warning] }),
    ]);
    expect((await timetablePending(db, methodist)).map((l) => l.text)).toEqual([
      expect.stringMatching(new RegExp(` — замена: ведёт .+ \\(Больничный\\) — подтверждено: ${escape(warning)}$`)),
    ]);
    await publishTimetable(db, methodist, { effectiveFrom: '2026-12-07' }, SATURDAY);
    const report = await hoursDelivered(
      db,
      methodist,
      hoursInput.parse({ termId: term!.id, from: '2026-12-07', to: '2026-12-28' }),
    );
    expect(report.warnings).toEqual([
      {
        date: '2026-12-10',
        journal: expect.stringMatching(/^ИС-31, /),
        change: 'замена преподавателя',
        warnings: [warning],
        reason: 'Больничный',
      },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderHoursXlsx(report)) as unknown as ArrayBuffer);
    const texts = workbook.getWorksheet('Вычитка часов')!.getColumn(1).values.map(String);
    expect(texts).toContain('Изменения расписания, сохранённые вопреки предупреждению');
    expect(texts.some((t) => t.startsWith('10.12.2026 — ИС-31, ') && t.includes(warning))).toBe(true);
    // Outside the period, not listed.
    const november = await hoursDelivered(
      db,
      methodist,
      hoursInput.parse({ termId: term!.id, from: '2026-11-02', to: '2026-11-28' }),
    );
    expect(november.warnings).toEqual([]);

    // Another warning kind: a room too small for the group, on a move.
    const [small] = await db.select().from(rooms).where(eq(rooms.number, '201'));
    const move = {
      kind: 'move',
      targetKey: `e${placed.entryId}@2026-12-17`,
      toDate: '2026-12-18',
      toPairNo: 2,
      toRoomId: small!.id,
      reason: 'Лабораторная',
    };
    await expect(makeChange(db, methodist, changeInput.parse(move))).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/^Предупреждение: Аудитория 201 мала: 15 мест на \d+ студент/),
    });
    expect(await makeChange(db, methodist, changeInput.parse({ ...move, confirmWarnings: true }))).toMatch(
      /^Перенесено: /,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
