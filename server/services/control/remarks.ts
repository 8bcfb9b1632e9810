/**
 * Remarks (замечания) on journal keeping (issue #13, item 2; regulation §5.2–5.4: the controllers check and post the
 * results, §5.6: the teacher fixes the remarks). A controller issues remarks in bulk from the monitoring flags in
 * their scope — the server recomputes the flags, so only what a rule really finds can be issued, with the rule's own
 * «why». A remark closes by itself once its rule no longer fires for it (checked whenever the monitoring of its
 * journal is read: the controller's screen, the teacher's home page, the scheduled check), or when the controller
 * confirms the teacher's «исправлено». Remarks are never deleted; each issue, fix and closing is logged.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { remarks, teachingAssignments } from '../../../db/schema';
import { idSchema } from '../../../domain/ids';
import {
  flagKey,
  isIssuable,
  journalHref,
  MONITORING_RULES,
  type MonitoringFlag,
  type MonitoringRule,
} from '../../../domain/monitoring';
import { countOf, NOUNS } from '../../../domain/plural';
import { todayOf, type Actor } from '../../policy/actor';
import { assignmentScope } from '../../policy/scope';
import { openTerms } from '../../queries/terms';
import { logAdminChange } from '../admin-log';
import { badInput, outOfScope } from '../refusals';
import { monitoring, monitoringInput, monitorTerm, PERMISSION } from './monitoring';

export const issueRemarksInput = monitoringInput
  .extend({
    keys: z.array(z.string().max(80)).max(2000, 'Замечания: не больше 2000 за раз').default([]),
    /** Every fixable flag the filters find, instead of the chosen `keys`. */
    all: z.boolean().default(false),
  })
  .refine((i) => i.all || i.keys.length > 0, { message: 'Замечания: отметьте хотя бы одно нарушение', path: ['keys'] });
export const remarkInput = z.object({ remarkId: idSchema });

/** Rows of one INSERT (10 parameters each, well under PostgreSQL's 65 535). */
const REMARKS_PER_STATEMENT = 1000;

export interface RemarkRow {
  id: number;
  rule: MonitoringRule;
  ruleLabel: string;
  assignmentId: number;
  subject: string;
  group: string;
  teacherId: number;
  teacher: string;
  text: string;
  href: string;
  source: string;
  issuedAt: string;
  issuedBy: string | null;
  fixedAt: string | null;
  closedAt: string | null;
  /** Null when closed by itself (the rule no longer fires). */
  closedBy: string | null;
}

/** Issues remarks for the chosen flags the actor's monitoring finds; a flag with an open remark is skipped. */
export async function issueRemarks(
  db: Db,
  actor: Actor,
  input: z.infer<typeof issueRemarksInput>,
): Promise<{ issued: number; skipped: number; message: string }> {
  const report = await monitoring(db, actor, input);
  const wanted = new Set(input.keys);
  const chosen = input.all ? report.flags : report.flags.filter((f) => wanted.has(flagKey(f)));
  if (!chosen.some(isIssuable))
    throw badInput(
      chosen.length
        ? 'Замечания: отмеченные нарушения нельзя исправить (поздние записи) или у журнала нет преподавателя'
        : 'Замечания: отмеченные нарушения уже устранены — обновите страницу',
    );
  const issued = await insertRemarks(db, actor, report.institutionId, chosen, 'manual');
  const skipped = chosen.length - issued;
  const message =
    `Выдано ${countOf(issued, NOUNS.remark)}` +
    (skipped ? `; пропущено ${skipped}: уже выданы или их нельзя исправить` : '');
  return { issued, skipped, message };
}

/**
 * Inserts the remarks of the issuable `flags` (`source`: manual — by a controller, scheduled — by a scheduled check),
 * skipping those with an open remark, and logs them as `actor`'s. Returns how many were issued.
 */
export async function insertRemarks(
  db: Db,
  actor: Pick<Actor, 'userId'>,
  institutionId: number,
  flags: readonly MonitoringFlag[],
  source: 'manual' | 'scheduled',
): Promise<number> {
  const rows = flags.filter(isIssuable);
  if (rows.length === 0) return 0;
  return inTransaction(db, async (tx) => {
    // In chunks: «all found» in a college is tens of thousands of rows, past a statement's parameter limit.
    const inserted: { id: number; key: string }[] = [];
    for (let i = 0; i < rows.length; i += REMARKS_PER_STATEMENT)
      inserted.push(
        ...(await tx
          .insert(remarks)
          .values(
            rows.slice(i, i + REMARKS_PER_STATEMENT).map((f) => ({
              institutionId,
              flagKey: flagKey(f),
              rule: f.rule,
              teachingAssignmentId: f.assignmentId,
              teacherUserId: f.teacherId!,
              lessonId: f.lessonId,
              studentId: f.studentId,
              text: f.text,
              source,
              issuedBy: actor.userId,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: remarks.id, key: remarks.flagKey })),
      );
    if (inserted.length)
      await logAdminChange(
        tx,
        actor,
        institutionId,
        'remarks',
        null,
        inserted,
        source === 'scheduled' ? 'Замечания плановой проверки ведения журнала' : 'Замечания по ведению журнала',
      );
    return inserted.length;
  });
}

/** The college's open remarks that `where` admits (a condition on `remarks` or its `teaching_assignments`). */
function openRemarks(db: Db, institutionId: number, where: SQL) {
  return db
    .select({
      id: remarks.id,
      key: remarks.flagKey,
      assignmentId: remarks.teachingAssignmentId,
      termId: teachingAssignments.termId,
    })
    .from(remarks)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, remarks.institutionId),
        eq(teachingAssignments.id, remarks.teachingAssignmentId),
      ),
    )
    .where(and(eq(remarks.institutionId, institutionId), isNull(remarks.closedAt), where));
}

