import { z } from 'zod';
import { readableAssignments } from '../queries/journal';
import { grantEdit, grantInput, listGrants, revokeGrant } from '../services/journal/grants';
import { cellHistory } from '../services/journal/history';
import {
  createLesson,
  createLessonInput,
  deleteLesson,
  deleteLessonInput,
  updateLesson,
  updateLessonInput,
} from '../services/journal/lessons';
import {
  copyKtp,
  copyKtpInput,
  importKtp,
  importKtpInput,
  ktpInput,
  loadKtp,
  saveKtp,
  saveKtpInput,
} from '../services/journal/ktp';
import { loadJournalPage, type JournalPageWire } from '../services/journal/page';
import { packCells } from '../../domain/journal-cells';
import { ATTESTATION_FIELDS } from '../../domain/attestation';
import { saveInput, saveJournalEdits } from '../services/journal/save';
import { undoLastBatch } from '../services/journal/undo';
import { outOfScope, procedure, router } from '../trpc/init';
import { todayOf } from '../policy/actor';
import { idSchema as id } from '../../domain/ids';

export const journalRouter = router({
  assignments: procedure
    .requires('journal.read')
    .input(z.object({ termId: id.optional(), groupId: id.optional(), mineOnly: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => readableAssignments(ctx.db, ctx.actor, input ?? {}, todayOf(ctx.actor))),
  page: procedure
    .requires('journal.read')
    .input(z.object({ assignmentId: id }))
    .query(async ({ ctx, input }): Promise<JournalPageWire> => {
      const page = await loadJournalPage(ctx.db, ctx.actor, input.assignmentId, todayOf(ctx.actor));
      if (!page) throw outOfScope();
      return { ...page, cells: packCells(page.cells) };
    }),
  save: procedure
    .requires('journal.edit')
    .input(saveInput)
    .mutation(async ({ ctx, input }) => {
      const result = await saveJournalEdits(ctx.db, ctx.actor, input, todayOf(ctx.actor));
      // The saved cells packed like a page's (domain/journal-cells.ts); the outbox unpacks them.
      return result.status === 'saved' ? { ...result, cells: packCells(result.cells) } : result;
    }),
  undo: procedure
    .requires('journal.edit')
    .input(z.object({ assignmentId: id }))
    .mutation(({ ctx, input }) => undoLastBatch(ctx.db, ctx.actor, input.assignmentId)),
  history: procedure
    .requires('journal.read')
    .input(
      z.object({
        assignmentId: id,
        studentId: id,
        lessonId: id.optional(),
        field: z.enum(ATTESTATION_FIELDS).optional(),
      }),
    )
    .query(({ ctx, input }) => cellHistory(ctx.db, ctx.actor, input)),
  createLesson: procedure
    .requires('journal.edit')
    .input(createLessonInput)
    .mutation(({ ctx, input }) => createLesson(ctx.db, ctx.actor, input)),
  updateLesson: procedure
    .requires('journal.edit')
    .input(updateLessonInput)
    .mutation(({ ctx, input }) => updateLesson(ctx.db, ctx.actor, input)),
  deleteLesson: procedure
    .requires('journal.edit')
    .input(deleteLessonInput)
    .mutation(({ ctx, input }) => deleteLesson(ctx.db, ctx.actor, input)),
  grants: procedure
    .requires('journal.read')
    .input(z.object({ assignmentId: id }))
    .query(({ ctx, input }) => listGrants(ctx.db, ctx.actor, input.assignmentId)),
  grantEdit: procedure
    .requires('journal.unlock')
    .input(grantInput)
    .mutation(({ ctx, input }) => grantEdit(ctx.db, ctx.actor, input)),
  revokeGrant: procedure
    .requires('journal.unlock')
    .input(z.object({ assignmentId: id, grantId: id }))
    .mutation(({ ctx, input }) => revokeGrant(ctx.db, ctx.actor, input)),
  /** The journal's КТП (issue #11, item 7): read with the journal, edited by its teacher. */
  ktp: procedure
    .requires('journal.read')
    .input(ktpInput)
    .query(({ ctx, input }) => loadKtp(ctx.db, ctx.actor, input.assignmentId)),
  saveKtp: procedure
    .requires('journal.edit')
    .input(saveKtpInput)
    .mutation(({ ctx, input }) => saveKtp(ctx.db, ctx.actor, input)),
  importKtp: procedure
    .requires('journal.edit')
    .input(importKtpInput)
    .mutation(({ ctx, input }) => importKtp(ctx.db, ctx.actor, input)),
  copyKtp: procedure
    .requires('journal.edit')
    .input(copyKtpInput)
    .mutation(({ ctx, input }) => copyKtp(ctx.db, ctx.actor, input)),
});
