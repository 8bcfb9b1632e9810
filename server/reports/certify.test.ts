import { eq } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { certifiedCopies } from '../../db/schema';
import { normalizeCode } from '../../domain/copy-snapshot';
import { useDemoDatabase } from '../../test/demo-database';
import { demoJournalId } from '../../test/journal-fixtures';
import { todayOf } from '../policy/actor';
import { loadJournalPage } from '../services/journal/page';
import { saveJournalEdits } from '../services/journal/save';
import { certifyCopy, copyPdf, fingerprintOf, groupCopies, verifyCopy } from './certify';
import { loadJournalCopy, printoutInputFromQuery, printoutSubjects } from './printout/load';
import { journalSnapshot } from '../../domain/copy-snapshot';

const demo = useDemoDatabase();

describe('certified copies you can verify', () => {
  it('the head certifies a journal copy; it verifies, and after a cell changes the verification names that cell', async () => {
    const db = demo.database.db;
    const { head, teacher, curator, admin } = demo.actors;
    const journalId = await demoJournalId(db, teacher);
    const page = (await loadJournalPage(db, teacher, journalId, todayOf(teacher)))!;
    const query = `groupId=${page.assignment.groupId}&termId=${page.assignment.termId}&assignmentId=${journalId}`;

    // The same data gives the same fingerprint, however often it is rendered.
    const read = async () =>
      fingerprintOf(
        journalSnapshot(
          printoutSubjects(await loadJournalCopy(db, head, printoutInputFromQuery(new URLSearchParams(query)))),
        ),
      );
    expect(await read()).toBe(await read());

    // Only the head of department (or the administrator) certifies a journal; the sheet is the director's.
    await expect(certifyCopy(db, curator, { kind: 'journal', query })).rejects.toMatchObject({ status: 403 });
    await expect(certifyCopy(db, head, { kind: 'consolidated', query })).rejects.toMatchObject({ status: 403 });
    const { code } = await certifyCopy(db, head, { kind: 'journal', query });
    expect(normalizeCode(code.toLowerCase().replace('-', ''))).toBe(code);

    // Every page carries the code.
    const { pdf } = await copyPdf(db, curator, code);
    const { text: pages } = await extractText(new Uint8Array(pdf), { mergePages: false });
    for (const text of pages) expect(text).toContain(`Заверенная копия № ${code}`);
    expect(pages.at(-1)).toContain('Заведующий отделением');

    const fresh = await verifyCopy(db, null, code);
    expect(fresh).toMatchObject({ matches: true, changes: [] });
    expect(fresh!.fingerprint).toBe(await read());
    expect(
      (await groupCopies(db, curator, page.assignment.groupId, page.assignment.termId)).map((c) => c.code),
    ).toContain(code);

    // The teacher changes one printed cell: the copy no longer matches, and the verification names the cell.
    const lesson = page.lessons.filter((l) => l.date <= page.today).at(-1)!;
    const student = page.students.find((s) => s.spans.some((sp) => sp.to === null))!;
    const cell = page.cells.find((c) => c.lessonId === lesson.id && c.studentId === student.id);
    const text = cell?.grade1 === '5' ? '3' : '5';
    const saved = await saveJournalEdits(
      db,
      teacher,
      {
        assignmentId: journalId,
        source: 'typing',
        clientBatchId: 'certify-test-1',
        cells: [{ lessonId: lesson.id, studentId: student.id, text, baseVersion: cell?.version ?? 0 }],
        attestation: [],
      },
      todayOf(teacher),
    );
    expect(saved.status).toBe('saved');

    const anonymous = (await verifyCopy(db, null, code))!;
    expect(anonymous.matches).toBe(false);
    expect(anonymous.names).toBe(false);
    expect(anonymous.changes).toHaveLength(1);
    const [change] = anonymous.changes;
    expect(change!.after).toBe(text);
    expect(change!.what).toContain(lesson.date.split('-').reverse().join('.'));
    expect(change!.what).not.toContain(student.fullName);
    expect(change!.by).toBeNull();
    expect(change!.at).not.toBeNull();

    // Staff of the group see the student and who changed it.
    const staff = (await verifyCopy(db, curator, code))!;
    expect(staff.names).toBe(true);
    expect(staff.changes[0]!.what).toContain(student.fullName);
    expect(staff.changes[0]!.by).toBe('Петрова А. Н.');
    expect(staff.currentFingerprint).not.toBe(staff.fingerprint);

    // A copy is never rewritten.
    await expect(
      db.update(certifiedCopies).set({ title: 'подмена' }).where(eq(certifiedCopies.code, code)),
    ).rejects.toThrow();
    // The director (administrator) certifies the consolidated sheet.
    const sheet = await certifyCopy(db, admin, {
      kind: 'consolidated',
      query: `groupId=${page.assignment.groupId}&termId=${page.assignment.termId}`,
    });
    expect((await verifyCopy(db, null, sheet.code))!.matches).toBe(true);
    expect(await verifyCopy(db, null, 'AAAAA-AAAAA')).toBeNull();

    // The teacher enters the student's result in the column the sheet prints: both copies name it, when and who.
    const column = page.attestationColumns.at(-1)!;
    const current = page.attestation.find((a) => a.studentId === student.id && a.field === column.field);
    const result = current?.value === '5' ? '4' : '5';
    const entered = await saveJournalEdits(
      db,
      teacher,
      {
        assignmentId: journalId,
        source: 'typing',
        clientBatchId: 'certify-test-2',
        cells: [],
        attestation: [{ studentId: student.id, field: column.field, text: result, baseVersion: current?.version ?? 0 }],
      },
      todayOf(teacher),
    );
    expect(entered.status).toBe('saved');
    for (const copy of [sheet.code, code]) {
      const checked = (await verifyCopy(db, curator, copy))!;
      const resultChange = checked.changes.find(
        (c) => c.after === result && c.by !== null && c.what.includes(student.fullName),
      );
      expect(resultChange, copy).toMatchObject({ by: 'Петрова А. Н.' });
      expect(resultChange!.at).not.toBeNull();
    }
  }, 120_000);
});
