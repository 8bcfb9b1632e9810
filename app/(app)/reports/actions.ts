'use server';

import { formAction } from '@/server/actions/form-action';
import { countOf, NOUNS } from '@/domain/plural';
import { databaseOf } from '@/db/client';
import { jobQueue } from '@/server/jobs/queue';
import { certifyCopy, certifyInput } from '@/server/reports/certify';
import { collegePrintoutsInput, startCollegePrintouts } from '@/server/reports/jobs';
import { renderOffThread } from '@/server/reports/render/off-thread';

const input = certifyInput.pick({ query: true });

/** The head of department certifies «Распечатка классного журнала» with the parameters of the download link. */
export const certifyJournalAction = formAction
  .requires('reports.certifyJournal')
  .input(input)
  .handle(async ({ db, actor, input }) => {
    const copy = await certifyCopy(db, actor, { kind: 'journal', query: input.query }, { render: renderOffThread });
    return `Копия заверена: ${copy.title}. Код проверки ${copy.code}`;
  });

/** The director certifies «Сводная ведомость учета успеваемости». */
export const certifySheetAction = formAction
  .requires('reports.certifySheet')
  .input(input)
  .handle(async ({ db, actor, input }) => {
    const copy = await certifyCopy(db, actor, { kind: 'consolidated', query: input.query });
    return `Ведомость заверена: ${copy.title}. Код проверки ${copy.code}`;
  });

/**
 * The methodist starts «Все группы»: the printed journals of every group of the college for a term, made in the
 * background (or joins the same job already running).
 */
export const startCollegePrintoutsAction = formAction
  .requires('reports.collegeJobs')
  .input(collegePrintoutsInput)
  .handle(async ({ db, actor, input }) => {
    const queue = await jobQueue(databaseOf(db));
    const job = await startCollegePrintouts(db, queue, actor, input);
    return job.joined
      ? `Такая печать уже идёт (${countOf(job.groups, NOUNS.group)}): показан её ход`
      : `Печать начата: ${countOf(job.groups, NOUNS.group)}`;
  });
