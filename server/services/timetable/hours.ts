/**
 * Hours delivered («вычитка часов», issue #11, item 8; regulation §5.4): for a term or a period inside it, each journal's
 * hours by plan, by the published timetable, due by today and held, summed by teacher, group or curriculum item
 * (domain/hours-delivered.ts). Held: filled lessons whose date has come (server/queries/lesson-filled.ts). Scope:
 * the methodist and the inspector the college, the head their department, a teacher their own journals and the lessons
 * they taught as a substitute.
 */
import { and, between, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import {
  academicYears,
  curriculumItemTerms,
  groups,
  institutions,
  lessons,
  teachingAssignments,
  terms,
  timetableEntries,
} from '../../../db/schema';
import { q } from '../../../db/sql';
import { formatDate, type IsoDate } from '../../../domain/dates';
import {
  dueHours,
  hoursRows,
  HOURS_DIMENSIONS,
  PRACTICE_KINDS,
  type ConfirmedWarning,
  type HoursDimension,
  type HoursRow,
  type JournalHours,
} from '../../../domain/hours-delivered';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { HOURS_PER_PAIR } from '../../../domain/timetable';
import { CHANGE_LABELS, datedLessons } from '../../../domain/timetable-changes';
import { grantsFor, todayOf, type Actor } from '../../policy/actor';
import { assignmentScope, institutionsFor } from '../../policy/scope';
import { semesterOfTerm } from '../../queries/group-in-year';
import { lessonHeld } from '../../queries/lesson-filled';
import { openTerms, pickOpenTerm, type OpenTerm } from '../../queries/terms';
import { badInput, forbidden } from '../refusals';
import { termChanges, type TermChange } from './dates';
import { entryLineagesOf, journalRows, teacherNames, termDaysOff, termPlacements, type TermJournal } from './frame';
import { JOIN } from '../../../db/joins';

export const hoursInput = z.object({
  by: z.enum(HOURS_DIMENSIONS, { error: 'Разрез: по преподавателям, группам или дисциплинам' }).default('teacher'),
  termId: idSchema.optional(),
  from: isoDateSchema('С').optional(),
  to: isoDateSchema('По').optional(),
});
export type HoursInput = z.infer<typeof hoursInput>;

export interface HoursReport {
  college: string;
  by: HoursDimension;
  term: { id: number; name: string; startsOn: IsoDate; endsOn: IsoDate };
  terms: { id: number; name: string }[];
  from: IsoDate;
  to: IsoDate;
  /** The last day of the period that has come: «due» counts up to it. */
  until: IsoDate;
  journals: number;
  rows: HoursRow[];
  /** Published changes of the period saved over a warning the methodist confirmed (issue #26, item 5b). */
  warnings: ConfirmedWarning[];
}

const PERMISSION = 'hours.read';

/** The report for the actor's scope; a bad period or term is refused (400) saying which field and why. */
export async function hoursDelivered(db: Db, actor: Actor, input: HoursInput): Promise<HoursReport> {
  const colleges = institutionsFor(actor, PERMISSION);
  if (colleges.length === 0) throw forbidden();
  const today = todayOf(actor);
  const list = await openTerms(db, colleges);
  const term = pickOpenTerm(list, today, input.termId);
  const from = input.from ?? term.startsOn;
  const to = input.to ?? term.endsOn;
  const span = `${formatDate(term.startsOn)} — ${formatDate(term.endsOn)}`;
  if (from < term.startsOn || from > term.endsOn) throw badInput(`С: ${formatDate(from)} вне семестра (${span})`);
  if (to < term.startsOn || to > term.endsOn) throw badInput(`По: ${formatDate(to)} вне семестра (${span})`);
  if (from > to) throw badInput(`Период: дата «с» (${formatDate(from)}) позже даты «по» (${formatDate(to)})`);
  const until = to < today ? to : today;
  const inst = term.institutionId;

  const journals = await journalRows(
    db,
    inst,
    and(eq(teachingAssignments.termId, term.id), assignmentScope(actor, PERMISSION)),
  );
  const ids = journals.map((j) => j.assignmentId);
  const teacherOf = new Map(journals.map((j) => [j.assignmentId, j.teacherId]));
  const [split, held, { scheduled, withTimetable }, names, changes] = await Promise.all([
    plannedSplit(db, inst, ids),
    heldHours(db, actor, term.id, inst, from, to, today),
    scheduledHours(db, term, ids, from, to, until, (id) => teacherOf.get(id) ?? null),
    teacherNames(db, inst),
    termChanges(db, term, 'published'),
  ]);
  // A teacher alone sees their own plan and what they taught, substitutions in others' journals included.
  const onlyOwn = grantsFor(actor, PERMISSION).every((g) => g.role === 'teacher');
  const facts: JournalHours[] = journals.map((j) => {
    const own = !onlyOwn || j.teacherId === actor.userId;
    const planned = own ? j.plannedHours : 0;
    const s = split.get(j.assignmentId);
    const share = (hours: number) => (s && s.total > 0 ? Math.round((planned * hours) / s.total) : 0);
    return {
      assignmentId: j.assignmentId,
      group: j.group,
      itemKey: `${j.code} ${s?.itemName ?? j.subject}`,
      item: `${j.code} ${s?.itemName ?? j.subject}`,
      teacherId: j.teacherId,
      teacher: j.teacher,
      planned,
      plannedTheory: share(s?.theory ?? 0),
      plannedPractice: share(s?.practice ?? 0),
      scheduled: own ? (scheduled.get(j.assignmentId)?.all ?? 0) : 0,
      due: own
        ? dueHours(
            planned,
            scheduled.get(j.assignmentId)?.until ?? 0,
            withTimetable.has(j.assignmentId),
            term,
            from,
            until,
          )
        : 0,
      held: (held.get(j.assignmentId) ?? [])
        .filter((h) => !onlyOwn || h.teacherId === actor.userId)
        .map((h) => ({ ...h, teacher: h.teacherId === null ? null : (names.get(h.teacherId) ?? null) })),
    };
  });
  const rows = hoursRows(facts, input.by).filter(
    (r) => !onlyOwn || input.by !== 'teacher' || r.key === `t${actor.userId}` || r.key === 'total',
  );
  const [college] = await db
    .select({ name: institutions.shortName })
    .from(institutions)
    .where(eq(institutions.id, inst));
  return {
    college: college?.name ?? '',
    by: input.by,
    term: { id: term.id, name: term.name, startsOn: term.startsOn, endsOn: term.endsOn },
    terms: list.filter((t) => t.institutionId === inst).map((t) => ({ id: t.id, name: t.name })),
    from,
    to,
    until,
    journals: journals.length,
    rows,
    warnings: confirmedWarnings(changes, journals, from, to),
  };
}

/** The published changes of the journals with lessons dated from…to that were saved over confirmed warnings. */
function confirmedWarnings(
  changes: readonly TermChange[],
  journals: readonly TermJournal[],
  from: IsoDate,
  to: IsoDate,
): ConfirmedWarning[] {
  const names = new Map(
    journals.map((j) => [j.assignmentId, `${j.group}${j.subgroup ? ` (${j.subgroup})` : ''}, ${j.subject}`]),
  );
  const byId = new Map(changes.map((c) => [c.id, c]));
  const dateOf = (c: TermChange): IsoDate | null => {
    const placed = c.targetKey?.match(/@(\d{4}-\d{2}-\d{2})$/)?.[1];
    if (placed) return placed;
    const made = c.targetKey?.startsWith('c') ? byId.get(Number(c.targetKey.slice(1))) : undefined;
    return made?.toDate ?? c.toDate;
  };
  return changes
    .filter((c) => c.warnings.length > 0 && names.has(c.assignmentId))
    .map((c) => ({
      date: dateOf(c),
      journal: names.get(c.assignmentId)!,
      change: CHANGE_LABELS[c.kind],
      warnings: c.warnings,
      reason: c.reason,
    }))
    .filter((w) => w.date === null || (w.date >= from && w.date <= to))
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.journal.localeCompare(b.journal, 'ru'));
}

