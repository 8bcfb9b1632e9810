import { consolidatedInput, loadConsolidatedSheet } from '../reports/consolidated/load';
import { printPreflight, preflightInput } from '../reports/printout/preflight';
import { procedure, router } from '../trpc/init';
import { curatorWeekInput, loadCuratorWeek } from '../reports/curator-week';
import { groupCopies } from '../reports/certify';
import { jobIdInput, jobProgress, recentJobs } from '../reports/jobs';
import { idSchema } from '../../domain/ids';
import { z } from 'zod';

/** Reports on screen before they are printed (the files themselves come from app/api/reports, server/reports/routes.ts). */
export const reportsRouter = router({
  /** What would look wrong in «Распечатка классного журнала», each linked to the journal (issue #12, item 4). */
  preflight: procedure
    .requires('reports.print', { reads: 'replica' })
    .input(preflightInput)
    .query(({ ctx, input }) => printPreflight(ctx.db, ctx.actor, input)),
  /** «Сводная ведомость учета успеваемости» on screen: the figures the PDF and XLSX print (issue #12, item 2). */
  consolidated: procedure
    .requires('reports.group', { reads: 'replica' })
    .input(consolidatedInput)
    .query(({ ctx, input }) => loadConsolidatedSheet(ctx.db, ctx.actor, input)),
  /** The curator's week: students × subjects for a week or a month, the students at risk (issue #13, item 4). */
  curatorWeek: procedure
    .requires('reports.group', { reads: 'replica' })
    .input(curatorWeekInput)
    .query(({ ctx, input }) => loadCuratorWeek(ctx.db, ctx.actor, input)),
  /** The group's certified copies, newest first (issue #12, item 6). */
  copies: procedure
    .requires('reports.group')
    .input(z.object({ groupId: idSchema, termId: idSchema }))
    .query(({ ctx, input }) => groupCopies(ctx.db, ctx.actor, input.groupId, input.termId)),
  /** The college's latest «Все группы» jobs with each group's state (issue #12, item 5): the progress after a reload. */
  jobs: procedure.requires('reports.collegeJobs').query(({ ctx }) => recentJobs(ctx.db, ctx.actor)),
  /** One job's progress, polled while it runs. */
  job: procedure
    .requires('reports.collegeJobs')
    .input(jobIdInput)
    .query(({ ctx, input }) => jobProgress(ctx.db, ctx.actor, input.jobId)),
});
