/**
 * Scheduled checks of journal keeping (issue #13, item 2; regulation §5.2–5.4): each controller (administrator, head
 * of department, methodist) may set one for their college — monthly, or every two weeks (a methodist: every two weeks
 * at least). A due check runs in the background (server/jobs/workers.ts, a pg-boss schedule every 15 minutes) in its
 * owner's scope as the policy decides it at run time: it closes the remarks whose rule no longer fires, issues remarks
 * for the flags found (source `scheduled`, issued by the owner) and posts the results on the notice board.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { institutions, scheduledChecks } from '../../../db/schema';
import { addDays, formatDate, todayIn, type IsoDate } from '../../../domain/dates';
import { isoDateSchema } from '../../../domain/ids';
import { countOf, NOUNS } from '../../../domain/plural';
import {
  CHECK_PERIOD_LABELS,
  CHECK_PERIODS,
  isCheckDue,
  longestPeriodFor,
  nextCheckOn,
  periodAllowed,
  type CheckPeriod,
} from '../../../domain/scheduled-check';
import { grantsFor, loadActor, todayOf, type Actor } from '../../policy/actor';
import { Refusal } from '../../policy/refusal';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf } from '../refusals';
import { PERMISSION } from './monitoring';
import { postReport } from './notices';
import { insertRemarks, monitoringWithRemarks } from './remarks';

export const scheduledCheckInput = z.object({
  period: z.enum(CHECK_PERIODS, { error: 'Периодичность: раз в месяц или раз в две недели' }),
  nextRunOn: isoDateSchema('Следующая проверка'),
  issueRemarks: z.boolean().default(false),
  postResults: z.boolean().default(false),
  enabled: z.boolean().default(false),
});

/** A run in hand longer than this is taken as died with its process and is done again. */
const RUN_TIMEOUT = sql`interval '30 minutes'`;

export interface ScheduledCheckView {
  /** False until the controller saves one: the fields are the proposal. */
  saved: boolean;
  period: CheckPeriod;
  /** The periods the controller may choose (regulation §5.2–5.4). */
  periods: { value: CheckPeriod; label: string }[];
  nextRunOn: IsoDate;
  issueRemarks: boolean;
  postResults: boolean;
  enabled: boolean;
  lastRunAt: string | null;
  lastResult: string | null;
}

function controllerRoles(actor: Actor, institutionId: number) {
  return grantsFor(actor, PERMISSION)
    .filter((g) => g.institutionId === institutionId)
    .map((g) => g.role);
}

/** The controller's own scheduled check, or the proposal of one (the regulation's period, from tomorrow). */
export async function myScheduledCheck(db: Db, actor: Actor): Promise<ScheduledCheckView> {
  const inst = institutionOf(actor, PERMISSION);
  const longest = longestPeriodFor(controllerRoles(actor, inst));
  const periods = CHECK_PERIODS.filter((p) => periodAllowed(p, controllerRoles(actor, inst))).map((p) => ({
    value: p,
    label: CHECK_PERIOD_LABELS[p],
  }));
  const [row] = await db
    .select()
    .from(scheduledChecks)
    .where(and(eq(scheduledChecks.institutionId, inst), eq(scheduledChecks.ownerUserId, actor.userId)));
  if (!row)
    return {
      saved: false,
      period: longest,
      periods,
      nextRunOn: addDays(todayOf(actor), 1),
      issueRemarks: true,
      postResults: true,
      enabled: true,
      lastRunAt: null,
      lastResult: null,
    };
  return {
    saved: true,
    period: row.period as CheckPeriod,
    periods,
    nextRunOn: row.nextRunOn,
    issueRemarks: row.issueRemarks,
    postResults: row.postResults,
    enabled: row.enabled,
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastResult: row.lastResult,
  };
}

/** Sets (or changes, or switches off) the controller's scheduled check; logged. Returns the message for the form. */
export async function saveScheduledCheck(
  db: Db,
  actor: Actor,
  input: z.infer<typeof scheduledCheckInput>,
): Promise<string> {
  const inst = institutionOf(actor, PERMISSION);
  if (!periodAllowed(input.period, controllerRoles(actor, inst)))
    throw badInput('Периодичность: методист проверяет ведение журнала не реже раза в две недели (п. 5.4 Положения)');
  const today = todayOf(actor);
  if (input.enabled && input.nextRunOn < today)
    throw badInput(`Следующая проверка: не раньше сегодняшнего дня (${formatDate(today)})`);
  if (input.nextRunOn > addDays(today, 366)) throw badInput('Следующая проверка: не позже чем через год');
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(scheduledChecks)
      .where(and(eq(scheduledChecks.institutionId, inst), eq(scheduledChecks.ownerUserId, actor.userId)));
    const values = {
      period: input.period,
      nextRunOn: input.nextRunOn,
      issueRemarks: input.issueRemarks,
      postResults: input.postResults,
      enabled: input.enabled,
      updatedAt: sql`now()`,
    };
    const [after] = await tx
      .insert(scheduledChecks)
      .values({ institutionId: inst, ownerUserId: actor.userId, ...values })
      .onConflictDoUpdate({ target: [scheduledChecks.institutionId, scheduledChecks.ownerUserId], set: values })
      .returning();
    await logAdminChange(tx, actor, inst, 'scheduled_check', before ?? null, after, null);
    return input.enabled
      ? `Плановая проверка: ${CHECK_PERIOD_LABELS[input.period]}, следующая — ${formatDate(input.nextRunOn)}`
      : 'Плановая проверка отключена';
  });
}

