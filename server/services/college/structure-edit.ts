/**
 * The college's structure kept by the administrator (regulation §5.2): departments, specialties, groups (name,
 * specialty, course, admission year, department, curator). Unique names are checked with a message naming the field.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { departments, groups, specialties, userRoles, users } from '../../../db/schema';
import { shortName } from '../../../domain/names';
import type { Role } from '../../../domain/roles';

/** The roles of a college's staff (not its students, parents or outside inspectors). */
const STAFF_ROLES: Role[] = ['admin', 'head', 'methodist', 'curator', 'teacher'];
import type { Actor } from '../../policy/actor';
import { logAdminChange } from '../admin-log';
import { badInput, institutionOf, outOfScope } from '../refusals';
import { idSchema as id } from '../../../domain/ids';

export const departmentInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(3, 'Название отделения: не короче 3 знаков').max(200),
});
export const specialtyInput = z.object({
  id: id.optional(),
  code: z
    .string()
    .trim()
    .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'Код специальности: в виде 09.02.07'),
  name: z.string().trim().min(3, 'Наименование специальности: заполните').max(300),
  qualification: z.string().trim().min(2, 'Квалификация: заполните').max(200),
  durationMonths: z
    .number({ error: 'Срок обучения: укажите число месяцев' })
    .int('Срок обучения: целое число месяцев')
    .min(10, 'Срок обучения: не меньше 10 месяцев')
    .max(60, 'Срок обучения: не больше 60 месяцев'),
});
export const groupInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(2, 'Название группы: заполните').max(30, 'Название группы: не длиннее 30 знаков'),
  specialtyId: id,
  departmentId: id,
  course: z
    .number({ error: 'Курс: укажите число от 1 до 6' })
    .int()
    .min(1, 'Курс: от 1 до 6')
    .max(6, 'Курс: от 1 до 6'),
  admissionYear: z
    .number({ error: 'Год набора: укажите год' })
    .int()
    .min(2000, 'Год набора: не раньше 2000')
    .max(2100, 'Год набора: не позже 2100'),
  studyForm: z.enum(['очная', 'очно-заочная', 'заочная']),
  curatorUserId: id.nullable(),
});

export async function structureOptions(db: Db, actor: Actor) {
  const institutionId = institutionOf(actor, 'structure.manage');
  const [deps, specs, grps, teachers] = await Promise.all([
    db.select().from(departments).where(eq(departments.institutionId, institutionId)).orderBy(asc(departments.name)),
    db.select().from(specialties).where(eq(specialties.institutionId, institutionId)).orderBy(asc(specialties.code)),
    db
      .select()
      .from(groups)
      .where(and(eq(groups.institutionId, institutionId), isNull(groups.graduatedOn)))
      .orderBy(asc(groups.course), asc(groups.name)),
    db
      .selectDistinct({
        id: users.id,
        lastName: users.lastName,
        firstName: users.firstName,
        middleName: users.middleName,
      })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      // Who may be a curator: the college's active staff. Not only holders of the teacher role — a curator without it
      // (as in the demo college) must stay in the list, or saving the group unchanged would drop her.
      .where(
        and(eq(userRoles.institutionId, institutionId), inArray(userRoles.role, STAFF_ROLES), eq(users.isActive, true)),
      )
      .orderBy(asc(users.lastName)),
  ]);
  return {
    departments: deps.map((d) => ({ id: d.id, name: d.name })),
    specialties: specs.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      qualification: s.qualification,
      durationMonths: s.durationMonths,
    })),
    groups: grps.map((g) => ({
      id: g.id,
      name: g.name,
      specialtyId: g.specialtyId,
      departmentId: g.departmentId,
      course: g.course,
      admissionYear: g.admissionYear,
      studyForm: g.studyForm,
      curatorUserId: g.curatorUserId,
    })),
    teachers: teachers.map((t) => ({ id: t.id, name: shortName(t) })),
  };
}

