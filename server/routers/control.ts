import { activityInput, userActivity } from '../services/control/activity';
import { monitoringInput, shownFlags } from '../services/control/monitoring';
import { noticeBoard, noticeChoices } from '../services/control/notices';
import { monitoringWithRemarks, remarksList, remarksListInput } from '../services/control/remarks';
import { myScheduledCheck } from '../services/control/scheduled-checks';
import { procedure, router } from '../trpc/init';

/** Control of journal keeping (issue #13): the monitoring and the remarks; their forms are server actions. */
export const controlRouter = router({
  /**
   * The term's monitoring in the controller's scope (regulation §5.2–5.4); the oldest flags, all the counts. Open
   * remarks whose rule no longer fires close on the way.
   */
  monitoring: procedure
    .requires('control.monitor', { reads: 'replica' })
    .input(monitoringInput)
    .query(async ({ ctx, input }) => shownFlags(await monitoringWithRemarks(ctx.db, ctx.actor, input, ctx.primary))),
  /** Remarks on the journals in the controller's scope. */
  remarks: procedure
    .requires('control.monitor')
    .input(remarksListInput)
    .query(({ ctx, input }) => remarksList(ctx.db, ctx.actor, input, 'controller')),
  /** The controller's own scheduled check, or the proposal of one (its form is a server action). */
  scheduledCheck: procedure.requires('control.monitor').query(({ ctx }) => myScheduledCheck(ctx.db, ctx.actor)),
  /** Who has not signed in or entered anything lately (issue #13, item 7). */
  activity: procedure
    .requires('control.activity', { reads: 'replica' })
    .input(activityInput)
    .query(({ ctx, input }) => userActivity(ctx.db, ctx.actor, input)),
  /** The notice board: the posts that reach the actor, the own ones with how many have read them. */
  notices: procedure.requires('notices.read').query(({ ctx }) => noticeBoard(ctx.db, ctx.actor)),
  /** Whom a poster may address: departments and groups. */
  noticeChoices: procedure.requires('notices.post').query(({ ctx }) => noticeChoices(ctx.db, ctx.actor)),
  /** The teacher's own remarks (regulation §5.6). */
  myRemarks: procedure
    .requires('control.ownRemarks')
    .input(remarksListInput)
    .query(({ ctx, input }) => remarksList(ctx.db, ctx.actor, input, 'teacher')),
});