/**
 * Closes the open remarks of the journals whose rule no longer fires, judging each term's journals afresh; the
 * closing is logged as made during `actor`'s request. Returns how many closed.
 */
export async function refreshRemarks(db: Db, actor: Actor, institutionId: number, assignmentIds: number[]) {
  if (assignmentIds.length === 0) return 0;
  const open = await openRemarks(db, institutionId, inArray(remarks.teachingAssignmentId, assignmentIds));
  if (open.length === 0) return 0;
  const list = await openTerms(db, [institutionId]);
  const today = todayOf(actor);
  const silent: number[] = [];
  for (const termId of new Set(open.map((r) => r.termId))) {
    const term = list.find((t) => t.id === termId);
    if (!term) continue; // a closed year's remarks stay as they are
    const ids = [...new Set(open.filter((r) => r.termId === termId).map((r) => r.assignmentId))];
    const report = await monitorTerm(db, term, list, today, actor.timeZone, inIds(ids));
    const firing = new Set(report.flags.map(flagKey));
    for (const r of open) if (r.termId === termId && !firing.has(r.key)) silent.push(r.id);
  }
  return closeSilent(db, actor, institutionId, silent);
}

/** Closes the remarks (by themselves: no `closedBy`), logged as during `actor`'s request. */
async function closeSilent(db: Db, actor: Actor, institutionId: number, silent: number[]): Promise<number> {
  if (silent.length === 0) return 0;
  await inTransaction(db, async (tx) => {
    const closed = await tx
      .update(remarks)
      .set({ closedAt: sql`now()` })
      .where(and(eq(remarks.institutionId, institutionId), inArray(remarks.id, silent), isNull(remarks.closedAt)))
      .returning({ id: remarks.id });
    if (closed.length)
      await logAdminChange(
        tx,
        actor,
        institutionId,
        'remarks',
        null,
        closed,
        'Закрыты сами: правило больше не срабатывает',
      );
  });
  return silent.length;
}

/**
 * The controller's monitoring, and the open remarks on its journals whose rule no longer fires closed on the way (the
 * flags are at hand: no second judgement).
 */
export async function monitoringWithRemarks(
  db: Db,
  actor: Actor,
  input: z.infer<typeof monitoringInput>,
  /** Where the remarks are closed: the primary when `db` is a replica (server/read-routing.ts). */
  writer: Db = db,
) {
  const report = await monitoring(db, actor, input);
  const open = await openRemarks(writer, report.institutionId, eq(teachingAssignments.termId, report.term.id));
  const judged = new Set(report.journals.map((j) => j.assignmentId));
  const firing = new Set(report.flags.map(flagKey));
  await closeSilent(
    writer,
    actor,
    report.institutionId,
    open.filter((r) => judged.has(r.assignmentId) && !firing.has(r.key)).map((r) => r.id),
  );
  return report;
}

function inIds(ids: number[]): SQL {
  return inArray(teachingAssignments.id, ids);
}

/** The teacher marks an own open remark fixed; if its rule no longer fires it closes at once. */
export async function markRemarkFixed(db: Db, actor: Actor, input: z.infer<typeof remarkInput>): Promise<string> {
  const [remark] = await db
    .select()
    .from(remarks)
    .where(and(eq(remarks.id, input.remarkId), eq(remarks.teacherUserId, actor.userId)));
  if (!remark) throw outOfScope();
  // Sent twice (two tabs, a resent form): the state asked for is already there.
  if (remark.closedAt) return 'Замечание уже закрыто';
  if (remark.fixedAt) return 'Замечание уже отмечено как исправленное';
  await inTransaction(db, async (tx) => {
    await tx
      .update(remarks)
      .set({ fixedAt: sql`now()` })
      .where(and(eq(remarks.institutionId, remark.institutionId), eq(remarks.id, remark.id)));
    await logAdminChange(
      tx,
      actor,
      remark.institutionId,
      'remarks',
      { id: remark.id, fixedAt: null },
      { id: remark.id, fixed: true },
      'Отмечено преподавателем как исправленное',
    );
  });
  const closed = await refreshRemarks(db, actor, remark.institutionId, [remark.teachingAssignmentId]);
  return closed ? 'Замечание закрыто: нарушение больше не находится' : 'Отмечено как исправленное; ждёт подтверждения';
}