export async function saveDepartment(db: Db, actor: Actor, input: z.infer<typeof departmentInput>) {
  const institutionId = institutionOf(actor, 'structure.manage');
  const [same] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(
      and(
        eq(departments.institutionId, institutionId),
        sql`lower(${departments.name}) = lower(${input.name})`,
        input.id ? ne(departments.id, input.id) : undefined,
      ),
    );
  if (same) throw badInput(`Название отделения: «${input.name}» уже есть`);
  return inTransaction(db, async (tx) => {
    let saved;
    if (input.id) {
      [saved] = await tx
        .update(departments)
        .set({ name: input.name })
        .where(and(eq(departments.institutionId, institutionId), eq(departments.id, input.id)))
        .returning();
    } else {
      [saved] = await tx.insert(departments).values({ institutionId, name: input.name }).returning();
    }
    if (!saved) throw outOfScope();
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'department',
      input.id ? { id: input.id } : null,
      saved,
      input.id ? 'Изменение отделения' : 'Новое отделение',
    );
    return saved;
  });
}

export async function saveSpecialty(db: Db, actor: Actor, input: z.infer<typeof specialtyInput>) {
  const institutionId = institutionOf(actor, 'structure.manage');
  const [same] = await db
    .select({ id: specialties.id })
    .from(specialties)
    .where(
      and(
        eq(specialties.institutionId, institutionId),
        eq(specialties.code, input.code),
        input.id ? ne(specialties.id, input.id) : undefined,
      ),
    );
  if (same) throw badInput(`Код специальности: ${input.code} уже есть`);
  const { id: specialtyId, ...values } = input;
  return inTransaction(db, async (tx) => {
    let saved;
    if (specialtyId) {
      [saved] = await tx
        .update(specialties)
        .set(values)
        .where(and(eq(specialties.institutionId, institutionId), eq(specialties.id, specialtyId)))
        .returning();
    } else {
      [saved] = await tx
        .insert(specialties)
        .values({ institutionId, ...values })
        .returning();
    }
    if (!saved) throw outOfScope();
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'specialty',
      specialtyId ? { id: specialtyId } : null,
      saved,
      specialtyId ? 'Изменение специальности' : 'Новая специальность',
    );
    return saved;
  });
}

export async function saveGroup(db: Db, actor: Actor, input: z.infer<typeof groupInput>) {
  const institutionId = institutionOf(actor, 'structure.manage');
  const options = await structureOptions(db, actor);
  if (!options.specialties.some((s) => s.id === input.specialtyId))
    throw badInput('Специальность: выберите специальность колледжа');
  if (!options.departments.some((d) => d.id === input.departmentId))
    throw badInput('Отделение: выберите отделение колледжа');
  if (input.curatorUserId !== null && !options.teachers.some((t) => t.id === input.curatorUserId))
    throw badInput('Куратор: выберите действующего сотрудника колледжа');
  const [same] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(
      and(
        eq(groups.institutionId, institutionId),
        eq(groups.name, input.name),
        eq(groups.admissionYear, input.admissionYear),
        input.id ? ne(groups.id, input.id) : undefined,
      ),
    );
  if (same) throw badInput(`Название группы: ${input.name} набора ${input.admissionYear} г. уже есть`);
  const { id: groupId, ...values } = input;
  return inTransaction(db, async (tx) => {
    let saved;
    if (groupId) {
      [saved] = await tx
        .update(groups)
        .set(values)
        .where(and(eq(groups.institutionId, institutionId), eq(groups.id, groupId), isNull(groups.graduatedOn)))
        .returning();
    } else {
      [saved] = await tx
        .insert(groups)
        .values({ institutionId, ...values })
        .returning();
    }
    if (!saved) throw outOfScope();
    // The curator's role follows the group's curator.
    await tx
      .delete(userRoles)
      .where(
        and(eq(userRoles.institutionId, institutionId), eq(userRoles.role, 'curator'), eq(userRoles.groupId, saved.id)),
      );
    if (input.curatorUserId !== null)
      await tx
        .insert(userRoles)
        .values({ institutionId, userId: input.curatorUserId, role: 'curator', groupId: saved.id });
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'group',
      groupId ? { id: groupId } : null,
      saved,
      groupId ? 'Изменение группы' : 'Новая группа',
    );
    return saved;
  });
}
