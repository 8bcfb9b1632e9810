/**
 * Publishing the timetable (issue #11, item 4): placements and dated changes are drafts until the methodist publishes
 * them; publishing shows the difference since the last publication, makes it visible to the teachers, students and
 * parents of the journals it touches, and keeps the difference with the publication (their home pages show it).
 */
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { teachingAssignments, timetableChanges, timetableEntries, timetablePublications } from '../../../db/schema';
import { z } from 'zod';
import { formatDate, type IsoDate } from '../../../domain/dates';
import { isoDateSchema } from '../../../domain/ids';
import {
  defaultEffectiveFrom,
  effectiveFromRefusal,
  PARITY_LABELS,
  WEEKDAY_SHORT,
  type Parity,
} from '../../../domain/timetable';
import { CHANGE_LABELS, type ChangeKind } from '../../../domain/timetable-changes';
import { todayOf, type Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, conflict, institutionOf } from '../refusals';
import { journalRows, roomsOf, teacherNames } from './frame';
import { previewJournalLessons, syncJournalLessons, type JournalPreview, type SyncResult } from './lessons';
import { openTerms } from '../../queries/terms';

/** One line of a publication's difference: whose journal, which date (null: the weekly template), what changed. */
export interface DiffLine {
  assignmentId: number;
  date: string | null;
  /** A substitute teacher the change names: the notice goes to them too. */
  substituteId: number | null;
  text: string;
}

async function journalNames(db: Db, institutionId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await journalRows(db, institutionId, inArray(teachingAssignments.id, ids));
  return new Map(rows.map((r) => [r.assignmentId, `${r.group}${r.subgroup ? ` (${r.subgroup})` : ''}, ${r.subject}`]));
}

const pendingEntries = (institutionId: number) =>
  and(
    eq(timetableEntries.institutionId, institutionId),
    or(
      and(isNull(timetableEntries.publishedIn), isNull(timetableEntries.removedAt)),
      and(
        isNotNull(timetableEntries.publishedIn),
        isNotNull(timetableEntries.removedAt),
        isNull(timetableEntries.removalPublishedIn),
      ),
    ),
  );

/** « — подтверждено: Преподаватель … недоступен: чт, 2-я пара» — the warnings a change was saved over, if any. */
export function confirmedText(warnings: readonly string[] | null): string {
  return warnings?.length ? ` — подтверждено: ${warnings.join('; ')}` : '';
}

/** The difference since the last publication, as the lines a publication keeps, oldest first. */
export async function pendingDiff(db: Db, institutionId: number): Promise<DiffLine[]> {
  const [entries, changes] = await Promise.all([
    db.select().from(timetableEntries).where(pendingEntries(institutionId)).orderBy(timetableEntries.id),
    db
      .select()
      .from(timetableChanges)
      .where(and(eq(timetableChanges.institutionId, institutionId), isNull(timetableChanges.publicationId)))
      .orderBy(timetableChanges.id),
  ]);
  const [names, rooms, teachers] = await Promise.all([
    journalNames(db, institutionId, [
      ...new Set([...entries.map((e) => e.teachingAssignmentId), ...changes.map((c) => c.teachingAssignmentId)]),
    ]),
    roomsOf(db, institutionId),
    teacherNames(db, institutionId),
  ]);
  const room = (id: number | null) => (id === null ? '' : `, ауд. ${rooms.find((r) => r.id === id)?.label ?? ''}`);
  const byId = new Map(changes.map((c) => [c.id, c]));
  const lines: DiffLine[] = entries.map((e) => ({
    assignmentId: e.teachingAssignmentId,
    date: null,
    substituteId: null,
    text:
      `${names.get(e.teachingAssignmentId) ?? ''}: ${WEEKDAY_SHORT[e.weekday]}, ${e.pairNo}-я пара${room(e.roomId)}` +
      `${e.parity === 'every' ? '' : ` (${PARITY_LABELS[e.parity as Parity]})`} — ` +
      (e.removedAt ? 'снято с расписания' : 'в расписании') +
      (e.removedAt ? '' : confirmedText(e.warnings)),
  }));
  for (const c of changes) {
    const date = c.targetKey?.match(/@(\d{4}-\d{2}-\d{2})$/)?.[1] ?? c.toDate ?? null;
    const what = names.get(c.teachingAssignmentId) ?? '';
    const kind = c.kind as ChangeKind;
    const to = c.toDate ? `${formatDate(c.toDate)}, ${c.toPairNo}-я пара${room(c.toRoomId)}` : '';
    const text =
      kind === 'cancel'
        ? `${what} — занятие отменено (${c.reason})`
        : kind === 'move'
          ? `${what} — перенесено на ${to} (${c.reason})`
          : kind === 'substitute'
            ? `${what} — замена: ведёт ${teachers.get(c.substituteUserId ?? 0) ?? ''} (${c.reason})`
            : kind === 'extra'
              ? `${what} — дополнительное занятие ${to} (${c.reason})`
              : `${what} — отменено изменение «${CHANGE_LABELS[(byId.get(c.revertsChangeId ?? 0)?.kind as ChangeKind) ?? 'cancel']}» (${c.reason})`;
    lines.push({
      assignmentId: c.teachingAssignmentId,
      date,
      substituteId: c.substituteUserId,
      text: text + confirmedText(c.warnings),
    });
  }
  return lines;
}

