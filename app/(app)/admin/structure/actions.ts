'use server';

import { formAction } from '@/server/actions/form-action';
import {
  departmentInput,
  groupInput,
  saveDepartment,
  saveGroup,
  saveSpecialty,
  specialtyInput,
} from '@/server/services/college/structure-edit';

/** A department of the college: new (no `id`) or renamed. */
export const saveDepartmentAction = formAction
  .requires('structure.manage')
  .input(departmentInput)
  .handle(async ({ db, actor, input }) => {
    const saved = await saveDepartment(db, actor, input);
    return `Отделение «${saved.name}» сохранено`;
  });

/** A specialty (ФГОС code, name, qualification, duration): new or changed. */
export const saveSpecialtyAction = formAction
  .requires('structure.manage')
  .input(specialtyInput)
  .handle(async ({ db, actor, input }) => {
    const saved = await saveSpecialty(db, actor, input);
    return `Специальность ${saved.code} сохранена`;
  });

/** A study group with its specialty, department, course and curator (who gets the curator's role). */
export const saveGroupAction = formAction
  .requires('structure.manage')
  .input(groupInput)
  .handle(async ({ db, actor, input }) => {
    const saved = await saveGroup(db, actor, input);
    return `Группа ${saved.name} сохранена`;
  });
