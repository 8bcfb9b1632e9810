import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../../../test/demo-database';
import { changeLog, terms } from '../../../db/schema';
import { demoJournalId } from '../../../test/journal-fixtures';
import { loadJournalPage } from '../journal/page';
import { closeYear, closeYearInput, listYears, openYear, setTermLock } from './years';
import { Refusal } from '../../policy/refusal';

const demo = useDemoDatabase();

const next = {
  name: '2027/2028',
  startsOn: '2027-09-01',
  endsOn: '2028-06-30',
  terms: [
    { name: '1 семестр 2027/2028', startsOn: '2027-09-01', endsOn: '2027-12-28' },
    { name: '2 семестр 2027/2028', startsOn: '2028-01-12', endsOn: '2028-06-30' },
  ],
};

describe('academic years', () => {
  it('lists the demo year with its two terms and their journals', async () => {
    const years = await listYears(demo.database.db, demo.actors.admin);
    expect(years.map((y) => y.name)).toEqual(['2026/2027']);
    expect(years[0]!.terms.map((t) => t.name)).toEqual(['1 семестр 2026/2027', '2 семестр 2026/2027']);
    expect(years[0]!.terms[0]!.assignments).toBeGreaterThan(50);
  });

  it('refuses bad years in Russian and opens a good one, logged', async () => {
    const fail = (input: typeof next) => openYear(demo.database.db, demo.actors.admin, input);
    await expect(fail({ ...next, name: '2027/2029' })).rejects.toThrow('второй год должен следовать за первым');
    await expect(
      fail({ ...next, terms: [next.terms[0]!, { ...next.terms[1]!, startsOn: '2027-12-01' }] }),
    ).rejects.toThrow('пересекается с «1 семестр 2027/2028»');
    await expect(fail({ ...next, terms: [{ ...next.terms[0]!, startsOn: '2027-08-01' }] })).rejects.toThrow(
      'выходят за учебный год',
    );
    await expect(fail({ ...next, name: '2026/2027' })).rejects.toThrow('уже открыт');
    const year = await openYear(demo.database.db, demo.actors.admin, next);
    expect(year.name).toBe('2027/2028');
    const years = await listYears(demo.database.db, demo.actors.admin);
    expect(years.map((y) => y.name)).toEqual(['2026/2027', '2027/2028']);
    const log = await demo.database.db.select().from(changeLog).where(eq(changeLog.entity, 'year'));
    expect(log.at(-1)!.after).toMatchObject({ name: '2027/2028' });
  });

  it('locks a term (journals read-only), unlocks it, and closes a year for good', async () => {
    const journalId = await demoJournalId(demo.database.db, demo.actors.teacher);
    const [term] = await demo.database.db.select().from(terms).where(eq(terms.name, '1 семестр 2026/2027'));
    await setTermLock(demo.database.db, demo.actors.admin, { termId: term!.id, locked: true, reason: 'сдача отчётов' });
    expect(
      (await loadJournalPage(demo.database.db, demo.actors.teacher, journalId, '2026-11-29'))!.access,
    ).toMatchObject({ canEdit: false, reason: expect.stringContaining('Семестр закрыт') });
    await setTermLock(demo.database.db, demo.actors.admin, { termId: term!.id, locked: false });
    expect(
      (await loadJournalPage(demo.database.db, demo.actors.teacher, journalId, '2026-11-29'))!.access.canEdit,
    ).toBe(true);
    const [year2027] = (await listYears(demo.database.db, demo.actors.admin)).filter((y) => y.name === '2027/2028');
    expect(() => closeYearInput.parse({ yearId: year2027!.id, reason: '' })).toThrow(
      'Основание: укажите приказ или причину',
    );
    await closeYear(demo.database.db, demo.actors.admin, { yearId: year2027!.id, reason: 'Приказ № 1 от 30.06.2028' });
    const closed = (await listYears(demo.database.db, demo.actors.admin)).find((y) => y.name === '2027/2028')!;
    expect(closed.closedAt).not.toBeNull();
    expect(closed.terms.every((t) => t.locked)).toBe(true);
    await expect(
      setTermLock(demo.database.db, demo.actors.admin, { termId: closed.terms[0]!.id, locked: false }),
    ).rejects.toThrow('закрыт');
    const log = await demo.database.db.select().from(changeLog).where(eq(changeLog.entity, 'term'));
    expect(log.length).toBe(2);
  });

  it('is the administrator’s alone', async () => {
    for (const role of ['head', 'methodist', 'curator', 'teacher', 'inspector'] as const) {
      await expect(
        openYear(demo.database.db, demo.actors[role], { ...next, name: '2030/2031' }),
      ).rejects.toBeInstanceOf(Refusal);
      expect(await listYears(demo.database.db, demo.actors[role])).toEqual([]);
    }
  });
});