/**
 * Runs every scheduled check due at `now` (each college's own time), one at a time; a check another process has in
 * hand is skipped. Returns what each did, for the job's log. Never throws for one check's failure: the others run.
 */
export async function runDueChecks(db: Db, now: Date = new Date()): Promise<{ id: number; result: string }[]> {
  const candidates = await db
    .select({ check: scheduledChecks, timeZone: institutions.timeZone })
    .from(scheduledChecks)
    .innerJoin(institutions, eq(institutions.id, scheduledChecks.institutionId))
    .where(
      and(
        eq(scheduledChecks.enabled, true),
        or(isNull(scheduledChecks.runningSince), lt(scheduledChecks.runningSince, sql`now() - ${RUN_TIMEOUT}`)),
      ),
    );
  const done: { id: number; result: string }[] = [];
  for (const { check, timeZone } of candidates) {
    if (!isCheckDue(check.nextRunOn, now, timeZone)) continue;
    const [claimed] = await db
      .update(scheduledChecks)
      .set({ runningSince: sql`now()` })
      .where(
        and(
          eq(scheduledChecks.institutionId, check.institutionId),
          eq(scheduledChecks.id, check.id),
          eq(scheduledChecks.nextRunOn, check.nextRunOn),
          or(isNull(scheduledChecks.runningSince), lt(scheduledChecks.runningSince, sql`now() - ${RUN_TIMEOUT}`)),
        ),
      )
      .returning({ id: scheduledChecks.id });
    if (!claimed) continue;
    done.push({ id: check.id, result: await runCheck(db, check, todayIn(timeZone, now), now) });
  }
  return done;
}

type CheckRow = typeof scheduledChecks.$inferSelect;

/** One claimed check: run, then the next day set and the claim released — or, on a fault, only the claim released. */
async function runCheck(db: Db, check: CheckRow, today: IsoDate, now: Date): Promise<string> {
  const where = and(eq(scheduledChecks.institutionId, check.institutionId), eq(scheduledChecks.id, check.id));
  const owner = await loadActor(db, check.ownerUserId, undefined, now);
  if (!owner || controllerRoles(owner, check.institutionId).length === 0) {
    const result = 'Не выполнена и отключена: у владельца больше нет права контроля ведения журнала';
    await inTransaction(db, async (tx) => {
      await tx
        .update(scheduledChecks)
        .set({ enabled: false, runningSince: null, lastRunAt: sql`now()`, lastResult: result })
        .where(where);
      await logAdminChange(
        tx,
        { userId: check.ownerUserId },
        check.institutionId,
        'scheduled_check',
        null,
        {
          id: check.id,
          enabled: false,
        },
        result,
      );
    });
    return result;
  }
  let result: string;
  try {
    result = await checkOnce(db, owner, check);
  } catch (error) {
    // A refusal (no open year, a term not begun) is this run's result; any other fault leaves the check due.
    if (!(error instanceof Refusal)) {
      const message = error instanceof Error ? error.message : String(error);
      await db
        .update(scheduledChecks)
        .set({ runningSince: null, lastResult: `Сбой, проверка повторится: ${message}` })
        .where(where);
      console.error('[scheduled-check]', check.id, error);
      return `Сбой: ${message}`;
    }
    result = `Не выполнена: ${error.message}`;
  }
  let next = nextCheckOn(check.period as CheckPeriod, check.nextRunOn);
  // The server was off for longer than a period: the next run is still ahead, not a row of missed ones.
  while (next <= today) next = nextCheckOn(check.period as CheckPeriod, next);
  await db
    .update(scheduledChecks)
    .set({ nextRunOn: next, runningSince: null, lastRunAt: sql`now()`, lastResult: result })
    .where(where);
  return result;
}

async function checkOnce(db: Db, owner: Actor, check: CheckRow): Promise<string> {
  const report = await monitoringWithRemarks(db, owner, {});
  const issued = check.issueRemarks
    ? await insertRemarks(db, owner, check.institutionId, report.flags, 'scheduled')
    : null;
  if (check.postResults) await postReport(db, owner, report, {}, 'Итоги плановой проверки журналов');
  return (
    `${formatDate(report.today)}: ${countOf(report.journals.length, NOUNS.journal)}, ` +
    `${countOf(report.flagCount, NOUNS.flag)}` +
    (issued === null ? '' : `, выдано ${countOf(issued, NOUNS.remark)}`) +
    (check.postResults ? '; итоги на доске информации' : '')
  );
}
