/**
 * Journals' lessons from the published timetable (issue #11, item 6). Each journal of the term gets the lessons the
 * published timetable plans for it — the template on every date that has lessons for the group (holidays, vacations,
 * practice and session weeks skipped) with the published changes applied — matched to the lessons it already has by
 * `domain/timetable-lessons.ts`. A lesson with marks, a topic or homework is never deleted: one the timetable lost is
 * kept as «вне расписания» and reported. Publishing syncs the journals it touches; the methodist (re)generates a
 * whole term step by step (`generateTermLessons`, 40 journals a step) so the page shows progress.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { bulkInsert } from '../../../db/bulk';
import { teachingAssignments, timetableEntries } from '../../../db/schema';
import { formatDate, type IsoDate } from '../../../domain/dates';
import { idSchema } from '../../../domain/ids';
import { countOf, NOUNS } from '../../../domain/plural';
import { HOURS_PER_PAIR } from '../../../domain/timetable';
import { datedLessons } from '../../../domain/timetable-changes';
import { planJournalLessons, type JournalLessonRow, type LessonPlan } from '../../../domain/timetable-lessons';
import type { Actor } from '../../policy/actor';
import { lessonFilled } from '../../queries/lesson-filled';
import { openTerms } from '../../queries/terms';
import { badInput, conflict, institutionOf } from '../refusals';
import {
  entryLineagesOf,
  journalRows,
  termDaysOff,
  termPlacements,
  type TimetableTerm,
  type TimetableView,
} from './frame';
import { termChanges } from './dates';

/** What a sync did, summed over its journals. */
export interface SyncResult {
  journals: number;
  created: number;
  updated: number;
  removed: number;
  /** Lessons with marks or a topic that the timetable no longer has: kept, now «вне расписания». */
  unmatched: { assignmentId: number; journal: string; lessonId: number; text: string }[];
}

/** «Журналы: занятий добавлено 12, изменено 1, удалено 2; 1 занятие с записями оставлено вне расписания». */
export function lessonsSummary(r: SyncResult): string {
  if (r.journals === 0) return 'Занятия в журналах уже совпадают с расписанием';
  const kept = r.unmatched.length
    ? `; ${countOf(r.unmatched.length, NOUNS.lesson)} с записями оставлено «вне расписания»`
    : '';
  return `Журналы (${r.journals}): занятий добавлено ${r.created}, изменено ${r.updated}, удалено ${r.removed}${kept}`;
}

const EMPTY_RESULT = (): SyncResult => ({ journals: 0, created: 0, updated: 0, removed: 0, unmatched: [] });

/** The journals' lessons and what the timetable of `view` wants of them (`planJournalLessons`), read only. */
async function planLessons(tx: Db, term: TimetableTerm, assignmentIds: number[], view: TimetableView) {
  const inst = term.institutionId;
  const ids = sql.raw(`'{${assignmentIds.join(',')}}'::int[]`);
  const [rows, template, changes, off, journals, lineages] = await Promise.all([
    queryRows<{
      id: number;
      assignment_id: number;
      date: string;
      pair_no: number | null;
      timetable_key: string | null;
      taught_by: number | null;
      filled: boolean;
    }>(
      tx,
      sql`select id, teaching_assignment_id as assignment_id, date::text as date, pair_no, timetable_key, taught_by,
            ${lessonFilled} as filled
          from lessons where institution_id = ${inst} and teaching_assignment_id = any(${ids})`,
    ),
    termPlacements(tx, term, inArray(timetableEntries.teachingAssignmentId, assignmentIds), view),
    termChanges(tx, term, view),
    termDaysOff(tx, term),
    journalRows(tx, inst, inArray(teachingAssignments.id, assignmentIds)),
    entryLineagesOf(tx, inst),
  ]);
  const wanted = new Set(assignmentIds);
  const journalById = new Map(journals.map((j) => [j.assignmentId, j]));
  const dated = datedLessons(
    term.startsOn,
    term.endsOn,
    template,
    changes.filter((c) => wanted.has(c.assignmentId)),
    term,
    term.yearStart,
    off.noLessons,
    (id) => journalById.get(id)?.teacherId ?? null,
    (entryId) => lineages.get(entryId)?.rootId ?? entryId,
  );
  const datedOf = groupBy(dated, (l) => l.assignmentId);
  const existingOf = groupBy(
    rows.map((r): JournalLessonRow & { assignmentId: number } => ({
      id: r.id,
      assignmentId: r.assignment_id,
      date: r.date,
      pairNo: r.pair_no,
      timetableKey: r.timetable_key,
      taughtBy: r.taught_by,
      filled: r.filled,
    })),
    (r) => r.assignmentId,
  );
  const plans = new Map<number, LessonPlan>();
  for (const id of assignmentIds) {
    const all = datedOf.get(id) ?? [];
    const plan = planJournalLessons(
      all.filter((l) => l.status === 'planned'),
      all,
      existingOf.get(id) ?? [],
    );
    if (plan.create.length + plan.update.length + plan.remove.length > 0) plans.set(id, plan);
  }
  const nameOf = (id: number) => {
    const j = journalById.get(id);
    return j ? `${j.group}${j.subgroup ? ` (${j.subgroup})` : ''}, ${j.subject}` : `журнал ${id}`;
  };
  return { rows, plans, nameOf };
}

