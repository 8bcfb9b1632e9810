/**
 * Publishing the timetable (issue #11, item 4): placements and dated changes are drafts until the methodist publishes
 * them; publishing shows the difference since the last publication, makes it visible to the teachers, students and
 * parents of the journals it touches, and keeps the difference with the publication (their home pages show it).
 */
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../../../db/client';
import { teachingAssignments, timetableChanges, timetableEntries, timetablePublications } from '../../../db/schema';
import { formatDate } from '../../../domain/dates';
import { PARITY_LABELS, WEEKDAY_SHORT, type Parity } from '../../../domain/timetable';
import { CHANGE_LABELS, type ChangeKind } from '../../../domain/timetable-changes';
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { conflict, institutionOf } from '../refusals';
import { journalRows, roomsOf, teacherNames } from './frame';
import { syncJournalLessons, type SyncResult } from './lessons';
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
      (e.removedAt ? 'снято с расписания' : 'в расписании'),
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
    lines.push({ assignmentId: c.teachingAssignmentId, date, substituteId: c.substituteUserId, text });
  }
  return lines;
}

/** The methodist's view of what publishing would make visible. */
export async function timetablePending(db: Db, actor: Actor): Promise<DiffLine[]> {
  return pendingDiff(db, institutionOf(actor, 'timetable.publish'));
}

/**
 * Publishes every draft placement, removal and change of the college in one transaction, keeping the difference with
 * the publication, and brings the lessons of the journals it touches in line with it (./lessons.ts). Nothing to
 * publish: 409.
 */
export async function publishTimetable(
  db: Db,
  actor: Actor,
): Promise<{ publicationId: number; lines: DiffLine[]; lessons: SyncResult }> {
  const institutionId = institutionOf(actor, 'timetable.publish');
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1101, ${institutionId})`);
    const lines = await pendingDiff(tx, institutionId);
    if (lines.length === 0) throw conflict('Публиковать нечего: расписание не менялось с прошлой публикации');
    const [publication] = await tx
      .insert(timetablePublications)
      .values({ institutionId, publishedBy: actor.userId, summary: lines })
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
      { id, lines },
      'Публикация расписания',
    );
    const lessons = await syncPublished(tx, actor, institutionId, [...new Set(lines.map((l) => l.assignmentId))]);
    return { publicationId: id, lines, lessons };
  });
}

/** Syncs the lessons of the published journals, term by term; journals of a locked term stay as they are. */
async function syncPublished(
  tx: Db,
  actor: Actor,
  institutionId: number,
  assignmentIds: number[],
): Promise<SyncResult> {
  const total: SyncResult = { journals: 0, created: 0, updated: 0, removed: 0, unmatched: [] };
  if (assignmentIds.length === 0) return total;
  const rows = await tx
    .select({ id: teachingAssignments.id, termId: teachingAssignments.termId })
    .from(teachingAssignments)
    .where(and(eq(teachingAssignments.institutionId, institutionId), inArray(teachingAssignments.id, assignmentIds)));
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
