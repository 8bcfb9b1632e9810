/**
 * The КТП (work programme's calendar-thematic plan) of a journal (issue #11, item 7; regulation §5.6): read by whoever
 * reads the journal, edited by its teacher while the journal is editable — on screen, by an XLSX import in the
 * template (all or nothing, every bad line named) or by copying the plan of another journal of the same curriculum
 * item. Each save replaces the plan whole, checked against the version the editor read (a stale one gets 409), and
 * goes to the change log with the plan before and after.
 */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { changeLog, editBatches, plannedTopics, teachingAssignments, workPrograms } from '../../../db/schema';
import { idSchema } from '../../../domain/ids';
import { checkKtp, KTP_COLUMNS, ktpDifference, ktpTotals, parseKtpRows, type KtpRow } from '../../../domain/ktp';
import type { Actor } from '../../policy/actor';
import { assignmentScope } from '../../policy/scope';
import { badInput, conflict, forbidden, outOfScope } from '../refusals';
import { readTable } from '../spreadsheet';
import { editAccess, loadAssignment, type AssignmentContext } from './context';

const rowSchema = z.object({
  section: z.boolean(),
  title: z.string().max(300, 'Название: не длиннее 300 символов'),
  hours: z.number().int().min(0).max(1000),
  kind: z.string().max(20).nullable(),
});
const header = {
  approvedBy: z.string().trim().max(200, 'Утверждаю: не длиннее 200 символов').nullable().default(null),
  reviewedAt: z.string().trim().max(300, 'Рассмотрено: не длиннее 300 символов').nullable().default(null),
};

export const ktpInput = z.object({ assignmentId: idSchema });
export const saveKtpInput = z.object({
  assignmentId: idSchema,
  /** The version the editor read: 0 when there was no plan. */
  version: z.number().int().min(0),
  rows: z.array(rowSchema).max(1000),
  ...header,
});
export const importKtpInput = z.object({
  assignmentId: idSchema,
  version: z.number().int().min(0),
  /** The XLSX file, base64. */
  file: z.string().max(8_000_000, 'Файл: не больше 6 МБ'),
});
export const copyKtpInput = z.object({
  assignmentId: idSchema,
  version: z.number().int().min(0),
  fromAssignmentId: idSchema,
});

export interface Ktp {
  assignment: AssignmentContext;
  version: number;
  approvedBy: string | null;
  reviewedAt: string | null;
  rows: KtpRow[];
  totals: { hours: number; byKind: Record<string, number> };
  /** Why the total differs from the journal's planned hours, or null. */
  difference: string | null;
  canEdit: boolean;
  /** Other journals of the same curriculum item the actor reads, with a plan to copy. */
  sources: { assignmentId: number; label: string; topics: number }[];
}

async function readPlan(db: Db, a: { institutionId: number; id: number }) {
  const [program] = await db
    .select()
    .from(workPrograms)
    .where(and(eq(workPrograms.institutionId, a.institutionId), eq(workPrograms.teachingAssignmentId, a.id)));
  const rows = await db
    .select({
      section: plannedTopics.section,
      title: plannedTopics.title,
      hours: plannedTopics.hours,
      kind: plannedTopics.kind,
    })
    .from(plannedTopics)
    .where(and(eq(plannedTopics.institutionId, a.institutionId), eq(plannedTopics.teachingAssignmentId, a.id)))
    .orderBy(asc(plannedTopics.position));
  return { program: program ?? null, rows };
}

/** The plan of a journal the actor reads (404 outside the read scope). */
export async function loadKtp(db: Db, actor: Actor, assignmentId: number): Promise<Ktp> {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  const [{ program, rows }, access, sources] = await Promise.all([
    readPlan(db, assignment),
    editAccess(db, actor, assignment),
    db
      .select({
        assignmentId: teachingAssignments.id,
        label: sql<string>`(select g.name from groups g where g.institution_id = ${teachingAssignments.institutionId}
          and g.id = ${teachingAssignments.groupId}) || coalesce(' (' || (select s.name from subgroups s
          where s.institution_id = ${teachingAssignments.institutionId} and s.id = ${teachingAssignments.subgroupId}) || ')', '')`,
        topics: sql<number>`(select count(*)::int from planned_topics p where p.institution_id = ${teachingAssignments.institutionId}
          and p.teaching_assignment_id = ${teachingAssignments.id} and not p.section)`,
      })
      .from(teachingAssignments)
      .where(
        and(
          eq(teachingAssignments.institutionId, assignment.institutionId),
          ne(teachingAssignments.id, assignment.id),
          sql`${teachingAssignments.curriculumItemId} = (select curriculum_item_id from teaching_assignments x
            where x.institution_id = ${assignment.institutionId} and x.id = ${assignment.id})`,
          sql`exists (select 1 from planned_topics p where p.institution_id = ${teachingAssignments.institutionId}
            and p.teaching_assignment_id = ${teachingAssignments.id})`,
          assignmentScope(actor, 'journal.read'),
        ),
      ),
  ]);
  const totals = ktpTotals(rows);
  return {
    assignment,
    version: program?.version ?? 0,
    approvedBy: program?.approvedBy ?? null,
    reviewedAt: program?.reviewedAt ?? null,
    rows,
    totals,
    difference: rows.length ? ktpDifference(totals.hours, assignment.plannedHours) : null,
    canEdit: access.canEdit && !access.substitute,
    sources: sources.map((s) => ({ ...s, topics: Number(s.topics) })),
  };
}

async function editable(db: Db, actor: Actor, assignmentId: number) {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) throw outOfScope();
  const access = await editAccess(db, actor, assignment);
  if (!access.canEdit || access.substitute) throw forbidden(access.reason ?? 'КТП ведёт преподаватель журнала');
  return { assignment, access };
}

