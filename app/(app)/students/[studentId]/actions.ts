'use server';

import { formAction } from '@/server/actions/form-action';
import { contactsInput, updateContacts } from '@/server/services/people/student-details';

/** A student's phone and e-mail on the card (the curator of the group, or the administrator); blank clears. */
export const updateContactsAction = formAction
  .requires('people.manage')
  .input(contactsInput)
  .handle(async ({ db, actor, input }) => {
    await updateContacts(db, actor, input);
    return 'Контакты сохранены';
  });
