/**
 * The notice board (доска информации, issue #13, item 3; regulation §5.2–5.4: the controllers post the results of their
 * checks inside the system). The administrator and the methodist post to the college, a head of department to the
 * department (a post of theirs is always limited to it); each post names its roles, departments and groups
 * (`domain/notices.ts`). A reader sees the posts that reach them; a post may ask for «Прочитано», and its author sees
 * who has read it. Posting, reading marks and withdrawal are logged.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, queryRows, type Db } from '../../../db/client';
import { noticeReads, notices } from '../../../db/schema';
import { formatDate } from '../../../domain/dates';
import { idSchema, MAX_ID } from '../../../domain/ids';
import { MONITORING_RULE_KEYS, MONITORING_RULES, totalOf } from '../../../domain/monitoring';
import { audienceText, noticeReaches, type NoticeReader } from '../../../domain/notices';
import { countOf, NOUNS } from '../../../domain/plural';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/roles';
import { grantsFor, rolesOf, todayOf, type Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, forbidden, institutionOf, outOfScope } from '../refusals';
import { monitoring, type monitoringInput, type MonitoringReport } from './monitoring';

export const postNoticeInput = z.object({
  title: z.string().trim().min(3, 'Заголовок: не короче 3 знаков').max(200, 'Заголовок: не длиннее 200 знаков'),
  body: z.string().trim().min(1, 'Текст: заполните').max(10_000, 'Текст: не длиннее 10 000 знаков'),
  roles: z
    .array(z.enum(ROLES, { error: 'Кому: неизвестная роль' }))
    .max(ROLES.length, 'Кому: роль указана дважды')
    .default([]),
  departmentIds: z
    .array(z.coerce.number().int().positive().max(MAX_ID))
    .max(100, 'Отделения: не больше 100')
    .default([]),
  groupIds: z.array(z.coerce.number().int().positive().max(MAX_ID)).max(1000, 'Группы: не больше 1000').default([]),
  needsRead: z.boolean().default(false),
});
export const noticeInput = z.object({ noticeId: idSchema });

export interface NoticeRow {
  id: number;
  title: string;
  body: string;
  kind: string;
  author: string;
  createdAt: string;
  /** Whom it is for, in words. */
  audience: string;
  needsRead: boolean;
  readAt: string | null;
  /** For its author (and the administrator): how many have marked it read. */
  readers: number | null;
  mine: boolean;
}

/** The departments and groups the actor belongs to through their roles (see `domain/notices.ts`). */
async function readerOf(db: Db, actor: Actor, inst: number): Promise<NoticeReader> {
  const today = todayOf(actor);
  const children = actor.childStudentIds.filter((c) => c.institutionId === inst).map((c) => c.studentId);
  const own = actor.ownStudentIds.filter((c) => c.institutionId === inst).map((c) => c.studentId);
  const students = [...children, ...own];
  const studentList = students.length
    ? sql.join(
        students.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const [row] = await queryRows<{ departments: number[] | null; groups: number[] | null }>(
    db,
    sql`with g as (
          select r.group_id as id from user_roles r where r.user_id = ${actor.userId} and r.institution_id = ${inst} and r.group_id is not null
          union select ta.group_id from teaching_assignments ta join terms t on t.institution_id = ta.institution_id and t.id = ta.term_id
            where ta.institution_id = ${inst} and ta.teacher_user_id = ${actor.userId} and t.starts_on <= ${today} and t.ends_on >= ${today}
          union select m.group_id from group_memberships m where m.institution_id = ${inst} and m.student_id in (${studentList})
            and m.to_date is null)
        select (select array_agg(distinct d) from (
            select r.department_id as d from user_roles r where r.user_id = ${actor.userId} and r.institution_id = ${inst} and r.department_id is not null
            union select gr.department_id from groups gr join g on g.id = gr.id where gr.institution_id = ${inst}) x) as departments,
          (select array_agg(id) from g) as groups`,
  );
  return {
    roles: rolesOf(actor).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    departmentIds: row?.departments ?? [],
    groupIds: row?.groups ?? [],
  };
}

/** The head's department, when the actor posts only as a head of department; null for the college-wide posters. */
function postingDepartment(actor: Actor): number | null {
  const grants = grantsFor(actor, 'notices.post');
  if (grants.some((g) => g.role !== 'head')) return null;
  return grants.find((g) => g.departmentId !== null)?.departmentId ?? null;
}

export async function postNotice(db: Db, actor: Actor, input: z.infer<typeof postNoticeInput>, kind = 'post') {
  const inst = institutionOf(actor, 'notices.post');
  const own = postingDepartment(actor);
  let departmentIds = [...new Set(input.departmentIds)];
  const groupIds = [...new Set(input.groupIds)];
  if (own !== null) {
    if (departmentIds.some((d) => d !== own)) throw badInput('Отделение: заведующий пишет только своему отделению');
    departmentIds = [own];
  }
  const known = await queryRows<{ kind: string; id: number; department_id: number | null }>(
    db,
    sql`select 'd' as kind, id, id as department_id from departments where institution_id = ${inst}
        union all select 'g', id, department_id from groups where institution_id = ${inst}`,
  );
  for (const d of departmentIds)
    if (!known.some((k) => k.kind === 'd' && k.id === d)) throw badInput('Отделение: нет такого отделения в колледже');
  for (const g of groupIds) {
    const group = known.find((k) => k.kind === 'g' && k.id === g);
    if (!group) throw badInput('Группы: нет такой группы в колледже');
    if (own !== null && group.department_id !== own)
      throw badInput('Группы: заведующий пишет только группам своего отделения');
  }
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(notices)
      .values({
        institutionId: inst,
        title: input.title,
        body: input.body,
        kind,
        roles: [...new Set(input.roles)],
        departmentIds,
        groupIds,
        needsRead: input.needsRead,
        authorUserId: actor.userId,
      })
      .returning();
    await logAdminChange(tx, actor, inst, 'notice', null, row, null);
    return row!;
  });
}