/** The methodist's view of what publishing would make visible. */
export async function timetablePending(db: Db, actor: Actor): Promise<DiffLine[]> {
  return pendingDiff(db, institutionOf(actor, 'timetable.publish'));
}

/**
 * The publish step's fields: the date the timetable takes effect from (default: the coming Monday, `defaultEffectiveFrom`)
 * and whether the weeks before today may be filled (a date in the past is refused without it).
 */
export const publishInput = z.object({
  effectiveFrom: isoDateSchema('Действует с').optional(),
  fillPast: z.boolean().default(false),
});
export type PublishInput = z.input<typeof publishInput>;

/** The college's open terms and the publication's effective date, checked (400 naming «Действует с» and why). */
async function effectiveDate(db: Db, institutionId: number, actor: Actor, input: PublishInput, now: Date) {
  const today = todayOf(actor, now);
  const terms = await openTerms(db, [institutionId]);
  const effectiveFrom = input.effectiveFrom ?? defaultEffectiveFrom(today, terms);
  const refused = effectiveFromRefusal(effectiveFrom, today, terms, input.fillPast ?? false);
  if (refused) throw badInput(refused);
  return { today, terms, effectiveFrom };
}

/** What the publish step shows before publishing: the lines, the date, and what each journal's lessons will become. */
export interface PublishPreview {
  effectiveFrom: IsoDate;
  /** The date the form proposes: the coming Monday (or the next term's first day). */
  defaultFrom: IsoDate;
  today: IsoDate;
  lines: DiffLine[];
  journals: JournalPreview[];
}

/**
 * The preview of publishing with `input` (issue #26, item 5): for each journal the publication touches, the lessons
 * it will create (how many, from which date to which), move, delete and keep — computed by the same plan the publish
 * applies, read only. The same refusals as publishing (a date outside the terms; a past date without `fillPast`).
 */
export async function publishPreview(
  db: Db,
  actor: Actor,
  input: PublishInput,
  now: Date = new Date(),
): Promise<PublishPreview> {
  const institutionId = institutionOf(actor, 'timetable.publish');
  const { today, terms, effectiveFrom } = await effectiveDate(db, institutionId, actor, input, now);
  const lines = await pendingDiff(db, institutionId);
  const touched = await journalTerms(db, institutionId, [...new Set(lines.map((l) => l.assignmentId))]);
  const journals: JournalPreview[] = [];
  for (const term of terms) {
    const ids = touched.filter((r) => r.termId === term.id).map((r) => r.id);
    if (term.locked || ids.length === 0) continue;
    journals.push(...(await previewJournalLessons(db, term, ids, { publishingFrom: effectiveFrom }, today)));
  }
  return { effectiveFrom, defaultFrom: defaultEffectiveFrom(today, terms), today, lines, journals };
}

