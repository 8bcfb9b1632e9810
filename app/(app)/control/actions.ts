'use server';

import { formAction } from '@/server/actions/form-action';
import {
  confirmRemark,
  issueRemarks,
  issueRemarksInput,
  markRemarkFixed,
  remarkInput,
} from '@/server/services/control/remarks';
import { monitoringInput } from '@/server/services/control/monitoring';
import { saveScheduledCheck, scheduledCheckInput } from '@/server/services/control/scheduled-checks';
import {
  markNoticeRead,
  noticeInput,
  postCheckResults,
  postNotice,
  postNoticeInput,
  withdrawNotice,
} from '@/server/services/control/notices';

/** A controller issues remarks from the monitoring's flags (issue #13, item 2; regulation §5.2–5.4). */
export const issueRemarksAction = formAction
  .requires('control.monitor')
  .input(issueRemarksInput)
  .handle(async ({ db, actor, input }) => (await issueRemarks(db, actor, input)).message);

/** The controller confirms a remark fixed and closes it. */
export const confirmRemarkAction = formAction
  .requires('control.monitor')
  .input(remarkInput)
  .handle(({ db, actor, input }) => confirmRemark(db, actor, input));

/** The teacher marks an own remark fixed (regulation §5.6). */
export const markRemarkFixedAction = formAction
  .requires('control.ownRemarks')
  .input(remarkInput)
  .handle(({ db, actor, input }) => markRemarkFixed(db, actor, input));

/** A post on the notice board (issue #13, item 3). */
export const postNoticeAction = formAction
  .requires('notices.post')
  .input(postNoticeInput)
  .handle(async ({ db, actor, input }) => `Опубликовано: «${(await postNotice(db, actor, input)).title}»`);

/** The results of the monitoring check, on the board in one action (regulation §5.2). */
export const postCheckResultsAction = formAction
  .requires('control.monitor')
  .input(monitoringInput)
  .handle(({ db, actor, input }) => postCheckResults(db, actor, input));

/** «Прочитано» on a post that asks for it. */
export const markNoticeReadAction = formAction
  .requires('notices.read')
  .input(noticeInput)
  .handle(({ db, actor, input }) => markNoticeRead(db, actor, input));

/** Takes a post off the board (its author, the administrator). */
export const withdrawNoticeAction = formAction
  .requires('notices.post')
  .input(noticeInput)
  .handle(({ db, actor, input }) => withdrawNotice(db, actor, input));

/** The controller's scheduled check: monthly or every two weeks, remarks and the board (regulation §5.2–5.4). */
export const saveScheduledCheckAction = formAction
  .requires('control.monitor')
  .input(scheduledCheckInput)
  .handle(({ db, actor, input }) => saveScheduledCheck(db, actor, input));
