import { mkdirSync, writeFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { groups, teachingAssignments, terms } from '../../../db/schema';
import { preflightIssues } from '../../../domain/print-checks';
import { useDemoDatabase } from '../../../test/demo-database';
import { Refusal } from '../../policy/refusal';
import { printoutPageCount, renderPrintout } from './document';
import { loadJournalCopy, preflightJournals, printoutInput } from './load';

const demo = useDemoDatabase();

async function curatorGroup() {
  const db = demo.database.db;
  const groupId = demo.actors.curator.grants.find((g) => g.role === 'curator')!.groupId!;
  const [term] = await db.select().from(terms).where(eq(terms.startsOn, '2026-09-01'));
  return { groupId, termId: term!.id };
}

describe('«Распечатка классного журнала» of the demo college', () => {
  it('prints all subjects alphabetically with continuous page numbers, Cyrillic names and the certification', async () => {
    const db = demo.database.db;
    const { groupId, termId } = await curatorGroup();
    const copy = await loadJournalCopy(
      db,
      demo.actors.methodist,
      printoutInput.parse({ groupId, termId, lessonsPerPage: 20 }),
    );
    expect(copy.journals.length).toBeGreaterThan(3);
    const titles = copy.journals.map((j) => j.itemName);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'ru')));

    const pdf = await renderPrintout(copy);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/printout.pdf', pdf);
    const { text: pages, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: false });
    // As planned with the heights measured in the font (the certification page counts the sheets from the plan).
    expect(totalPages).toBe(printoutPageCount(copy));
    // Page n carries the number n (top right: the first line of its text).
    pages.forEach((text, i) => expect(text.trim().split('\n')[0]!.trim()).toBe(String(i + 1)));
    expect(pages[0]).toContain('КЛАССНЫЙ ЖУРНАЛ');
    expect(pages[0]).toContain(copy.group.name);
    expect(pages.at(-1)).toContain(`пронумеровано и прошнуровано ${totalPages} лист`);
    expect(pages.at(-1)).toContain('Заведующий отделением');

    // Subjects appear in alphabetical order, each starting on a new page.
    const starts = copy.journals.map((j) => pages.findIndex((p) => p.includes(`Предмет: ${j.itemCode} ${j.itemName}`)));
    expect(starts.every((p) => p > 0)).toBe(true);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));

    // A student's full name in Cyrillic, and at most 20 lessons on a lessons page.
    const student = copy.journals[0]!.students[0]!;
    expect(pages.join('\n')).toContain(student.name);
    for (const text of pages.filter((p) => p.includes('Тема занятия')))
      expect((text.match(/\d\d\.\d\d\.\d{4}/g) ?? []).length).toBeLessThanOrEqual(20 + 2);
  }, 120_000);

  it('prints one journal for its teacher, and marks the lessons a substitute taught', async () => {
    const db = demo.database.db;
    const { teacher } = demo.actors;
    const [own] = await db
      .select()
      .from(teachingAssignments)
      .where(eq(teachingAssignments.teacherUserId, teacher.userId))
      .limit(1);
    const input = printoutInput.parse({ groupId: own!.groupId, termId: own!.termId, assignmentId: own!.id });
    const copy = await loadJournalCopy(db, teacher, input);
    expect(copy.all).toBe(false);
    expect(copy.journals.map((j) => j.assignmentId)).toEqual([own!.id]);
    const { text } = await extractText(new Uint8Array(await renderPrintout(copy)), { mergePages: true });
    expect(text).not.toContain('КЛАССНЫЙ ЖУРНАЛ');
    expect(text).toContain('Тема занятия');

    // The teacher may not print the whole group, nor a journal of another teacher.
    await expect(
      loadJournalCopy(db, teacher, printoutInput.parse({ groupId: own!.groupId, termId: own!.termId })),
    ).rejects.toThrow(Refusal);
    const [other] = await db
      .select()
      .from(teachingAssignments)
      .where(and(eq(teachingAssignments.groupId, own!.groupId), eq(teachingAssignments.termId, own!.termId)));
    const foreign = (
      await db
        .select()
        .from(teachingAssignments)
        .where(and(eq(teachingAssignments.groupId, own!.groupId), eq(teachingAssignments.termId, own!.termId)))
    ).find((a) => a.teacherUserId !== teacher.userId);
    expect(other).toBeDefined();
    if (foreign)
      await expect(
        loadJournalCopy(
          db,
          teacher,
          printoutInput.parse({ groupId: own!.groupId, termId: own!.termId, assignmentId: foreign.id }),
        ),
      ).rejects.toMatchObject({ status: 403 });
  }, 60_000);

  it('refuses a curator another group and a period outside the term, naming the field', async () => {
    const db = demo.database.db;
    const { termId, groupId } = await curatorGroup();
    const [other] = (await db.select().from(groups)).filter((g) => g.id !== groupId);
    await expect(
      loadJournalCopy(db, demo.actors.curator, printoutInput.parse({ groupId: other!.id, termId })),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      loadJournalCopy(db, demo.actors.curator, printoutInput.parse({ groupId, termId, from: '2026-08-01' })),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/^С: 01\.08\.2026 вне семестра \(01\.09\.2026 — /),
    });
    expect(() => printoutInput.parse({ groupId, termId, lessonsPerPage: 100 })).toThrow(
      'Занятий на странице: не больше 40',
    );
  });

  it('pre-flight lists what would look wrong on paper, linked to the journal', async () => {
    const db = demo.database.db;
    const { groupId, termId } = await curatorGroup();
    const copy = await loadJournalCopy(db, demo.actors.methodist, printoutInput.parse({ groupId, termId }));
    const issues = preflightIssues(preflightJournals(copy), {
      from: copy.from,
      to: copy.to,
      today: copy.today,
      termEndsOn: copy.term.endsOn,
    });
    for (const issue of issues) expect(issue.href).toMatch(new RegExp(`^/journals/${issue.assignmentId}(\\?|$)`));
  });
});
