import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../../db/client';
import { cellChanges as cellsOf } from '../../../domain/cell-log';
import { academicYears, cellChanges, changeLog, editBatches, journalCells, terms } from '../../../db/schema';
import type { Role } from '../../../domain/roles';
import { demoActors } from '../../../test/actors';
import { openTestDatabase } from '../../../test/database';
import { withoutTimetable } from '../../../test/demo-database';
import { demoJournalId, foreignJournalId } from '../../../test/journal-fixtures';
import type { Actor } from '../../policy/actor';
import { grantEdit } from './grants';
import { cellHistory } from './history';
import { createLesson, deleteLesson, updateLesson } from './lessons';
import { loadJournalPage, type JournalPage } from './page';
import { saveJournalEdits, type SaveInput, type SaveResult } from './save';
import { undoLastBatch } from './undo';
import { Refusal } from '../../policy/refusal';

const TODAY = '2026-11-29';
let database: Database;
let actors: Record<Role, Actor>;
let journalId: number;
let page: JournalPage;
let batchNo = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  // The journal's lessons as entered by hand: this file adds, moves and deletes them (timetable lessons are the
  // methodist's — server/services/timetable/lessons.test.ts).
  await withoutTimetable(database.db);
  actors = await demoActors(database.db);
  journalId = await demoJournalId(database.db, actors.teacher);
  page = (await loadJournalPage(database.db, actors.teacher, journalId, TODAY))!;
});
afterAll(async () => {
  await database?.close();
});

const db = () => database.db;
const cellOf = (p: JournalPage, lessonId: number, studentId: number) =>
  p.cells.find((c) => c.lessonId === lessonId && c.studentId === studentId);
const version = (p: JournalPage, lessonId: number, studentId: number) => cellOf(p, lessonId, studentId)?.version ?? 0;
const batch = (
  cells: SaveInput['cells'],
  source: SaveInput['source'] = 'typing',
  attestation: SaveInput['attestation'] = [],
): SaveInput => ({
  assignmentId: journalId,
  source,
  clientBatchId: `test-batch-${++batchNo}-${Date.now()}`,
  cells,
  attestation,
});
const reload = async (actor = actors.teacher) => (await loadJournalPage(db(), actor, journalId, TODAY))!;
/** Students enrolled for the whole term, and past lessons. */
const steady = () =>
  page.students.filter(
    (s) => s.spans.length === 1 && s.spans[0]!.from === page.assignment.termStartsOn && s.spans[0]!.to === null,
  );
const pastLessons = () => page.lessons.filter((l) => l.date <= TODAY);

