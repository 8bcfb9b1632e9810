/**
 * Academic years and terms (regulation §5.2): the administrator opens a year with its terms, locks and unlocks a term,
 * closes a year (its journals become the read-only archive, and every group's certified copies are stored in the
 * background). Every operation is logged with who, when and why.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { databaseOf, inTransaction, type Db } from '../../../db/client';
import { jobQueue } from '../../jobs/queue';
import { startYearArchive } from '../../reports/year-archive';
import { q } from '../../../db/sql';
import { academicYears, terms } from '../../../db/schema';
import { formatDate } from '../../../domain/dates';
import type { Actor } from '../../policy/actor';
import { institutionsFor } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';
import { idSchema, isoDateSchema } from '../../../domain/ids';

export const openYearInput = z.object({
  name: z
    .string()
    .trim()
    .regex(/^\d{4}\/\d{4}$/, 'Учебный год: в виде 2027/2028'),
  startsOn: isoDateSchema('Начало года'),
  endsOn: isoDateSchema('Конец года'),
  terms: z
    .array(
      z.object({
        name: z.string().trim().min(1, 'Название семестра: заполните').max(100),
        startsOn: isoDateSchema('Начало семестра'),
        endsOn: isoDateSchema('Конец семестра'),
      }),
    )
    .min(1, 'Семестры: нужен хотя бы один')
    .max(4, 'Семестры: не больше четырёх'),
});

export type YearWithTerms = {
  id: number;
  institutionId: number;
  name: string;
  startsOn: string;
  endsOn: string;
  closedAt: Date | null;
  terms: {
    id: number;
    number: number;
    name: string;
    startsOn: string;
    endsOn: string;
    locked: boolean;
    assignments: number;
  }[];
};

export async function listYears(db: Db, actor: Actor): Promise<YearWithTerms[]> {
  const institutionIds = institutionsFor(actor, 'year.manage');
  if (institutionIds.length === 0) return [];
  const years = await db
    .select()
    .from(academicYears)
    .where(inArray(academicYears.institutionId, institutionIds))
    .orderBy(asc(academicYears.startsOn));
  const termRows = await db
    .select({
      id: terms.id,
      institutionId: terms.institutionId,
      yearId: terms.academicYearId,
      number: terms.number,
      name: terms.name,
      startsOn: terms.startsOn,
      endsOn: terms.endsOn,
      locked: terms.locked,
      assignments: sql<number>`(select count(*)::int from teaching_assignments ta where ta.institution_id = ${q(terms.institutionId)} and ta.term_id = ${q(terms.id)})`,
    })
    .from(terms)
    .where(inArray(terms.institutionId, institutionIds))
    .orderBy(asc(terms.startsOn));
  return years.map((y) => ({
    id: y.id,
    institutionId: y.institutionId,
    name: y.name,
    startsOn: y.startsOn,
    endsOn: y.endsOn,
    closedAt: y.closedAt,
    terms: termRows
      .filter((t) => t.institutionId === y.institutionId && t.yearId === y.id)
      .map(({ institutionId: _i, yearId: _y, ...t }) => t),
  }));
}

/** Opens a year with its terms; refuses overlapping or misplaced dates with a message naming the field. */
export async function openYear(db: Db, actor: Actor, input: z.infer<typeof openYearInput>) {
  const institutionId = institutionOf(actor, 'year.manage');
  const [from, to] = input.name.split('/').map(Number) as [number, number];
  if (to !== from + 1) throw badInput('Учебный год: второй год должен следовать за первым (2027/2028)');
  if (input.startsOn >= input.endsOn) throw badInput('Даты года: начало должно быть раньше конца');
  const sorted = [...input.terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  for (const [i, t] of sorted.entries()) {
    if (t.startsOn >= t.endsOn) throw badInput(`Семестр «${t.name}»: начало должно быть раньше конца`);
    if (t.startsOn < input.startsOn || t.endsOn > input.endsOn) {
      throw badInput(
        `Семестр «${t.name}»: даты ${formatDate(t.startsOn)} — ${formatDate(t.endsOn)} выходят за учебный год`,
      );
    }
    const prev = sorted[i - 1];
    if (prev && t.startsOn <= prev.endsOn) throw badInput(`Семестр «${t.name}»: пересекается с «${prev.name}»`);
  }
  const [existing] = await db
    .select({ id: academicYears.id })
    .from(academicYears)
    .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.name, input.name)));
  if (existing) throw badInput(`Учебный год ${input.name} уже открыт`);
  const [overlap] = await db
    .select({ name: academicYears.name })
    .from(academicYears)
    .where(
      and(
        eq(academicYears.institutionId, institutionId),
        sql`${academicYears.startsOn} <= ${input.endsOn} and ${academicYears.endsOn} >= ${input.startsOn}`,
      ),
    );
  if (overlap) throw badInput(`Даты года: пересекаются с учебным годом ${overlap.name}`);
  return inTransaction(db, async (tx) => {
    const [year] = await tx
      .insert(academicYears)
      .values({ institutionId, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn })
      .returning();
    const created = await tx
      .insert(terms)
      .values(
        sorted.map((t, i) => ({
          institutionId,
          academicYearId: year!.id,
          number: i + 1,
          name: t.name,
          startsOn: t.startsOn,
          endsOn: t.endsOn,
        })),
      )
      .returning();
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'year',
      null,
      { yearId: year!.id, name: year!.name, terms: created.map((t) => t.name) },
      'открытие учебного года',
    );
    return year!;
  });
}

