import { and, asc, desc, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { academicYears, terms } from '../../db/schema';
import { badInput } from '../policy/refusal';
import { JOIN } from '../../db/joins';

export interface TermInfo {
  id: number;
  institutionId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  yearName: string;
}

/** The term that contains `date` in each institution, else the last one that has started. */
export async function currentTerms(db: Db, institutionIds: number[], date: string): Promise<Map<number, TermInfo>> {
  const result = new Map<number, TermInfo>();
  if (institutionIds.length === 0) return result;
  const rows = await db
    .select({
      id: terms.id,
      institutionId: terms.institutionId,
      name: terms.name,
      startsOn: terms.startsOn,
      endsOn: terms.endsOn,
      yearName: academicYears.name,
    })
    .from(terms)
    .innerJoin(academicYears, JOIN.termYear)
    .where(and(inArray(terms.institutionId, institutionIds), lte(terms.startsOn, date)))
    .orderBy(desc(terms.startsOn));
  for (const row of rows) if (!result.has(row.institutionId)) result.set(row.institutionId, row);
  return result;
}

/** Terms of the institutions' open (not closed) years, in date order. */
export async function openTerms(db: Db, institutionIds: number[]) {
  if (institutionIds.length === 0) return [];
  return db
    .select({
      id: terms.id,
      institutionId: terms.institutionId,
      name: terms.name,
      number: terms.number,
      startsOn: terms.startsOn,
      endsOn: terms.endsOn,
      locked: terms.locked,
      yearStart: academicYears.startsOn,
    })
    .from(terms)
    .innerJoin(academicYears, JOIN.termYear)
    .where(and(inArray(terms.institutionId, institutionIds), isNull(academicYears.closedAt)))
    .orderBy(asc(terms.startsOn));
}

export type OpenTerm = Awaited<ReturnType<typeof openTerms>>[number];

/**
 * The term asked for among the open ones, else the one that contains `today`, else the last that has started, else
 * the first; 400 naming the field when the asked one is not open.
 */
export function pickOpenTerm(list: readonly OpenTerm[], today: string, termId: number | undefined): OpenTerm {
  const term =
    termId !== undefined
      ? list.find((t) => t.id === termId)
      : (list.find((t) => t.startsOn <= today && today <= t.endsOn) ??
        list.filter((t) => t.startsOn <= today).at(-1) ??
        list[0]);
  if (!term) throw badInput('Семестр: не найден среди семестров открытого учебного года');
  return term;
}