describe('journal page', () => {
  it('lists students alphabetically, lessons by date, with closed spans for the ones who left or joined', () => {
    expect(page.assignment.groupName).toBe('ИС-21');
    expect(page.assignment.itemCode).toBe('ОП.04');
    const names = page.students.map((s) => s.fullName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
    expect(page.students.length).toBe(21);
    const left = page.students.find((s) => s.spans[0]!.to !== null);
    const joined = page.students.find((s) => s.spans[0]!.from > page.assignment.termStartsOn);
    expect(left?.spans[0]!.to).toBe('2026-10-16');
    expect(joined?.spans[0]!.from).toBe('2026-10-05');
    const dates = page.lessons.map((l) => l.date);
    expect(dates).toEqual([...dates].sort());
    expect(page.cells.length).toBeGreaterThan(500);
    expect(page.attestationColumns.map((c) => c.header)).toEqual(['Сем.']);
    expect(page.access).toMatchObject({ canEdit: true, reason: null });
  });

  it('is read-only for the curator and refused to a teacher of another journal', async () => {
    const curatorView = await loadJournalPage(db(), actors.curator, journalId, TODAY);
    expect(curatorView?.access.canEdit).toBe(false);
    expect(curatorView?.students.length).toBe(21);
    const foreign = await foreignJournalId(db(), actors.teacher);
    expect(await loadJournalPage(db(), actors.teacher, foreign, TODAY)).toBeNull();
    expect(await loadJournalPage(db(), actors.parent, journalId, TODAY)).toBeNull();
  });

  it('shows a subgroup page with the subgroup’s students only', async () => {
    const [sub] = await queryRows<{ id: number }>(
      db(),
      sql`select id from teaching_assignments where subgroup_id is not null and group_id = ${page.assignment.groupId} and term_id = 1 order by id limit 1`,
    );
    const subPage = (await loadJournalPage(db(), actors.admin, sub!.id, TODAY))!;
    expect(subPage.assignment.subgroupName).toBe('1 подгруппа');
    expect(subPage.students.length).toBeGreaterThan(5);
    expect(subPage.students.length).toBeLessThan(page.students.length);
  });
});

describe('saving a batch', () => {
  it('saves typed cells with new versions, one batch and a log row per lesson with every changed cell', async () => {
    const lesson = pastLessons().at(-1)!;
    const [a, b] = steady();
    const result = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([
        { lessonId: lesson.id, studentId: a!.id, text: '4/5', baseVersion: version(page, lesson.id, a!.id) },
        { lessonId: lesson.id, studentId: b!.id, text: 'н', baseVersion: version(page, lesson.id, b!.id) },
      ]),
      TODAY,
    );
    expect(result.status).toBe('saved');
    if (result.status !== 'saved') return;
    expect(result.cells).toHaveLength(2);
    expect(result.cells.find((c) => c.studentId === a!.id)).toMatchObject({
      grade1: '4',
      grade2: '5',
      version: version(page, lesson.id, a!.id) + 1,
    });
    const log = await db().select().from(cellChanges).where(eq(cellChanges.batchId, result.batchId!));
    expect(log).toHaveLength(1);
    const cells = cellsOf(log[0]!);
    expect(cells.map((c) => [c.lessonId, c.studentId, c.before?.version ?? 0, c.after])).toEqual([
      [
        lesson.id,
        a!.id,
        version(page, lesson.id, a!.id),
        { attendance: null, grade1: '4', grade2: '5', version: version(page, lesson.id, a!.id) + 1 },
      ],
      [
        lesson.id,
        b!.id,
        version(page, lesson.id, b!.id),
        { attendance: 'н', grade1: null, grade2: null, version: version(page, lesson.id, b!.id) + 1 },
      ],
    ]);
    const [row] = await db().select().from(editBatches).where(eq(editBatches.id, result.batchId!));
    expect(row).toMatchObject({ source: 'typing', userId: actors.teacher.userId, teachingAssignmentId: journalId });
    page = await reload();
  });

  it('refuses a pasted block with one bad cell: nothing saved, the bad cell named in Russian', async () => {
    const lessons = pastLessons().slice(-3);
    const students = steady().slice(0, 5);
    const cells = students.flatMap((s, i) =>
      lessons.map((l, j) => ({
        lessonId: l.id,
        studentId: s.id,
        text: i === 2 && j === 1 ? '7' : '5',
        baseVersion: version(page, l.id, s.id),
      })),
    );
    const logged = async () =>
      (
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(cellChanges)
      )[0]!.n +
      (
        await db()
          .select({ n: sql<number>`count(*)::int` })
          .from(changeLog)
      )[0]!.n;
    const before = await logged();
    const result = await saveJournalEdits(db(), actors.teacher, batch(cells, 'paste'), TODAY);
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(students[2]!.name);
    expect(result.errors[0]!.message).toContain('«7» — не отметка');
    expect(await logged()).toBe(before);
    expect(await reload()).toEqual(page);
  });

  it('refuses a closed cell (a student out of the group that day) and a future lesson', async () => {
    const left = page.students.find((s) => s.spans[0]!.to !== null)!;
    const afterLeaving = pastLessons().find((l) => l.date > left.spans[0]!.to!)!;
    const future = await createLesson(db(), actors.teacher, {
      assignmentId: journalId,
      date: '2026-12-15',
      pairNo: 1,
      hours: 2,
      kind: 'lecture',
      topic: 'Будущая тема',
      homework: null,
    });
    const result = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([
        { lessonId: afterLeaving.id, studentId: left.id, text: '5', baseVersion: 0 },
        { lessonId: future.id, studentId: steady()[0]!.id, text: 'н', baseVersion: 0 },
      ]),
      TODAY,
    );
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('ячейка закрыта'),
      expect.stringContaining('занятие ещё не прошло'),
    ]);
    page = await reload();
  });

  it('accepts a pasted block whose blanks fall on the closed days before a student joined; a value there refuses it (issue #9.4)', async () => {
    const joined = page.students.find((s) => s.spans[0]!.from > page.assignment.termStartsOn)!;
    const before = pastLessons()
      .filter((l) => l.date < joined.spans[0]!.from)
      .slice(-2);
    const after = pastLessons().find((l) => l.date >= joined.spans[0]!.from)!;
    const mark = cellOf(page, after.id, joined.id)?.grade1 === '4' ? '3' : '4';
    expect(before).toHaveLength(2);
    // The Excel block: two empty cells on the hatched days, then a mark on the first day in the group.
    const cells = [
      ...before.map((l) => ({ lessonId: l.id, studentId: joined.id, text: '', baseVersion: 0 })),
      { lessonId: after.id, studentId: joined.id, text: mark, baseVersion: version(page, after.id, joined.id) },
    ];
    const saved = await saveJournalEdits(db(), actors.teacher, batch(cells, 'paste'), TODAY);
    expect(saved.status).toBe('saved');
    page = await reload();
    expect(cellOf(page, after.id, joined.id)).toMatchObject({ grade1: mark });
    for (const l of before) expect(cellOf(page, l.id, joined.id)).toBeUndefined();

    const refused = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([{ lessonId: before[0]!.id, studentId: joined.id, text: 'н', baseVersion: 0 }], 'paste'),
      TODAY,
    );
    expect(refused.status).toBe('invalid');
    if (refused.status === 'invalid')
      expect(refused.errors[0]!.message).toMatch(new RegExp(`${joined.name.split(' ')[0]}.*не числился`));
  });

  it('reports a cell changed by someone else since it was read, and saves nothing of the batch', async () => {
    const lesson = pastLessons().at(-2)!;
    const [a, b] = steady().slice(3, 5);
    const base = version(page, lesson.id, a!.id);
    // The same teacher in a second browser, which read the cell at the same version.
    const first = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([{ lessonId: lesson.id, studentId: a!.id, text: '3', baseVersion: base }]),
      TODAY,
    );
    expect(first.status).toBe('saved');
    const second = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([
        { lessonId: lesson.id, studentId: a!.id, text: '5', baseVersion: base },
        { lessonId: lesson.id, studentId: b!.id, text: '4', baseVersion: version(page, lesson.id, b!.id) },
      ]),
      TODAY,
    );
    expect(second.status).toBe('conflict');
    if (second.status !== 'conflict') return;
    expect(second.conflicts).toEqual([
      expect.objectContaining({
        lessonId: lesson.id,
        studentId: a!.id,
        mine: '5',
        theirs: '3',
        version: base + 1,
        by: 'Петрова А.',
      }),
    ]);
    const now = await reload();
    expect(cellOf(now, lesson.id, a!.id)).toMatchObject({ grade1: '3' });
    expect(cellOf(now, lesson.id, b!.id)?.version).toBe(version(page, lesson.id, b!.id));
    page = now;
  });

  it('lets exactly one of two concurrent writers of a new cell win', async () => {
    const lesson = await createLesson(db(), actors.teacher, {
      assignmentId: journalId,
      date: '2026-11-28',
      pairNo: 4,
      hours: 2,
      kind: 'practical',
      topic: 'Практика',
      homework: null,
    });
    const student = steady()[6]!;
    const results = await Promise.all([
      saveJournalEdits(
        db(),
        actors.teacher,
        batch([{ lessonId: lesson.id, studentId: student.id, text: '5', baseVersion: 0 }]),
        TODAY,
      ),
      saveJournalEdits(
        db(),
        actors.teacher,
        batch([{ lessonId: lesson.id, studentId: student.id, text: '2', baseVersion: 0 }]),
        TODAY,
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
    const [cell] = await db()
      .select()
      .from(journalCells)
      .where(and(eq(journalCells.lessonId, lesson.id), eq(journalCells.studentId, student.id)));
    expect(cell!.version).toBe(1);
    page = await reload();
  });

  it('lets exactly one of two concurrent writers of an existing cell win, and logs only the winner', async () => {
    const lesson = pastLessons().at(-5)!;
    const student = steady()[9]!;
    const base = version(page, lesson.id, student.id);
    expect(base).toBeGreaterThan(0);
    const results = await Promise.all(
      ['3', '2'].map((text) =>
        saveJournalEdits(
          db(),
          actors.teacher,
          batch([{ lessonId: lesson.id, studentId: student.id, text, baseVersion: base }], 'paste'),
          TODAY,
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
    const winner = results.find((r) => r.status === 'saved') as Extract<SaveResult, { status: 'saved' }>;
    const [cell] = await db()
      .select()
      .from(journalCells)
      .where(and(eq(journalCells.lessonId, lesson.id), eq(journalCells.studentId, student.id)));
    expect(cell).toMatchObject({ version: base + 1, grade1: winner.cells[0]!.grade1 });
    const logged = (await db().select().from(cellChanges).where(eq(cellChanges.lessonId, lesson.id)))
      .flatMap(cellsOf)
      .filter((c) => c.studentId === student.id);
    expect(logged.at(-1)).toMatchObject({ after: { version: base + 1, grade1: cell!.grade1 } });
    expect(logged.filter((c) => c.after?.version === base + 1)).toHaveLength(1);
    page = await reload();
  });

  it('does not apply a resent batch twice, and writes nothing for a no-op', async () => {
    const lesson = pastLessons().at(-4)!;
    const s = steady()[7]!;
    const input = batch([
      { lessonId: lesson.id, studentId: s.id, text: 'о4', baseVersion: version(page, lesson.id, s.id) },
    ]);
    const first = await saveJournalEdits(db(), actors.teacher, input, TODAY);
    const again = await saveJournalEdits(db(), actors.teacher, input, TODAY);
    expect(first.status).toBe('saved');
    expect(again).toMatchObject({ status: 'saved', batchId: (first as { batchId: number }).batchId });
    expect((again as { cells: { version: number }[] }).cells[0]!.version).toBe(version(page, lesson.id, s.id) + 1);
    page = await reload();
    const noop = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([{ lessonId: lesson.id, studentId: s.id, text: 'о4', baseVersion: version(page, lesson.id, s.id) }]),
      TODAY,
    );
    expect(noop).toEqual({ status: 'saved', batchId: null, cells: [], attestation: [] });
  });

  it('answers a resent batch exactly as it answered first: the cells it changed, never others’ later values', async () => {
    // Issue #26, item 8: after the app was killed, resent batches were answered with every cell they sent (an
    // unchanged one too) at its current value, so the client's confirmed cells and the audit rows disagreed.
    const lesson = pastLessons().at(-5)!;
    const [a, b, c] = steady().slice(10, 13);
    const keep = cellOf(page, lesson.id, b!.id);
    const keepText = keep?.grade1 ?? keep?.attendance ?? '';
    const input = batch(
      [
        { lessonId: lesson.id, studentId: a!.id, text: '3', baseVersion: version(page, lesson.id, a!.id) },
        { lessonId: lesson.id, studentId: b!.id, text: keepText, baseVersion: version(page, lesson.id, b!.id) },
      ],
      'paste',
      [{ studentId: c!.id, field: 'sem', text: '5', baseVersion: 0 }],
    );
    const first = await saveJournalEdits(db(), actors.teacher, input, TODAY);
    expect(first).toMatchObject({ status: 'saved', cells: [{ studentId: a!.id, grade1: '3' }] });
    expect((first as { cells: unknown[] }).cells).toHaveLength(1);
    expect(await saveJournalEdits(db(), actors.teacher, input, TODAY)).toEqual(first);
    // Someone else writes the cell afterwards: the resend still reports the batch's own write, not theirs.
    await db().execute(
      sql`update journal_cells set grade1 = '5', version = version + 1 where lesson_id = ${lesson.id} and student_id = ${a!.id}`,
    );
    expect(await saveJournalEdits(db(), actors.teacher, input, TODAY)).toEqual(first);
    const logged = await db()
      .select()
      .from(cellChanges)
      .where(eq(cellChanges.batchId, (first as { batchId: number }).batchId));
    expect(logged.flatMap(cellsOf)).toHaveLength((first as { cells: unknown[] }).cells.length);
    page = await reload();

    // Two tabs send one batch at the same moment: both are told the same, and it is written once.
    const d = steady()[13]!;
    const twice = batch([
      { lessonId: lesson.id, studentId: d.id, text: 'н', baseVersion: version(page, lesson.id, d.id) },
    ]);
    const [one, two] = await Promise.all([
      saveJournalEdits(db(), actors.teacher, twice, TODAY),
      saveJournalEdits(db(), actors.teacher, twice, TODAY),
    ]);
    expect(one).toMatchObject({ status: 'saved', cells: [{ studentId: d.id, attendance: 'н' }] });
    expect(two).toEqual(one);
    page = await reload();
  });

  it('saves attestation results and refuses a value the form does not allow', async () => {
    const s = steady()[8]!;
    const ok = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([], 'typing', [{ studentId: s.id, field: 'sem', text: '4', baseVersion: 0 }]),
      TODAY,
    );
    expect(ok).toMatchObject({
      status: 'saved',
      attestation: [{ studentId: s.id, field: 'sem', value: '4', version: 1 }],
    });
    const bad = await saveJournalEdits(
      db(),
      actors.teacher,
      batch([], 'typing', [{ studentId: s.id, field: 'exam', text: '5', baseVersion: 0 }]),
      TODAY,
    );
    expect(bad).toMatchObject({
      status: 'invalid',
      errors: [{ message: expect.stringContaining('нет такой формы аттестации') }],
    });
    page = await reload();
    expect(page.attestation).toContainEqual({ studentId: s.id, field: 'sem', value: '4', version: 1 });
  });

  it('refuses a teacher writing into another teacher’s journal, and the administration and a curator writing at all', async () => {
    const foreign = await foreignJournalId(db(), actors.teacher);
    const lesson = pastLessons()[0]!;
    await expect(
      saveJournalEdits(
        db(),
        actors.teacher,
        {
          ...batch([{ lessonId: lesson.id, studentId: steady()[0]!.id, text: '5', baseVersion: 1 }]),
          assignmentId: foreign,
        },
        TODAY,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['curator', 'admin', 'head', 'methodist', 'inspector'] as const) {
      await expect(
        saveJournalEdits(
          db(),
          actors[role],
          batch([{ lessonId: lesson.id, studentId: steady()[0]!.id, text: '5', baseVersion: 1 }]),
          TODAY,
        ),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });
});

describe('history and undo', () => {
  it('keeps every change of a cell and reverts the last batch as a new logged batch', async () => {
    const [lesson, other] = pastLessons().slice(-8, -6);
    const [a, b] = steady().slice(9, 11);
    const origA = cellOf(page, lesson!.id, a!.id)!;
    // A mark the cell does not hold yet, so that the batch changes it whatever the demo gave it.
    const onlyTwo = origA.grade1 === '2' && origA.grade2 === null && origA.attendance === null;
    const saved = await saveJournalEdits(
      db(),
      actors.teacher,
      batch(
        [
          {
            lessonId: lesson!.id,
            studentId: a!.id,
            text: onlyTwo ? '3' : '2',
            baseVersion: version(page, lesson!.id, a!.id),
          },
          { lessonId: other!.id, studentId: b!.id, text: '2', baseVersion: version(page, other!.id, b!.id) },
        ],
        'fill',
      ),
      TODAY,
    );
    expect(saved.status).toBe('saved');
    // One of the two cells is gone since (its lesson deleted): undo reverts the other and reports this one.
    expect(
      await deleteLesson(db(), actors.teacher, { assignmentId: journalId, lessonId: other!.id, confirm: true }),
    ).toEqual({ status: 'deleted' });
    const undone = await undoLastBatch(db(), actors.teacher, journalId);
    expect(undone.status).toBe('undone');
    if (undone.status !== 'undone') return;
    expect(undone.revertedBatchId).toBe((saved as { batchId: number }).batchId);
    expect(undone.cells).toHaveLength(1);
    expect(undone.refused).toEqual([expect.stringContaining(`${b!.name}, занятие удалено`)]);
    page = await reload();
    expect(cellOf(page, lesson!.id, a!.id)).toMatchObject({
      attendance: origA.attendance,
      grade1: origA.grade1,
      grade2: origA.grade2,
    });
    const [undoBatch] = await db().select().from(editBatches).where(eq(editBatches.id, undone.batchId!));
    expect(undoBatch).toMatchObject({ source: 'undo', revertsBatchId: undone.revertedBatchId });
    const history = await cellHistory(db(), actors.curator, {
      assignmentId: journalId,
      lessonId: lesson!.id,
      studentId: a!.id,
    });
    expect(history.map((h) => h.source)).toEqual(['fill', 'undo']);
    expect(history[0]!.by).toBe('Петрова А. Н.');
    // Nothing more of the teacher's to undo twice: the next undo takes the batch before.
    const again = await undoLastBatch(db(), actors.teacher, journalId);
    expect(
      again.status === 'nothing' || (again.status === 'undone' && again.revertedBatchId !== undone.revertedBatchId),
    ).toBe(true);
  });
});

describe('lessons from the page', () => {
  it('refuses a date outside the term and a taken pair, in Russian', async () => {
    await expect(
      createLesson(db(), actors.teacher, {
        assignmentId: journalId,
        date: '2027-01-20',
        pairNo: 1,
        hours: 2,
        kind: 'lecture',
        topic: null,
        homework: null,
      }),
    ).rejects.toThrow('Дата: 20.01.2027 вне семестра (01.09.2026 — 28.12.2026)');
    const taken = page.lessons.find((l) => l.pairNo !== null)!;
    await expect(
      createLesson(db(), actors.teacher, {
        assignmentId: journalId,
        date: taken.date,
        pairNo: taken.pairNo,
        hours: 2,
        kind: 'lecture',
        topic: null,
        homework: null,
      }),
    ).rejects.toThrow(/уже есть занятие/);
  });

  it('edits a lesson and deletes one with marks only when confirmed, keeping the marks in the log', async () => {
    const lesson = pastLessons().at(-6)!;
    const updated = await updateLesson(db(), actors.teacher, {
      assignmentId: journalId,
      lessonId: lesson.id,
      date: lesson.date,
      pairNo: lesson.pairNo,
      hours: 2,
      kind: 'lab',
      topic: 'Новая тема',
      homework: 'Отчёт',
    });
    expect(updated).toMatchObject({ kind: 'lab', topic: 'Новая тема' });
    expect(
      await deleteLesson(db(), actors.teacher, { assignmentId: journalId, lessonId: lesson.id, confirm: false }),
    ).toMatchObject({ status: 'needsConfirm' });
    expect(
      await deleteLesson(db(), actors.teacher, { assignmentId: journalId, lessonId: lesson.id, confirm: true }),
    ).toEqual({ status: 'deleted' });
    const log = await db()
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entity, 'lesson'), eq(changeLog.lessonId, lesson.id)));
    expect(log.map((l) => (l.after === null ? 'delete' : 'edit'))).toEqual(['edit', 'delete']);
    expect((log[1]!.before as { marks: unknown[] }).marks.length).toBeGreaterThan(0);
    page = await reload();
    expect(page.lessons.some((l) => l.id === lesson.id)).toBe(false);
  });
});

describe('closed terms and grants', () => {
  it('makes a closed term read-only until a head of department opens the journal for the teacher', async () => {
    await db().update(terms).set({ locked: true }).where(eq(terms.id, page.assignment.termId));
    const lesson = pastLessons()[2]!;
    const s = steady()[12]!;
    const attempt = () =>
      saveJournalEdits(
        db(),
        actors.teacher,
        batch([{ lessonId: lesson.id, studentId: s.id, text: '5', baseVersion: version(page, lesson.id, s.id) }]),
        TODAY,
      );
    await expect(attempt()).rejects.toThrow(/Семестр закрыт/);
    expect((await reload()).access).toMatchObject({
      canEdit: false,
      reason: expect.stringContaining('Семестр закрыт'),
    });
    // Neither a curator nor the teacher may open it; the head of the department may.
    await expect(
      grantEdit(db(), actors.curator, { assignmentId: journalId, hours: 2, reason: 'исправить ошибку' }),
    ).rejects.toBeInstanceOf(Refusal);
    await expect(
      grantEdit(db(), actors.teacher, { assignmentId: journalId, hours: 2, reason: 'исправить ошибку' }),
    ).rejects.toBeInstanceOf(Refusal);
    const grant = await grantEdit(db(), actors.head, {
      assignmentId: journalId,
      hours: 2,
      reason: 'Исправление оценки по заявлению студента',
    });
    const saved = await attempt();
    expect(saved.status).toBe('saved');
    const [row] = await db()
      .select()
      .from(editBatches)
      .where(eq(editBatches.id, (saved as { batchId: number }).batchId));
    expect(row!.grantId).toBe(grant.id);
    const grantLog = await db().select().from(changeLog).where(eq(changeLog.entity, 'grant'));
    expect(grantLog.at(-1)!.after).toMatchObject({ reason: 'Исправление оценки по заявлению студента' });
    // An expired grant opens nothing.
    await db().execute(
      sql`update journal_edit_grants set valid_until = now() - interval '1 minute' where id = ${grant.id}`,
    );
    page = await reload();
    await expect(attempt()).rejects.toThrow(/Семестр закрыт/);
    await db().update(terms).set({ locked: false }).where(eq(terms.id, page.assignment.termId));
  });

  it('opens a journal of a closed year only by an administrator', async () => {
    const [term] = await db().select().from(terms).where(eq(terms.id, page.assignment.termId));
    await db().update(academicYears).set({ closedAt: new Date() }).where(eq(academicYears.id, term!.academicYearId));
    try {
      await expect(
        grantEdit(db(), actors.head, { assignmentId: journalId, hours: 1, reason: 'Исправление в архиве' }),
      ).rejects.toThrow('журнал архива открывает для исправлений только администратор');
      const grant = await grantEdit(db(), actors.admin, {
        assignmentId: journalId,
        hours: 1,
        reason: 'Исправление в архиве по приказу',
      });
      expect(grant.userId).toBe(actors.teacher.userId);
    } finally {
      await db().update(academicYears).set({ closedAt: null }).where(eq(academicYears.id, term!.academicYearId));
    }
  });
});