/**
 * Publishes every draft placement, removal and change of the college in one transaction, keeping the difference with
 * the publication, and brings the lessons of the journals it touches in line with it (./lessons.ts). The placements it
 * publishes hold from `effectiveFrom` (default: the coming Monday), the placements it removes (and moves away) until
 * the day before — so the weeks before it keep their lessons and get none made for lessons never held; a date before
 * today only with `fillPast`. Nothing to publish: 409.
 */
export async function publishTimetable(
  db: Db,
  actor: Actor,
  input: PublishInput = {},
  now: Date = new Date(),
): Promise<{ publicationId: number; effectiveFrom: IsoDate; lines: DiffLine[]; lessons: SyncResult }> {
  const institutionId = institutionOf(actor, 'timetable.publish');
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1101, ${institutionId})`);
    const { effectiveFrom } = await effectiveDate(tx, institutionId, actor, input, now);
    const lines = await pendingDiff(tx, institutionId);
    if (lines.length === 0) throw conflict('Публиковать нечего: расписание не менялось с прошлой публикации');
    const [publication] = await tx
      .insert(timetablePublications)
      .values({ institutionId, publishedBy: actor.userId, summary: lines, effectiveFrom })
      .returning({ id: timetablePublications.id });
    const id = publication!.id;
    await tx
      .update(timetableEntries)
      .set({ publishedIn: id })
      .where(and(eq(timetableEntries.institutionId, institutionId), isNull(timetableEntries.publishedIn)));
    await tx
      .update(timetableEntries)
      .set({ removalPublishedIn: id })
      .where(
        and(
          eq(timetableEntries.institutionId, institutionId),
          isNotNull(timetableEntries.removedAt),
          isNull(timetableEntries.removalPublishedIn),
        ),
      );
    await tx
      .update(timetableChanges)
      .set({ publicationId: id })
      .where(and(eq(timetableChanges.institutionId, institutionId), isNull(timetableChanges.publicationId)));
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'timetable_publication',
      null,
      { id, lines, effectiveFrom, fillPast: input.fillPast ?? false },
      `Публикация расписания, действует с ${formatDate(effectiveFrom)}`,
    );
    const lessons = await syncPublished(tx, actor, institutionId, [...new Set(lines.map((l) => l.assignmentId))]);
    return { publicationId: id, effectiveFrom, lines, lessons };
  });
}

/** The term of each journal. */
async function journalTerms(db: Db, institutionId: number, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return [];
  return db
    .select({ id: teachingAssignments.id, termId: teachingAssignments.termId })
    .from(teachingAssignments)
    .where(and(eq(teachingAssignments.institutionId, institutionId), inArray(teachingAssignments.id, assignmentIds)));
}

/** Syncs the lessons of the published journals, term by term; journals of a locked term stay as they are. */
async function syncPublished(
  tx: Db,
  actor: Actor,
  institutionId: number,
  assignmentIds: number[],
): Promise<SyncResult> {
  const total: SyncResult = { journals: 0, created: 0, updated: 0, removed: 0, unmatched: [] };
  const rows = await journalTerms(tx, institutionId, assignmentIds);
  if (rows.length === 0) return total;
  for (const term of await openTerms(tx, [institutionId])) {
    const ids = rows.filter((r) => r.termId === term.id).map((r) => r.id);
    if (term.locked || ids.length === 0) continue;
    const r = await syncJournalLessons(tx, actor, term, ids);
    total.journals += r.journals;
    total.created += r.created;
    total.updated += r.updated;
    total.removed += r.removed;
    total.unmatched.push(...r.unmatched);
  }
  return total;
}

/** How many placements, removals and dated changes of the college wait for publication. */
export async function pendingCount(db: Db, institutionId: number): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`
    select (select count(*) from timetable_entries e where e.institution_id = ${institutionId}
              and ((e.published_in is null and e.removed_at is null)
                or (e.published_in is not null and e.removed_at is not null and e.removal_published_in is null)))
         + (select count(*) from timetable_changes c where c.institution_id = ${institutionId} and c.publication_id is null) as n`,
  );
  return Number(row?.n ?? 0);
}