/**
 * Brings the lessons of the journals `assignmentIds` of `term` in line with the published timetable, inside the
 * caller's transaction. Their lessons are locked first, so a mark written meanwhile waits, and "empty" is judged after
 * the lock: a lesson is deleted only if nothing is written in it. Every lesson made, changed or deleted goes to the
 * change log under one edit batch per journal (source `timetable`). The published placements hold from their
 * publication's effective date (frame.ts `TimetableView`), so a timetable published mid-term makes no lessons in the
 * weeks before it.
 */
export async function syncJournalLessons(
  tx: Db,
  actor: Actor,
  term: TimetableTerm,
  assignmentIds: number[],
): Promise<SyncResult> {
  const result = EMPTY_RESULT();
  if (assignmentIds.length === 0) return result;
  const inst = term.institutionId;
  const ids = sql.raw(`'{${assignmentIds.join(',')}}'::int[]`);
  await queryRows(
    tx,
    sql`select id from lessons where institution_id = ${inst} and teaching_assignment_id = any(${ids}) for update`,
  );
  const { rows, plans, nameOf } = await planLessons(tx, term, assignmentIds, 'published');
  if (plans.size === 0) return result;
  await applyPlans(tx, actor, inst, plans, new Map(rows.map((r) => [r.id, r])));
  for (const [id, plan] of plans) {
    const name = nameOf(id);
    result.journals += 1;
    result.created += plan.create.length;
    result.updated += plan.update.length - plan.unmatched.length;
    result.removed += plan.remove.length;
    for (const u of plan.unmatched)
      result.unmatched.push({
        assignmentId: id,
        journal: name,
        lessonId: u.id,
        text: `${name}: занятие ${formatDate(u.date)}${u.pairNo ? `, ${u.pairNo}-я пара` : ''} — в расписании его больше нет, но в нём есть записи; оставлено «вне расписания»`,
      });
  }
  return result;
}

/** What publishing would do to one journal's lessons. */
export interface JournalPreview {
  assignmentId: number;
  journal: string;
  /** Lessons to make: how many, the first and last date. */
  create: number;
  from: IsoDate | null;
  to: IsoDate | null;
  /** Of them, dated before today (only when the past is filled on purpose). */
  past: number;
  /** Lessons to move or retitle, to delete (nothing written in them), to keep «вне расписания» (something is). */
  update: number;
  remove: number;
  kept: number;
  /** «ИС-21, Математика: будет создано 4 занятия с 07.12.2026 по 28.12.2026». */
  text: string;
}

/**
 * What syncing the journals with the timetable `view` would do, read only (no lock, nothing written): the publish
 * step's preview. `today`: the college's, for the lessons made in the past.
 */