/** Replaces the plan whole; a stale `version` is refused (409) naming who saved since. */
async function writePlan(
  db: Db,
  actor: Actor,
  assignment: AssignmentContext,
  grantId: number | null,
  version: number,
  rows: KtpRow[],
  head: { approvedBy: string | null; reviewedAt: string | null },
  reason: string,
): Promise<{ version: number }> {
  return inTransaction(db, async (tx) => {
    const inst = assignment.institutionId;
    const [current] = await tx
      .select()
      .from(workPrograms)
      .where(and(eq(workPrograms.institutionId, inst), eq(workPrograms.teachingAssignmentId, assignment.id)))
      .for('update');
    if ((current?.version ?? 0) !== version)
      throw conflict('КТП изменили с тех пор, как вы её открыли: обновите страницу, ваши правки не сохранены');
    const before = current ? await readPlan(tx, assignment) : null;
    const next = version + 1;
    if (current)
      await tx
        .update(workPrograms)
        .set({ version: next, ...head, updatedBy: actor.userId, updatedAt: new Date() })
        .where(and(eq(workPrograms.institutionId, inst), eq(workPrograms.teachingAssignmentId, assignment.id)));
    else
      await tx.insert(workPrograms).values({
        institutionId: inst,
        teachingAssignmentId: assignment.id,
        version: next,
        ...head,
        updatedBy: actor.userId,
      });
    await tx
      .delete(plannedTopics)
      .where(and(eq(plannedTopics.institutionId, inst), eq(plannedTopics.teachingAssignmentId, assignment.id)));
    if (rows.length)
      await tx.insert(plannedTopics).values(
        rows.map((r, i) => ({
          institutionId: inst,
          teachingAssignmentId: assignment.id,
          position: i + 1,
          section: r.section,
          title: r.title.trim(),
          hours: r.section ? 0 : r.hours,
          kind: r.section ? null : r.kind,
        })),
      );
    const [batch] = await tx
      .insert(editBatches)
      .values({
        institutionId: inst,
        userId: actor.userId,
        teachingAssignmentId: assignment.id,
        source: 'ktp',
        grantId,
        reason,
      })
      .returning({ id: editBatches.id });
    await tx.insert(changeLog).values({
      institutionId: inst,
      batchId: batch!.id,
      entity: 'ktp',
      before: before ? { ...before.program, rows: before.rows } : null,
      after: { ...head, version: next, rows },
      userId: actor.userId,
    });
    return { version: next };
  });
}

function refuseErrors(errors: { row: number; message: string }[]): never {
  throw badInput(errors.map((e) => e.message).join('; '));
}

export async function saveKtp(db: Db, actor: Actor, input: z.infer<typeof saveKtpInput>) {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  const rows = input.rows.map((r) => ({ ...r, title: r.title.trim() }));
  const errors = checkKtp(rows);
  if (errors.length) refuseErrors(errors);
  return writePlan(
    db,
    actor,
    assignment,
    access.grant?.id ?? null,
    input.version,
    rows,
    {
      approvedBy: input.approvedBy || null,
      reviewedAt: input.reviewedAt || null,
    },
    'КТП: правка',
  );
}

/** An XLSX in the template (KTP_COLUMNS) replaces the plan; any bad line refuses the whole file, every line named. */
export async function importKtp(db: Db, actor: Actor, input: z.infer<typeof importKtpInput>) {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  const table = await readTable(Buffer.from(input.file, 'base64'), KTP_COLUMNS, { csv: false });
  if (!table.ok) refuseErrors(table.errors);
  const parsed = parseKtpRows(table.rows);
  if (!parsed.ok) refuseErrors(parsed.errors);
  const current = await readPlan(db, assignment);
  const result = await writePlan(
    db,
    actor,
    assignment,
    access.grant?.id ?? null,
    input.version,
    parsed.rows,
    {
      approvedBy: current.program?.approvedBy ?? null,
      reviewedAt: current.program?.reviewedAt ?? null,
    },
    'КТП: загрузка из XLSX',
  );
  return { ...result, rows: parsed.rows.length };
}

/** Copies the plan of another journal of the same curriculum item that the actor reads. */
export async function copyKtp(db: Db, actor: Actor, input: z.infer<typeof copyKtpInput>) {
  const { assignment, access } = await editable(db, actor, input.assignmentId);
  const source = await loadAssignment(db, actor, input.fromAssignmentId, 'journal.read');
  if (!source) throw outOfScope();
  const [same] = await db
    .select({ n: sql<number>`count(distinct ${teachingAssignments.curriculumItemId})::int` })
    .from(teachingAssignments)
    .where(
      and(
        eq(teachingAssignments.institutionId, assignment.institutionId),
        sql`${teachingAssignments.id} in (${assignment.id}, ${source.id})`,
      ),
    );
  if (Number(same?.n) !== 1) throw badInput('Копировать КТП можно только из журнала той же дисциплины учебного плана');
  const plan = await readPlan(db, source);
  if (plan.rows.length === 0) throw badInput(`У журнала ${source.groupName} нет КТП`);
  const current = await readPlan(db, assignment);
  return writePlan(
    db,
    actor,
    assignment,
    access.grant?.id ?? null,
    input.version,
    plan.rows,
    {
      approvedBy: current.program?.approvedBy ?? plan.program?.approvedBy ?? null,
      reviewedAt: current.program?.reviewedAt ?? plan.program?.reviewedAt ?? null,
    },
    `КТП: копия из журнала ${source.groupName}`,
  );
}
