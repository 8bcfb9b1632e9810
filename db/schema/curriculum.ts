import { foreignKey, index, integer, numeric, pgTable, primaryKey, smallint, text, unique } from 'drizzle-orm/pg-core';
import { groups, specialties, terms } from './core';
import { subgroups, users } from './people';

/** A curriculum (РУП) of a specialty for one admission year. */
export const curricula = pgTable(
  'curricula',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    specialtyId: integer().notNull(),
    admissionYear: smallint().notNull(),
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.institutionId, t.specialtyId, t.admissionYear),
    foreignKey({
      columns: [t.institutionId, t.specialtyId],
      foreignColumns: [specialties.institutionId, specialties.id],
    }),
  ],
);

/** A plan line: ОУД.01, ОГСЭ.03, ЕН.01, ОП.05, ПМ.01 with МДК.01.01 / УП.01 / ПП.01 nested in it (`parentId`). */
export const curriculumItems = pgTable(
  'curriculum_items',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    curriculumId: integer().notNull(),
    parentId: integer(),
    cycle: text().notNull(), // ОУД, СГ, ОГСЭ, ЕН, ОП, ПМ
    kind: text().notNull(), // discipline | module | mdk | up | pp
    code: text().notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    sortOrder: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    unique().on(t.institutionId, t.curriculumId, t.code),
    foreignKey({ columns: [t.institutionId, t.curriculumId], foreignColumns: [curricula.institutionId, curricula.id] }),
  ],
);

/** Hours and form of attestation of a plan line in one semester (1…8, counted from admission). */
export const curriculumItemTerms = pgTable(
  'curriculum_item_terms',
  {
    institutionId: integer().notNull(),
    curriculumItemId: integer().notNull(),
    semester: smallint().notNull(),
    hoursTotal: smallint().notNull(),
    hoursTheory: smallint().notNull().default(0),
    hoursPractice: smallint().notNull().default(0),
    hoursLab: smallint().notNull().default(0),
    hoursSelfStudy: smallint().notNull().default(0),
    /** Э, ДЗ, З, КП, ЭК (квалификационный), or null when the term ends with a semester mark only. */
    attestationForm: text(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.curriculumItemId, t.semester] }),
    foreignKey({
      columns: [t.institutionId, t.curriculumItemId],
      foreignColumns: [curriculumItems.institutionId, curriculumItems.id],
    }),
  ],
);

/** Нагрузка: teacher × group (or subgroup) × curriculum item × term. One journal page. */
export const teachingAssignments = pgTable(
  'teaching_assignments',
  {
    institutionId: integer().notNull(),
    id: integer().generatedByDefaultAsIdentity(),
    termId: integer().notNull(),
    groupId: integer().notNull(),
    subgroupId: integer(),
    curriculumItemId: integer().notNull(),
    /** Null until the load is distributed: a journal made from the curriculum, waiting for its teacher. */
    teacherUserId: integer().references(() => users.id),
    plannedHours: smallint().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.id] }),
    foreignKey({ columns: [t.institutionId, t.termId], foreignColumns: [terms.institutionId, terms.id] }),
    foreignKey({ columns: [t.institutionId, t.groupId], foreignColumns: [groups.institutionId, groups.id] }),
    foreignKey({ columns: [t.institutionId, t.subgroupId], foreignColumns: [subgroups.institutionId, subgroups.id] }),
    foreignKey({
      columns: [t.institutionId, t.curriculumItemId],
      foreignColumns: [curriculumItems.institutionId, curriculumItems.id],
    }),
    index().on(t.teacherUserId),
    index().on(t.institutionId, t.groupId, t.termId),
  ],
);

/** Weight of a grade by kind of lesson, per institution (default 1). */
export const lessonKinds = pgTable(
  'lesson_kinds',
  {
    institutionId: integer().notNull(),
    code: text().notNull(),
    label: text().notNull(),
    gradeWeight: numeric({ precision: 4, scale: 2 }).notNull().default('1'),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.code] })],
);