export async function previewJournalLessons(
  db: Db,
  term: TimetableTerm,
  assignmentIds: number[],
  view: TimetableView,
  today: IsoDate,
): Promise<JournalPreview[]> {
  if (assignmentIds.length === 0) return [];
  const { plans, nameOf } = await planLessons(db, term, assignmentIds, view);
  return [...plans].map(([assignmentId, plan]) => {
    const dates = plan.create.map((c) => c.date).sort();
    const preview = {
      assignmentId,
      journal: nameOf(assignmentId),
      create: dates.length,
      from: dates[0] ?? null,
      to: dates.at(-1) ?? null,
      past: dates.filter((d) => d < today).length,
      update: plan.update.length - plan.unmatched.length,
      remove: plan.remove.length,
      kept: plan.unmatched.length,
    };
    return { ...preview, text: `${preview.journal}: ${journalPreviewText(preview)}` };
  });
}

/** «будет создано 4 занятия с 07.12.2026 по 28.12.2026; удалено 1 пустое занятие» — what a journal will get. */
export function journalPreviewText(p: Omit<JournalPreview, 'text' | 'journal' | 'assignmentId'>): string {
  const parts: string[] = [];
  if (p.create > 0)
    parts.push(
      `будет создано ${countOf(p.create, NOUNS.lesson)}` +
        (p.from === p.to ? ` на ${formatDate(p.from)}` : ` с ${formatDate(p.from)} по ${formatDate(p.to)}`) +
        (p.past > 0 ? ` (из них в прошедших неделях — ${p.past})` : ''),
    );
  if (p.update > 0) parts.push(`будет перенесено или изменено ${countOf(p.update, NOUNS.lesson)}`);
  if (p.remove > 0) parts.push(`будет удалено пустых занятий: ${p.remove}`);
  if (p.kept > 0) parts.push(`останется «вне расписания» (с записями): ${p.kept}`);
  return parts.join('; ') || 'занятия не меняются';
}

type ExistingRow = { id: number; date: string; pair_no: number | null; timetable_key: string | null };

async function applyPlans(
  tx: Db,
  actor: Actor,
  inst: number,
  plans: Map<number, LessonPlan>,
  before: Map<number, ExistingRow & { taught_by: number | null }>,
) {
  const journalIds = [...plans.keys()];
  const batches = await queryRows<{ id: number; assignment_id: number }>(
    tx,
    sql`insert into edit_batches (institution_id, user_id, teaching_assignment_id, source)
        select ${inst}, ${actor.userId}, a, 'timetable' from unnest(${sql.raw(`'{${journalIds.join(',')}}'::int[]`)}) as a
        returning id, teaching_assignment_id as assignment_id`,
  );
  const batchOf = new Map(batches.map((b) => [b.assignment_id, b.id]));
  const log: Record<string, unknown>[] = [];
  const snapshot = (
    r: { date: string; pair_no?: number | null; pairNo?: number | null },
    key: unknown,
    by: unknown,
  ) => ({
    date: r.date,
    pairNo: r.pair_no ?? r.pairNo ?? null,
    timetableKey: key,
    taughtBy: by,
  });
  const entry = (assignmentId: number, lessonId: number | null, b: unknown, a: unknown) =>
    log.push({
      institution_id: inst,
      batch_id: batchOf.get(assignmentId),
      entity: 'lesson',
      lesson_id: lessonId,
      before: b,
      after: a,
      user_id: actor.userId,
    });

  const removed = [...plans.values()].flatMap((p) => p.remove);
  if (removed.length > 0)
    await tx.execute(
      sql`delete from lessons where institution_id = ${inst} and id = any(${sql.raw(`'{${removed.join(',')}}'::int[]`)})`,
    );
  const updates = [...plans.values()].flatMap((p) => p.update);
  // Keys let go first: the unique (institution, timetable_key) index checks each row as it is written.
  for (const part of [updates.filter((u) => u.timetableKey === null), updates.filter((u) => u.timetableKey !== null)])
    if (part.length > 0)
      await tx.execute(
        sql`update lessons l set date = u.date, pair_no = u.pair_no, timetable_key = u.key, taught_by = u.taught_by
            from json_to_recordset(${JSON.stringify(part.map((u) => ({ id: u.id, date: u.date, pair_no: u.pairNo, key: u.timetableKey, taught_by: u.taughtBy })))}::json)
              as u(id int, date date, pair_no smallint, key text, taught_by int)
            where l.institution_id = ${inst} and l.id = u.id`,
      );
  const creates = [...plans.entries()].flatMap(([a, p]) =>
    p.create.map((c) => ({ a, date: c.date, pair_no: c.pairNo, key: c.timetableKey, taught_by: c.taughtBy })),
  );
  const made =
    creates.length === 0
      ? []
      : await queryRows<{
          id: number;
          assignment_id: number;
          date: string;
          pair_no: number;
          timetable_key: string;
          taught_by: number | null;
        }>(
          tx,
          sql`insert into lessons (institution_id, teaching_assignment_id, date, pair_no, hours, kind, timetable_key, taught_by)
              select ${inst}, c.a, c.date, c.pair_no, ${HOURS_PER_PAIR}, 'lecture', c.key, c.taught_by
              from json_to_recordset(${JSON.stringify(creates)}::json)
                as c(a int, date date, pair_no smallint, key text, taught_by int)
              returning id, teaching_assignment_id as assignment_id, date::text as date, pair_no, timetable_key, taught_by`,
        );
  for (const [assignmentId, p] of plans) {
    for (const id of p.remove) {
      const b = before.get(id)!;
      entry(assignmentId, id, snapshot(b, b.timetable_key, b.taught_by), null);
    }
    for (const u of p.update) {
      const b = before.get(u.id)!;
      entry(assignmentId, u.id, snapshot(b, b.timetable_key, b.taught_by), snapshot(u, u.timetableKey, u.taughtBy));
    }
  }
  for (const m of made)
    entry(m.assignment_id, m.id, null, {
      ...snapshot(m, m.timetable_key, m.taught_by),
      hours: HOURS_PER_PAIR,
      kind: 'lecture',
    });
  await bulkInsert(tx, 'change_log', log);
}

