'use server';

import { formAction } from '@/server/actions/form-action';
import { certifyCopy, certifyInput } from '@/server/reports/certify';

const input = certifyInput.pick({ query: true });

/** The head of department certifies «Распечатка классного журнала» with the parameters of the download link. */
export const certifyJournalAction = formAction
  .requires('reports.certifyJournal')
  .input(input)
  .handle(async ({ db, actor, input }) => {
    const copy = await certifyCopy(db, actor, { kind: 'journal', query: input.query });
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