export const setTermLockInput = z.object({
  termId: idSchema,
  locked: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

export async function setTermLock(db: Db, actor: Actor, input: z.infer<typeof setTermLockInput>) {
  const institutionId = institutionOf(actor, 'year.manage');
  return inTransaction(db, async (tx) => {
    const [term] = await tx
      .select()
      .from(terms)
      .where(and(eq(terms.institutionId, institutionId), eq(terms.id, input.termId)));
    if (!term) throw outOfScope();
    const [year] = await tx
      .select()
      .from(academicYears)
      .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, term.academicYearId)));
    if (year?.closedAt && !input.locked) {
      throw badInput(
        `Учебный год ${year.name} закрыт: семестры его архива не открываются; исправления — через разрешение преподавателю`,
      );
    }
    if (term.locked === input.locked) return term;
    const [updated] = await tx
      .update(terms)
      .set({ locked: input.locked })
      .where(and(eq(terms.institutionId, institutionId), eq(terms.id, term.id)))
      .returning();
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'term',
      { termId: term.id, locked: term.locked },
      { termId: term.id, locked: input.locked },
      input.reason ?? null,
    );
    return updated!;
  });
}

export const closeYearInput = z.object({
  yearId: idSchema,
  reason: z.string().trim().min(3, 'Основание: укажите приказ или причину').max(500),
});

/** Closes a year: its terms are locked and its journals become the read-only archive. */
export async function closeYear(db: Db, actor: Actor, input: z.infer<typeof closeYearInput>) {
  const institutionId = institutionOf(actor, 'year.manage');
  const queue = await jobQueue(databaseOf(db));
  return inTransaction(db, async (tx) => {
    const [year] = await tx
      .select()
      .from(academicYears)
      .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, input.yearId)));
    if (!year) throw outOfScope();
    if (year.closedAt) throw badInput(`Учебный год ${year.name} уже закрыт`);
    const [closed] = await tx
      .update(academicYears)
      .set({ closedAt: new Date() })
      .where(and(eq(academicYears.institutionId, institutionId), eq(academicYears.id, year.id)))
      .returning();
    await tx
      .update(terms)
      .set({ locked: true })
      .where(and(eq(terms.institutionId, institutionId), eq(terms.academicYearId, year.id)));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'year',
      { yearId: year.id, closed: false },
      { yearId: year.id, closed: true },
      input.reason,
    );
    // The archive of the year: every group's certified copies, made in the background (server/reports/year-archive.ts).
    const archive = await startYearArchive(tx, queue, actor, institutionId, year);
    return { ...closed!, archiveJobId: archive.jobId, archiveGroups: archive.groups };
  });
}