/** Posts the results of a monitoring check (the actor's scope, the filters given) for the teachers and heads. */
export async function postCheckResults(db: Db, actor: Actor, input: z.infer<typeof monitoringInput>) {
  const row = await postReport(db, actor, await monitoring(db, actor, input), input);
  return `Итоги проверки опубликованы на доске информации: «${row.title}»`;
}

/**
 * Posts a monitoring report at hand on the board, for the teachers and heads of its departments and groups (`input`'s
 * filters); `heading` names the check («Итоги плановой проверки»).
 */
export async function postReport(
  db: Db,
  actor: Actor,
  report: MonitoringReport,
  input: z.infer<typeof monitoringInput>,
  heading = 'Итоги проверки журналов',
) {
  const lines = [
    `Проверка ведения электронного журнала на ${formatDate(report.today)}, ${report.term.name}: ` +
      `${countOf(report.journals.length, NOUNS.journal)}, ${countOf(report.flagCount, NOUNS.flag)}` +
      (report.riskCount ? `; в зоне риска к концу семестра — ${report.riskCount}.` : '.'),
    '',
    ...MONITORING_RULE_KEYS.map(
      (k) =>
        `${MONITORING_RULES[k].label}: ${report.totals[k] - report.riskTotals[k]}` +
        (report.riskTotals[k] ? ` (и ${report.riskTotals[k]} в зоне риска)` : ''),
    ),
    '',
    'По преподавателям:',
    ...report.teachers
      .filter((t) => totalOf(t.counts) > 0)
      .map(
        (t) =>
          `${t.teacher} — ${totalOf(t.counts)} (` +
          MONITORING_RULE_KEYS.filter((k) => t.counts[k] > 0)
            .map((k) => `${MONITORING_RULES[k].short.toLowerCase()} ${t.counts[k]}`)
            .join(', ') +
          ')',
      ),
    '',
    'Исправьте нарушения в журналах; замечания на главной странице ведут к ячейкам журнала.',
  ];
  return postNotice(
    db,
    actor,
    {
      title: `${heading} на ${formatDate(report.today)}`,
      body: lines.join('\n'),
      roles: ['teacher', 'head'],
      departmentIds: input.departmentId ? [input.departmentId] : [],
      groupIds: input.groupId ? [input.groupId] : [],
      needsRead: true,
    },
    'check',
  );
}