/**
 * Hours the published timetable plans for each journal in [from, to] — all of them and those up to `until` — and the
 * journals it places at all (a journal without a timetable is paced by its plan, see `dueHours`).
 */
export async function scheduledHours(
  db: Db,
  term: OpenTerm,
  ids: number[],
  from: IsoDate,
  to: IsoDate,
  until: IsoDate,
  teacherOf: (assignmentId: number) => number | null,
) {
  const [template, changes, off, lineages] = await Promise.all([
    ids.length ? termPlacements(db, term, inArray(timetableEntries.teachingAssignmentId, ids), 'published') : [],
    termChanges(db, term, 'published'),
    termDaysOff(db, term),
    entryLineagesOf(db, term.institutionId),
  ]);
  const wanted = new Set(ids);
  const dated = datedLessons(
    from,
    to,
    template,
    changes.filter((c) => wanted.has(c.assignmentId)),
    term,
    term.yearStart,
    off.noLessons,
    teacherOf,
    (entryId) => lineages.get(entryId)?.rootId ?? entryId,
  ).filter((l) => l.status === 'planned');
  const scheduled = new Map<number, { all: number; until: number }>();
  for (const l of dated) {
    const s = scheduled.get(l.assignmentId) ?? { all: 0, until: 0 };
    s.all += HOURS_PER_PAIR;
    if (l.date <= until) s.until += HOURS_PER_PAIR;
    scheduled.set(l.assignmentId, s);
  }
  return { scheduled, withTimetable: new Set(template.map((t) => t.assignmentId)) };
}

