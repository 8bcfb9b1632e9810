import type { AnyRole } from '../../domain/roles';

/**
 * THE permission table: which roles may do what. Scope (which records) is decided apart, in `scope.ts`.
 * Read it as a matrix: a permission, then the roles that have it.
 */
export const PERMISSIONS = {
  /** Own home page and profile. */
  'home.view': ['admin', 'head', 'methodist', 'curator', 'teacher', 'student', 'parent', 'inspector', 'regional'],
  /** Change one's own password. */
  'account.self': ['admin', 'head', 'methodist', 'curator', 'teacher', 'student', 'parent', 'inspector', 'regional'],
  /** The region: institutions and their first administrators (no college's data). */
  'institutions.manage': ['regional'],
  /**
   * The region's view (issue #27, item 3): each college's aggregates — успеваемость, качество, СОУ, journal-keeping flags,
   * hours — and no person's data. The regional administrator: every college of the deployment; an inspector (органы
   * управления образованием): the colleges of the inspector's grants (`institutionScope`).
   */
  'region.indicators': ['regional', 'inspector'],
  /** Departments, specialties, groups with counts. */
  'structure.read': ['admin', 'head', 'methodist', 'inspector'],
  'structure.manage': ['admin'],
  /** The staff list: deactivate, reactivate, reset a password. */
  'staff.manage': ['admin'],
  /** Open and close academic years, lock and unlock terms. */
  'year.manage': ['admin'],
  /** Transfer from course to course, enrolment, movement between groups, leave, expulsion — by the director's order. */
  'contingent.manage': ['admin'],
  /** A curator proposes a movement of a student of the own group; the administrator orders it (regulation §5.5). */
  'contingent.propose': ['curator'],
  /** The list of movement proposals: the administrator's to decide, a curator's own. */
  'contingent.proposals': ['admin', 'curator'],
  /** Divide a group into subgroups for a term (regulation §5.3: the head of department with the curator). */
  'subgroups.manage': ['admin', 'head', 'curator'],
  /** Issue logins and one-time passwords to the students and parents of a group (regulation §4.2). */
  'access.issue': ['admin', 'curator'],
  /** Curricula (учебные планы) of the specialties in scope: read, and edit / import (regulation §5.3: the head). */
  'curriculum.read': ['admin', 'head', 'methodist', 'inspector'],
  'curriculum.manage': ['admin', 'head'],
  /** Teaching load (нагрузка): the term's journals from the curricula, teachers assigned to them. */
  'load.manage': ['admin', 'head'],
  /** The timetable's frame: bells and rooms (regulation §5.4: the methodist builds the timetable). */
  'timetable.manage': ['methodist'],
  /**
   * The weekly timetable: place, move and remove lessons (regulation §5.4: the methodist builds and corrects it for
   * the college; the head of department corrects the department's groups).
   */
  'timetable.place': ['methodist', 'head'],
  /** Publish the timetable's drafts to teachers, students and parents (regulation §5.4: the methodist). */
  'timetable.publish': ['methodist'],
  /** One's own published timetable: a teacher's lessons, a student's, a parent's children's (issue #11, item 4). */
  'timetable.own': ['teacher', 'student', 'parent'],
  /** Import a group's student list from XLSX/CSV (the curator of the group, the administrator). */
  'students.import': ['admin', 'curator'],
  /** Student lists of groups (personal data). */
  'people.read': ['admin', 'head', 'methodist', 'curator', 'inspector'],
  'people.manage': ['admin', 'curator'],
  /** Journal pages: teaching assignments with lessons and marks. */
  'journal.read': ['admin', 'head', 'methodist', 'curator', 'teacher', 'inspector'],
  /** Only the teacher of the page edits it; the administration reads it and may open a closed one to its teacher. */
  'journal.edit': ['teacher'],
  /** Open a journal of a closed term for a limited time, with a reason. */
  'journal.unlock': ['admin', 'head'],
  /** «Распечатка классного журнала» of one journal one reads (regulation §6.2): a teacher prints their own. */
  'reports.print': ['admin', 'head', 'methodist', 'curator', 'teacher', 'inspector'],
  /**
   * A group's reports: the printed journal of all subjects, the consolidated sheet (regulation §6.2: the methodist prints
   * them for all groups; the curator reports on request, §5.5; the head of department controls the department).
   */
  'reports.group': ['admin', 'head', 'methodist', 'curator', 'inspector'],
  /** Background jobs over the whole college: the printed journals of every group (regulation §6.2: the methodist). */
  'reports.collegeJobs': ['admin', 'methodist'],
  /**
   * «Табель успеваемости» of a student: for the parent (one's child) and the student (oneself); the curator, the head of
   * department and the administration for the students in their scope.
   */
  'reports.card': ['admin', 'head', 'methodist', 'curator', 'inspector', 'student', 'parent'],
  /** Certify a printed journal (regulation §6.2: the head of department signs the copy, name in full). */
  'reports.certifyJournal': ['admin', 'head'],
  /** Certify a consolidated sheet (regulation §6.4: the director; the administrator acts for the director here). */
  'reports.certifySheet': ['admin'],
  /** Hours delivered against the plan («вычитка часов», §5.4): the college, a department, a teacher's own. */
  'hours.read': ['head', 'methodist', 'teacher', 'inspector'],
  /** A student's own marks, a parent's children's marks. */
  'family.read': ['student', 'parent'],
  /**
   * A student's consent to a parent's access (152-ФЗ art. 9; issue #13, item 6): from 18 a parent sees the student's
   * journal only with it. Only the student gives and withdraws it, for the parents linked to the own record; nobody
   * else — not the parent, not the college — decides it.
   */
  'family.consent': ['student'],
  /** The retention of the journal: destroy a year's journal data after its 5 years (regulation §6.1, §6.5). */
  'retention.manage': ['admin'],
  /**
   * Monitoring of journal keeping and remarks to teachers (regulation §5.2: the administrator monthly; §5.3: the head
   * of department monthly, the department's journals; §5.4: the methodist at least every two weeks).
   */
  'control.monitor': ['admin', 'head', 'methodist'],
  /** Users' activity: who has not signed in or entered anything lately (regulation §5.2: the administrator). */
  'control.activity': ['admin'],
  /** The notice board: everyone reads the posts that reach them (issue #13, item 3). */
  'notices.read': ['admin', 'head', 'methodist', 'curator', 'teacher', 'student', 'parent', 'inspector'],
  /** Post on the board: the administrator and the methodist to the college, a head of department to the department. */
  'notices.post': ['admin', 'head', 'methodist'],
  /** One's own remarks: see them, mark them fixed (regulation §5.6: the teacher fixes the remarks). */
  'control.ownRemarks': ['teacher'],
  /** Sign-in log and other security records. */
  'audit.read': ['admin'],
} as const satisfies Record<string, readonly AnyRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function roleHas(role: AnyRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly AnyRole[]).includes(role);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && value in PERMISSIONS;
}
