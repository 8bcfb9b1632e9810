'use server';

import { formAction } from '@/server/actions/form-action';
import { enrolInput, enrolStudent } from '@/server/services/contingent/movement';

/** Enrolment of one student into a group by the director's order (regulation §5.2). */
export const enrolAction = formAction
  .requires('contingent.manage')
  .input(enrolInput)
  .handle(async ({ db, actor, input }) => {
    const { groupName } = await enrolStudent(db, actor, input);
    return `${input.lastName} ${input.firstName}: зачислен(а) в группу ${groupName}`;
  });