/** The curriculum's theory / practice (with labs) hours of each journal's item in its semester. */
async function plannedSplit(db: Db, inst: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, { total: number; theory: number; practice: number; itemName: string }>();
  const rows = await db
    .select({
      id: teachingAssignments.id,
      total: curriculumItemTerms.hoursTotal,
      theory: curriculumItemTerms.hoursTheory,
      practice: sql<number>`(${q(curriculumItemTerms.hoursPractice)} + ${q(curriculumItemTerms.hoursLab)})::int`,
      itemName: sql<string>`(select name from curriculum_items ci where ci.institution_id = ${q(teachingAssignments.institutionId)}
        and ci.id = ${q(teachingAssignments.curriculumItemId)})`,
    })
    .from(teachingAssignments)
    .innerJoin(terms, JOIN.assignmentTerm)
    .innerJoin(academicYears, JOIN.termYear)
    .innerJoin(groups, JOIN.assignmentGroup)
    .leftJoin(
      curriculumItemTerms,
      and(
        eq(curriculumItemTerms.institutionId, teachingAssignments.institutionId),
        eq(curriculumItemTerms.curriculumItemId, teachingAssignments.curriculumItemId),
        sql`${q(curriculumItemTerms.semester)} = ${semesterOfTerm}`,
      ),
    )
    .where(and(eq(teachingAssignments.institutionId, inst), inArray(teachingAssignments.id, ids)));
  return new Map(
    rows.map((r) => [
      r.id,
      { total: r.total ?? 0, theory: r.theory ?? 0, practice: Number(r.practice ?? 0), itemName: r.itemName },
    ]),
  );
}

/** Held hours by journal and by who taught (the substitute, else the journal's teacher), theory and practice apart. */
async function heldHours(
  db: Db,
  actor: Actor,
  termId: number,
  inst: number,
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
) {
  const practice = sql.raw(`(${PRACTICE_KINDS.map((k) => `'${k}'`).join(', ')})`);
  const rows = await db
    .select({
      assignmentId: lessons.teachingAssignmentId,
      taughtBy: lessons.taughtBy,
      teacherId: teachingAssignments.teacherUserId,
      practice: sql<number>`coalesce(sum(${q(lessons.hours)}) filter (where ${q(lessons.kind)} in ${practice}), 0)::int`,
      theory: sql<number>`coalesce(sum(${q(lessons.hours)}) filter (where ${q(lessons.kind)} not in ${practice}), 0)::int`,
    })
    .from(lessons)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, lessons.institutionId),
        eq(teachingAssignments.id, lessons.teachingAssignmentId),
      ),
    )
    .where(
      and(
        eq(lessons.institutionId, inst),
        eq(teachingAssignments.termId, termId),
        between(lessons.date, from, to),
        lessonHeld(today),
        assignmentScope(actor, PERMISSION),
      ),
    )
    .groupBy(lessons.teachingAssignmentId, lessons.taughtBy, teachingAssignments.teacherUserId);
  const byJournal = new Map<
    number,
    { teacherId: number | null; substitute: boolean; theory: number; practice: number }[]
  >();
  for (const r of rows) {
    const who = r.taughtBy ?? r.teacherId;
    const list = byJournal.get(r.assignmentId) ?? [];
    list.push({
      teacherId: who,
      substitute: r.taughtBy !== null && r.taughtBy !== r.teacherId,
      theory: Number(r.theory),
      practice: Number(r.practice),
    });
    byJournal.set(r.assignmentId, list);
  }
  return byJournal;
}
