import { mkdirSync, writeFileSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { attestationResults, groupMemberships, teachingAssignments, terms } from '../../../db/schema';
import { columnIndicators, formatIndicator } from '../../../domain/indicators';
import { useDemoDatabase } from '../../../test/demo-database';
import { renderConsolidatedPdf, renderConsolidatedXlsx } from './document';
import { consolidatedInput, loadConsolidatedSheet } from './load';

const demo = useDemoDatabase();

describe('«Сводная ведомость учета успеваемости» of the demo college', () => {
  it('shows every result where the journal has it, the indicators of domain/, and prints them', async () => {
    const db = demo.database.db;
    const { methodist, curator } = demo.actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const input = consolidatedInput.parse({ groupId, termId: term!.id });
    const before = await loadConsolidatedSheet(db, methodist, input);
    const { sheet } = before;
    expect(sheet.columns.length).toBeGreaterThan(3);
    expect(sheet.rows.length).toBeGreaterThan(10);

    // Enter results in the first two columns by hand: 5, 4, 3, 2, н/а, осв., then 5s; one student leaves mid-term.
    const journals = await db
      .select()
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.groupId, groupId), eq(teachingAssignments.termId, term!.id)));
    const [first, second] = sheet.columns;
    const pattern = ['5', '4', '3', '2', 'н/а', 'осв.'];
    for (const column of [first!, second!]) {
      const own = journals.filter((j) => j.curriculumItemId === column.itemId);
      for (const [i, row] of sheet.rows.entries()) {
        const value =
          column.field === 'credit' ? (i % 3 === 0 ? 'не зачтено' : 'зачтено') : (pattern[i] ?? (i % 2 ? '4' : '5'));
        for (const j of own)
          await db
            .insert(attestationResults)
            .values({
              institutionId: j.institutionId,
              teachingAssignmentId: j.id,
              studentId: row.studentId,
              field: column.field,
              value,
            })
            .onConflictDoUpdate({
              target: [
                attestationResults.institutionId,
                attestationResults.teachingAssignmentId,
                attestationResults.studentId,
                attestationResults.field,
              ],
              set: { value },
            });
      }
    }
    const leaver = sheet.rows.at(-1)!;
    await db
      .update(groupMemberships)
      .set({ toDate: '2026-11-15' })
      .where(and(eq(groupMemberships.studentId, leaver.studentId), eq(groupMemberships.groupId, groupId)));

    const report = await loadConsolidatedSheet(db, methodist, input);
    const after = report.sheet;
    const left = after.rows.find((r) => r.studentId === leaver.studentId)!;
    expect(left.counted).toBe(false);
    expect(left.note).toBe('выбыл(а) 15.11.2026');

    // Every value is the one stored for that item, term, student and field.
    const stored = await db
      .select()
      .from(attestationResults)
      .where(
        inArray(
          attestationResults.teachingAssignmentId,
          journals.map((j) => j.id),
        ),
      );
    after.columns.forEach((c, ci) => {
      const own = new Set(journals.filter((j) => j.curriculumItemId === c.itemId).map((j) => j.id));
      for (const r of after.rows) {
        const value = stored.find(
          (x) => own.has(x.teachingAssignmentId) && x.studentId === r.studentId && x.field === c.field,
        );
        expect(r.values[ci]).toBe(value?.value ?? null);
      }
      // The indicators are domain's on the same values.
      expect(after.indicators[ci]).toEqual(
        columnIndicators(
          after.rows.map((r) => r.values[ci] ?? null),
          after.rows.map((r) => r.counted),
        ),
      );
    });
    const firstIndicators = after.indicators[0]!;
    expect(firstIndicators.counted).toBe(
      after.rows.filter((r) => r.counted).length - (first!.field === 'credit' ? 0 : 1),
    );

    // Missed hours: valid + not valid = total, and the total is the journals' absences in hours.
    const [absent] = await db
      .execute<{ hours: number }>(
        sql`select coalesce(sum(l.hours), 0)::int as hours
      from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
      join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance and a.is_absence
      where l.teaching_assignment_id in (${sql.join(
        journals.map((j) => sql`${j.id}`),
        sql`, `,
      )})`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: { hours: number }[] }).rows));
    expect(after.missed.total).toBe(absent!.hours);
    expect(after.missed.valid + after.missed.invalid).toBe(after.missed.total);

    const pdf = await renderConsolidatedPdf(report);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/consolidated.pdf', pdf);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text).toContain('СВОДНАЯ ВЕДОМОСТЬ УЧЕТА УСПЕВАЕМОСТИ');
    expect(text).toContain(after.rows[0]!.name);
    expect(text).toContain(`Успеваемость группы: ${formatIndicator(after.totals.progress)} %`);
    expect(text).toContain(formatIndicator(firstIndicators.progress));

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderConsolidatedXlsx(report)) as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const progressRow = rows.find((r) => r[1] === 'Успеваемость, %')!;
    expect(progressRow[2]).toBe(firstIndicators.progress ?? '—');
    expect(rows.some((r) => r[1] === after.rows[0]!.name)).toBe(true);
  }, 120_000);

  it('is the group’s curator’s and the administration’s, nobody else’s', async () => {
    const db = demo.database.db;
    const { curator, teacher, parent, student, head } = demo.actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const input = consolidatedInput.parse({ groupId, termId: term!.id, period: 'year' });
    const year = await loadConsolidatedSheet(db, curator, input);
    expect(year.periodLabel).toContain('учебный год');
    await expect(loadConsolidatedSheet(db, head, input)).resolves.toBeDefined();
    for (const actor of [teacher, parent, student])
      await expect(loadConsolidatedSheet(db, actor, input)).rejects.toMatchObject({ status: 403 });
    const other = (await db.select().from(teachingAssignments)).find((a) => a.groupId !== groupId)!;
    await expect(
      loadConsolidatedSheet(db, curator, consolidatedInput.parse({ groupId: other.groupId, termId: term!.id })),
    ).rejects.toMatchObject({ status: 403 });
  });
});
