import { z } from 'zod';
import { meOf } from '../services/me';
import { signInLog } from '../queries/audit';
import { endedChildren, familyStudents, recentMarks } from '../queries/family';
import { groupRoster, readableGroups } from '../queries/people';
import { structureOverview } from '../queries/structure';
import { cardViews, studentCard } from '../queries/student-card';
import { outOfScope, procedure, router } from '../trpc/init';
import { structureOptions } from '../services/college/structure-edit';
import { importStudents, importStudentsInput } from '../services/people/student-import';
import {
  findGuardian,
  findGuardianInput,
  linkGuardian,
  linkGuardianInput,
  unlinkGuardian,
  unlinkGuardianInput,
} from '../services/people/student-details';
import { consentOverview } from '../services/people/parent-consent';
import { familyPortal, familyPortalInput } from '../services/people/family-portal';
import { journalRouter } from './journal';
import { yearsRouter } from './years';
import { staffRouter } from './staff';
import { contingentRouter } from './contingent';
import { subgroupsRouter } from './subgroups';
import { accessRouter } from './access';
import { curriculumRouter } from './curriculum';
import { loadRouter } from './load';
import { timetableRouter } from './timetable';
import { reportsRouter } from './reports';
import { institutionsRouter } from './institutions';
import { regionRouter } from './region';
import { controlRouter } from './control';
import { todayOf } from '../policy/actor';
import { setOwnTimeZone, timeZoneInput } from '../services/college/institutions';
import { idSchema as id } from '../../domain/ids';

export const appRouter = router({
  me: router({
    get: procedure.requires('home.view').query(({ ctx }) => meOf(ctx.actor)),
  }),
  structure: router({
    overview: procedure
      .requires('structure.read')
      .query(({ ctx }) => structureOverview(ctx.db, ctx.actor, todayOf(ctx.actor))),
    options: procedure.requires('structure.manage').query(({ ctx }) => structureOptions(ctx.db, ctx.actor)),
    setTimeZone: procedure
      .requires('structure.manage')
      .input(timeZoneInput)
      .mutation(({ ctx, input }) => setOwnTimeZone(ctx.db, ctx.actor, input)),
  }),
  people: router({
    groups: procedure.requires('people.read').query(({ ctx }) => readableGroups(ctx.db, ctx.actor, todayOf(ctx.actor))),
    groupStudents: procedure
      .requires('people.read')
      .input(z.object({ groupId: id }))
      .query(
        async ({ ctx, input }) =>
          (await groupRoster(ctx.db, ctx.actor, input.groupId, todayOf(ctx.actor))) ?? Promise.reject(outOfScope()),
      ),
    findGuardian: procedure
      .requires('people.manage')
      .input(findGuardianInput)
      .query(({ ctx, input }) => findGuardian(ctx.db, ctx.actor, input)),
    linkGuardian: procedure
      .requires('people.manage')
      .input(linkGuardianInput)
      .mutation(({ ctx, input }) => linkGuardian(ctx.db, ctx.actor, input)),
    unlinkGuardian: procedure
      .requires('people.manage')
      .input(unlinkGuardianInput)
      .mutation(({ ctx, input }) => unlinkGuardian(ctx.db, ctx.actor, input)),
    importStudents: procedure
      .requires('students.import')
      .input(importStudentsInput)
      .mutation(({ ctx, input }) => importStudents(ctx.db, ctx.actor, input, todayOf(ctx.actor))),
    /** The full card; every view is logged (152-ФЗ). */
    studentCard: procedure
      .requires('people.read')
      .input(z.object({ studentId: id }))
      .query(
        async ({ ctx, input }) =>
          (await studentCard(ctx.db, ctx.actor, input.studentId, 'staff')) ?? Promise.reject(outOfScope()),
      ),
  }),
  journal: journalRouter,
  years: yearsRouter,
  staff: staffRouter,
  contingent: contingentRouter,
  subgroups: subgroupsRouter,
  access: accessRouter,
  curriculum: curriculumRouter,
  load: loadRouter,
  timetable: timetableRouter,
  reports: reportsRouter,
  institutions: institutionsRouter,
  region: regionRouter,
  control: controlRouter,
  family: router({
    students: procedure
      .requires('family.read', { reads: 'replica' })
      .query(({ ctx }) => familyStudents(ctx.db, ctx.actor, todayOf(ctx.actor))),
    recentMarks: procedure
      .requires('family.read', { reads: 'replica' })
      .input(z.object({ studentId: id, limit: z.number().int().min(1).max(100).default(20) }))
      .query(
        async ({ ctx, input }) =>
          (await recentMarks(ctx.db, ctx.actor, input.studentId, input.limit)) ?? Promise.reject(outOfScope()),
      ),
    /** The family portal of one student for a term (issue #13, item 5). */
    portal: procedure
      .requires('family.read', { reads: 'replica' })
      .input(familyPortalInput)
      .query(({ ctx, input }) => familyPortal(ctx.db, ctx.actor, input)),
    /** One's own card, or one's child's: the name and the groups, no other personal data. */
    studentCard: procedure
      .requires('family.read', { reads: 'replica' })
      .input(z.object({ studentId: id }))
      .query(
        async ({ ctx, input }) =>
          (await studentCard(ctx.db, ctx.actor, input.studentId, 'family')) ?? Promise.reject(outOfScope()),
      ),
    /** A parent's children of 18 and older without their consent: the name and why the access ended (152-ФЗ). */
    accessEnded: procedure
      .requires('family.read', { reads: 'replica' })
      .query(({ ctx }) => endedChildren(ctx.db, ctx.actor)),
    /** The student's parents with the consent to each one's access, and its history (the student's own page). */
    consents: procedure
      .requires('family.consent')
      .query(({ ctx }) => consentOverview(ctx.db, ctx.actor, todayOf(ctx.actor))),
  }),
  audit: router({
    signIns: procedure
      .requires('audit.read')
      .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
      .query(({ ctx, input }) => signInLog(ctx.db, ctx.actor, input?.limit ?? 100)),
    cardViews: procedure
      .requires('audit.read')
      .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).optional())
      .query(({ ctx, input }) => cardViews(ctx.db, ctx.actor, input?.limit ?? 100)),
  }),
});

export type AppRouter = typeof appRouter;