/** The posts that reach the actor (the newest first), and for the posters their own posts with the read counts. */
export async function noticeBoard(db: Db, actor: Actor, input: { limit?: number } = {}): Promise<NoticeRow[]> {
  const inst = actor.institutionId;
  if (inst === null) return [];
  const reader = await readerOf(db, actor, inst);
  const rows = await queryRows<{
    id: number;
    title: string;
    body: string;
    kind: string;
    roles: string[];
    department_ids: number[];
    group_ids: number[];
    needs_read: boolean;
    author_user_id: number;
    author: string;
    created_at: string;
    read_at: string | null;
    readers: number;
  }>(
    db,
    sql`select n.id, n.title, n.body, n.kind, n.roles, n.department_ids, n.group_ids, n.needs_read, n.author_user_id,
          u.last_name || ' ' || left(u.first_name, 1) || '.' || coalesce(' ' || left(u.middle_name, 1) || '.', '') as author,
          n.created_at::text as created_at,
          (select r.read_at::text from notice_reads r where r.institution_id = n.institution_id and r.notice_id = n.id
            and r.user_id = ${actor.userId}) as read_at,
          (select count(*)::int from notice_reads r where r.institution_id = n.institution_id and r.notice_id = n.id) as readers
        from notices n join users u on u.id = n.author_user_id
        where n.institution_id = ${inst} and n.withdrawn_at is null
        order by n.created_at desc, n.id desc limit 200`,
  );
  const names = await queryRows<{ kind: string; id: number; name: string }>(
    db,
    sql`select 'd' as kind, id, name from departments where institution_id = ${inst}
        union all select 'g', id, name from groups where institution_id = ${inst}`,
  );
  const name = (kind: string, id: number) => names.find((n) => n.kind === kind && n.id === id)?.name ?? `№ ${id}`;
  const admin = grantsFor(actor, 'notices.post').some((g) => g.role === 'admin');
  return rows
    .filter(
      (r) =>
        r.author_user_id === actor.userId ||
        noticeReaches({ roles: r.roles, departmentIds: r.department_ids, groupIds: r.group_ids }, reader),
    )
    .slice(0, input.limit ?? 200)
    .map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      kind: r.kind,
      author: r.author,
      createdAt: r.created_at,
      audience: audienceText(
        { roles: r.roles, departmentIds: r.department_ids, groupIds: r.group_ids },
        {
          roles: (role) => ROLE_LABELS[role as Role] ?? role,
          department: (id) => name('d', id),
          group: (id) => name('g', id),
        },
      ),
      needsRead: r.needs_read,
      readAt: r.read_at,
      readers: r.author_user_id === actor.userId || admin ? r.readers : null,
      mine: r.author_user_id === actor.userId,
    }));
}

/** «Прочитано»: only on a post that reaches the actor and asks for it; a second mark changes nothing. */
export async function markNoticeRead(db: Db, actor: Actor, input: z.infer<typeof noticeInput>): Promise<string> {
  const board = await noticeBoard(db, actor);
  const notice = board.find((n) => n.id === input.noticeId);
  if (!notice) throw outOfScope();
  if (!notice.needsRead) throw badInput('Объявление не требует отметки о прочтении');
  if (notice.readAt) return 'Уже отмечено как прочитанное';
  await inTransaction(db, async (tx) => {
    await tx
      .insert(noticeReads)
      .values({ institutionId: actor.institutionId!, noticeId: notice.id, userId: actor.userId })
      .onConflictDoNothing();
    await logAdminChange(tx, actor, actor.institutionId!, 'notice_read', null, { noticeId: notice.id }, null);
  });
  return 'Отмечено как прочитанное';
}

/** Takes a post off the board: its author, or the administrator. */
export async function withdrawNotice(db: Db, actor: Actor, input: z.infer<typeof noticeInput>): Promise<string> {
  const inst = institutionOf(actor, 'notices.post');
  const [notice] = await db
    .select()
    .from(notices)
    .where(and(eq(notices.institutionId, inst), eq(notices.id, input.noticeId)));
  if (!notice) throw outOfScope();
  const admin = grantsFor(actor, 'notices.post').some((g) => g.role === 'admin' && g.institutionId === inst);
  if (notice.authorUserId !== actor.userId && !admin) throw forbidden();
  if (notice.withdrawnAt) return 'Объявление уже снято';
  await inTransaction(db, async (tx) => {
    await tx
      .update(notices)
      .set({ withdrawnAt: sql`now()` })
      .where(and(eq(notices.institutionId, inst), eq(notices.id, notice.id)));
    await logAdminChange(tx, actor, inst, 'notice', { id: notice.id }, { id: notice.id, withdrawn: true }, null);
  });
  return 'Объявление снято с доски';
}

/** What a poster may address: the college's departments and groups, a head's own department and its groups. */
export async function noticeChoices(db: Db, actor: Actor) {
  const inst = institutionOf(actor, 'notices.post');
  const own = postingDepartment(actor);
  const rows = await queryRows<{ kind: string; id: number; name: string }>(
    db,
    sql`select 'd' as kind, id, name from departments where institution_id = ${inst} and (${own}::int is null or id = ${own})
        union all select 'g', id, name from groups where institution_id = ${inst} and graduated_on is null
          and (${own}::int is null or department_id = ${own})
        order by 1, 3`,
  );
  return {
    departments: rows.filter((r) => r.kind === 'd').map(({ id, name }) => ({ id, name })),
    groups: rows.filter((r) => r.kind === 'g').map(({ id, name }) => ({ id, name })),
  };
}