/** The controller confirms a remark fixed (or closes it): any open remark on a journal in their scope. */
export async function confirmRemark(db: Db, actor: Actor, input: z.infer<typeof remarkInput>): Promise<string> {
  const [remark] = await db
    .select({ id: remarks.id, institutionId: remarks.institutionId, closedAt: remarks.closedAt })
    .from(remarks)
    .innerJoin(
      teachingAssignments,
      and(
        eq(teachingAssignments.institutionId, remarks.institutionId),
        eq(teachingAssignments.id, remarks.teachingAssignmentId),
      ),
    )
    .where(and(eq(remarks.id, input.remarkId), assignmentScope(actor, PERMISSION)));
  if (!remark) throw outOfScope();
  if (remark.closedAt) return 'Замечание уже закрыто';
  await inTransaction(db, async (tx) => {
    await tx
      .update(remarks)
      .set({ closedAt: sql`now()`, closedBy: actor.userId })
      .where(and(eq(remarks.institutionId, remark.institutionId), eq(remarks.id, remark.id)));
    await logAdminChange(
      tx,
      actor,
      remark.institutionId,
      'remarks',
      { id: remark.id },
      { id: remark.id, closed: true },
      'Исправление подтверждено',
    );
  });
  return 'Замечание закрыто';
}

export const remarksListInput = z.object({ state: z.enum(['open', 'closed', 'all']).default('open') });

/**
 * Remarks the actor may read: a controller those on journals in scope, a teacher their own.
 */
export async function remarksList(
  db: Db,
  actor: Actor,
  input: z.infer<typeof remarksListInput>,
  as: 'controller' | 'teacher',
): Promise<RemarkRow[]> {
  const who: SQL =
    as === 'teacher' ? sql`r.teacher_user_id = ${actor.userId}` : sql`${assignmentScope(actor, PERMISSION)}`;
  // A teacher's open remarks are judged afresh before reading, so a fixed journal shows its remark closed; a
  // controller's are judged with the monitoring itself (`monitoringWithRemarks`).
  if (as === 'teacher') {
    const openOnes = await queryRows<{ institution_id: number; assignment_id: number }>(
      db,
      sql`select distinct r.institution_id, r.teaching_assignment_id as assignment_id from remarks r
          where r.closed_at is null and ${who}`,
    );
    for (const inst of new Set(openOnes.map((r) => r.institution_id)))
      await refreshRemarks(
        db,
        actor,
        inst,
        openOnes.filter((r) => r.institution_id === inst).map((r) => r.assignment_id),
      );
  }
  const state =
    input.state === 'open'
      ? sql`r.closed_at is null`
      : input.state === 'closed'
        ? sql`r.closed_at is not null`
        : sql`true`;
  const rows = await queryRows<{
    id: number;
    rule: MonitoringRule;
    assignment_id: number;
    lesson_id: number | null;
    student_id: number | null;
    subject: string;
    subgroup: string | null;
    group_name: string;
    teacher_id: number;
    teacher: string;
    text: string;
    source: string;
    issued_at: string;
    issued_by: string | null;
    fixed_at: string | null;
    closed_at: string | null;
    closed_by: string | null;
  }>(
    db,
    sql`select r.id, r.rule, r.teaching_assignment_id as assignment_id, r.lesson_id, r.student_id,
          ci.code || ' ' || ci.name as subject, sg.name as subgroup, g.name as group_name,
          r.teacher_user_id as teacher_id, t.last_name || ' ' || left(t.first_name, 1) || '.' || coalesce(' ' || left(t.middle_name, 1) || '.', '') as teacher,
          r.text, r.source, r.issued_at::text as issued_at,
          (select i.last_name || ' ' || left(i.first_name, 1) || '.' from users i where i.id = r.issued_by) as issued_by,
          r.fixed_at::text as fixed_at, r.closed_at::text as closed_at,
          (select c.last_name || ' ' || left(c.first_name, 1) || '.' from users c where c.id = r.closed_by) as closed_by
        from remarks r
        join teaching_assignments on teaching_assignments.institution_id = r.institution_id and teaching_assignments.id = r.teaching_assignment_id
        join groups g on g.institution_id = teaching_assignments.institution_id and g.id = teaching_assignments.group_id
        join curriculum_items ci on ci.institution_id = teaching_assignments.institution_id and ci.id = teaching_assignments.curriculum_item_id
        left join subgroups sg on sg.institution_id = teaching_assignments.institution_id and sg.id = teaching_assignments.subgroup_id
        join users t on t.id = r.teacher_user_id
        where ${who} and ${state}
        order by r.closed_at is not null, r.issued_at desc, r.id desc
        limit 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    ruleLabel: MONITORING_RULES[r.rule]?.label ?? r.rule,
    assignmentId: r.assignment_id,
    subject: r.subgroup ? `${r.subject} (${r.subgroup})` : r.subject,
    group: r.group_name,
    teacherId: r.teacher_id,
    teacher: r.teacher,
    text: r.text,
    href: journalHref(r.assignment_id, r.lesson_id, r.student_id),
    source: r.source,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    fixedAt: r.fixed_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  }));
}
