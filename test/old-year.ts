/**
 * A closed academic year of 2019/2020 — past the journal's 5 years of keeping (regulation §6.1) — with one locked term
 * and a copy of a journal of the demo college in it: what the retention tests purge.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { academicYears, teachingAssignments, terms } from '../db/schema';

export async function insertOldYear(db: Db, institutionId: number, journalId: number) {
  const [journal] = await db.select().from(teachingAssignments).where(eq(teachingAssignments.id, journalId));
  const [year] = await db
    .insert(academicYears)
    .values({ institutionId, name: '2019/2020', startsOn: '2019-09-01', endsOn: '2020-06-30', closedAt: new Date() })
    .returning();
  const [term] = await db
    .insert(terms)
    .values({
      institutionId,
      academicYearId: year!.id,
      number: 1,
      name: '1 семестр 2019/2020',
      startsOn: '2019-09-01',
      endsOn: '2019-12-28',
      locked: true,
    })
    .returning();
  const [assignment] = await db
    .insert(teachingAssignments)
    .values({ ...journal!, id: undefined, termId: term!.id })
    .returning();
  return { year: year!, term: term!, assignment: assignment! };
}
