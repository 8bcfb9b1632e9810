import { mkdirSync, writeFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { attestationResults, teachingAssignments, terms } from '../../db/schema';
import { attestationFieldOf } from '../../domain/attestation';
import { useDemoDatabase } from '../../test/demo-database';
import { demoJournalId } from '../../test/journal-fixtures';
import { attendanceInput, loadAttendance, renderAttendancePdf, renderAttendanceXlsx } from './attendance';
import { loadExamSheet, renderExamSheetPdf } from './exam-sheet';
import { loadReportCard, renderReportCardPdf, reportCardInput } from './report-card';
import { keepingInput, loadKeepingSheet, renderKeepingPdf, renderKeepingXlsx } from './journal-keeping';
import { printPreflight } from './printout/preflight';
import { fullName } from '../../domain/names';

const demo = useDemoDatabase();

describe('the other reports of a group', () => {
  it('attendance for a period: each student’s hours equal the journals’ absences, printed and exported', async () => {
    const db = demo.database.db;
    const { curator } = demo.actors;
    const groupId = curator.grants.find((g) => g.role === 'curator')!.groupId!;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const report = await loadAttendance(
      db,
      curator,
      attendanceInput.parse({ groupId, termId: term!.id, from: '2026-10-01', to: '2026-10-31' }),
    );
    const raw = await queryRows<{ student_id: number; hours: number; valid: number; illness: number }>(
      db,
      sql`
      select c.student_id, sum(l.hours)::int as hours, sum(case when a.is_valid then l.hours else 0 end)::int as valid,
        sum(case when c.attendance = 'б' then l.hours else 0 end)::int as illness
      from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
      join teaching_assignments ta on ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id
      join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance and a.is_absence
      where ta.group_id = ${groupId} and l.date between '2026-10-01' and '2026-10-31' group by c.student_id`,
    );
    const byStudent = new Map(raw.map((r) => [r.student_id, r]));
    expect(report.totals.hours).toBeGreaterThan(0);
    for (const row of report.rows) {
      const r = byStudent.get(row.studentId);
      expect([row.hours, row.valid, row.illness]).toEqual([r?.hours ?? 0, r?.valid ?? 0, r?.illness ?? 0]);
      expect(row.valid + row.invalid).toBe(row.hours);
    }
    const attendancePdf = await renderAttendancePdf(report);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/attendance.pdf', attendancePdf);
    const { text } = await extractText(new Uint8Array(attendancePdf), { mergePages: true });
    expect(text).toContain('ОТЧЁТ О ПОСЕЩАЕМОСТИ');
    expect(text).toContain(report.rows[0]!.name);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderAttendanceXlsx(report)) as unknown as ArrayBuffer);
    const last = wb.worksheets[0]!.lastRow!.values as unknown[];
    expect(last.slice(2)).toEqual([
      'Итого по группе',
      report.totals.lessons,
      report.totals.hours,
      report.totals.valid,
      report.totals.illness,
      report.totals.invalid,
    ]);
    await expect(
      loadAttendance(
        db,
        curator,
        attendanceInput.parse({ groupId, termId: term!.id, from: '2026-11-01', to: '2026-10-01' }),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Период:') });
  });

  it('the exam sheet lists the group with the results entered and the examiner', async () => {
    const db = demo.database.db;
    const { teacher, curator } = demo.actors;
    const journalId = await demoJournalId(db, teacher);
    const [journal] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, journalId));
    const first = await loadExamSheet(db, teacher, journalId);
    expect(first.rows.length).toBeGreaterThan(5);
    const field = attestationFieldOf(first.assignment.attestationForm);
    const studentId = first.rows[0]!.studentId;
    const value = field === 'credit' ? 'зачтено' : '5';
    await db
      .insert(attestationResults)
      .values({
        institutionId: journal!.institutionId,
        teachingAssignmentId: journalId,
        studentId,
        field,
        value,
      })
      .onConflictDoNothing();
    const sheet = await loadExamSheet(db, curator, journalId);
    expect(sheet.rows[0]!.result).toBe(value);
    expect(sheet.summary).toContain(`«${value}» — 1`);
    const examPdf = await renderExamSheetPdf(sheet);
    writeFileSync('test-results/exam-sheet.pdf', examPdf);
    const { text } = await extractText(new Uint8Array(examPdf), { mergePages: true });
    expect(text).toContain(sheet.title);
    expect(text).toContain('№ билета');
    expect(text).toContain(sheet.rows[0]!.name);
    expect(text).toContain(`Экзаменаторы: ${sheet.examiner}`);
  });

  it('the report card of the parent’s child: every journal, its grades, averages and missed hours as the journal has them', async () => {
    const db = demo.database.db;
    const { parent } = demo.actors;
    const studentId = parent.childStudentIds[0]!.studentId;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const card = await loadReportCard(db, parent, reportCardInput.parse({ studentId, termId: term!.id }));
    const raw = await queryRows<{ id: number; grades: number; missed: number; valid: number }>(
      db,
      sql`select ta.id,
            (select count(*) from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
              cross join lateral (values (c.grade1), (c.grade2)) g(v)
              where l.teaching_assignment_id = ta.id and c.student_id = ${studentId} and g.v in ('2', '3', '4', '5'))::int as grades,
            (select coalesce(sum(l.hours), 0) from journal_cells c join lessons l on l.institution_id = c.institution_id
               and l.id = c.lesson_id join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance
              where l.teaching_assignment_id = ta.id and c.student_id = ${studentId} and a.is_absence)::int as missed,
            (select coalesce(sum(l.hours), 0) from journal_cells c join lessons l on l.institution_id = c.institution_id
               and l.id = c.lesson_id join attendance_codes a on a.institution_id = c.institution_id and a.code = c.attendance
              where l.teaching_assignment_id = ta.id and c.student_id = ${studentId} and a.is_absence and a.is_valid)::int as valid
          from teaching_assignments ta
          join group_memberships m on m.institution_id = ta.institution_id and m.group_id = ta.group_id
            and m.student_id = ${studentId} and m.to_date is null
          where ta.term_id = ${term!.id} and (ta.subgroup_id is null or exists (select 1 from subgroup_members sm
            where sm.subgroup_id = ta.subgroup_id and sm.student_id = ${studentId}))`,
    );
    const rows = card.terms[0]!.rows;
    expect(rows.map((r) => r.assignmentId).sort()).toEqual(raw.map((r) => r.id).sort());
    for (const r of raw) {
      const row = rows.find((x) => x.assignmentId === r.id)!;
      expect([row.grades.filter((g) => /^[2-5]$/.test(g)).length, row.missedHours, row.missedValidHours]).toEqual([
        r.grades,
        r.missed,
        r.valid,
      ]);
    }
    expect(card.totals.missedHours).toBe(raw.reduce((n, r) => n + r.missed, 0));
    const pdf = await renderReportCardPdf(card);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/report-card.pdf', pdf);
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text).toContain('ТАБЕЛЬ УСПЕВАЕМОСТИ');
    expect(text).toContain(card.student);
    expect(text).toContain(rows[0]!.code);
    // Another parent’s child is refused as out of scope.
    const stranger = await queryRows<{ id: number }>(
      db,
      sql`select id from students where id <> ${studentId} order by id limit 1`,
    );
    await expect(
      loadReportCard(db, parent, reportCardInput.parse({ studentId: stranger[0]!.id })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('the journal-keeping sheet of a teacher: a row per own journal with the pre-flight’s findings, PDF and XLSX', async () => {
    const db = demo.database.db;
    const { teacher, head } = demo.actors;
    const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
    const own = await db
      .select({ id: teachingAssignments.id, groupId: teachingAssignments.groupId })
      .from(teachingAssignments)
      .where(
        sql`${teachingAssignments.teacherUserId} = ${teacher.userId} and ${teachingAssignments.termId} = ${term!.id}`,
      );
    const sheet = await loadKeepingSheet(db, head, keepingInput.parse({ teacherId: teacher.userId, termId: term!.id }));
    expect(sheet.rows.map((r) => r.assignmentId).sort()).toEqual(own.map((j) => j.id).sort());
    for (const j of own) {
      const preflight = await printPreflight(db, teacher, {
        groupId: j.groupId,
        termId: term!.id,
        assignmentId: j.id,
        lessonsPerPage: 40,
        newPage: true,
      });
      const row = sheet.rows.find((r) => r.assignmentId === j.id)!;
      expect(row.counts.noTopic).toBe(preflight.issues.filter((i) => i.rule === 'noTopic').length);
      expect(row.counts.emptyLesson).toBe(preflight.issues.filter((i) => i.rule === 'emptyLesson').length);
    }
    expect(sheet.teacher).toBe(fullName(teacher));
    const { text } = await extractText(new Uint8Array(await renderKeepingPdf(sheet)), { mergePages: true });
    expect(text).toContain('ЛИСТ КОНТРОЛЯ ВЕДЕНИЯ ЖУРНАЛА');
    expect(text).toContain(sheet.rows[0]!.group);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderKeepingXlsx(sheet)) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2 + sheet.rows.length);
  });
});