function groupBy<T>(list: readonly T[], keyOf: (t: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of list) {
    const key = keyOf(item);
    const bucket = map.get(key);
    if (bucket) bucket.push(item);
    else map.set(key, [item]);
  }
  return map;
}

export const generateInput = z.object({
  termId: idSchema,
  /** Journals with ids above this one are still to do: 0 to start, then the `next` of the previous step. */
  after: z.number().int().min(0).default(0),
});

/** One step of a term's generation: where it stands and what this step did. */
export interface GenerateStep extends SyncResult {
  total: number;
  done: number;
  /** The `after` of the next step; null when the term is done. */
  next: number | null;
}

export const GENERATE_STEP_JOURNALS = 40;

/**
 * One step of (re)generating a term's lessons from the published timetable: the next journals of the term in id
 * order, in one transaction under the timetable's lock (publishing and placing wait). The methodist of the college
 * only; an open, unlocked term only (a closed term's journals are the record and stay as they are).
 */
export async function generateTermLessons(
  db: Db,
  actor: Actor,
  input: z.infer<typeof generateInput>,
  stepJournals = GENERATE_STEP_JOURNALS,
): Promise<GenerateStep> {
  const institutionId = institutionOf(actor, 'timetable.publish');
  const term = (await openTerms(db, [institutionId])).find((t) => t.id === input.termId);
  if (!term) throw badInput('Семестр: не найден среди семестров открытого учебного года');
  if (term.locked) throw conflict(`Семестр «${term.name}» закрыт: его журналы не меняются по расписанию`);
  const ids = await db
    .select({ id: teachingAssignments.id })
    .from(teachingAssignments)
    .where(and(eq(teachingAssignments.institutionId, term.institutionId), eq(teachingAssignments.termId, term.id)))
    .orderBy(teachingAssignments.id);
  const all = ids.map((r) => r.id);
  const chunk = all.filter((id) => id > input.after).slice(0, stepJournals);
  const result = await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1101, ${term.institutionId})`);
    return syncJournalLessons(tx, actor, term, chunk);
  });
  const last = chunk.at(-1);
  const done = last === undefined ? all.length : all.filter((id) => id <= last).length;
  return { ...result, total: all.length, done, next: done < all.length && last !== undefined ? last : null };
}
