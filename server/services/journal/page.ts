import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../db/client';
import { attestationColumns, type AttestationColumn } from '../../../domain/attestation';
import type { KtpRow } from '../../../domain/ktp';
import { LESSON_KINDS } from '../../../domain/lesson-kinds';
import { shortName } from '../../../domain/names';
import type { AttendanceCodeDef } from '../../../domain/marks';
import type { Actor } from '../../policy/actor';
import { editAccess, loadAssignment, type AssignmentContext, type EditAccess } from './context';
import { loadRoster, type RosterStudent } from './roster';

export interface JournalLesson {
  id: number;
  date: string;
  pairNo: number | null;
  hours: number;
  kind: string;
  topic: string | null;
  homework: string | null;
  /** Made from (or matched to) a lesson of the published timetable; false: added by hand. */
  fromTimetable: boolean;
  /** The substitute who taught it (user id), or null: the journal's teacher. */
  taughtBy: number | null;
  /** «Петров П. П.» for `taughtBy`. */
  taughtByName: string | null;
}

import type { JournalCell } from '../../../domain/journal-cells';
export type { JournalCell };

export interface JournalAttestation {
  studentId: number;
  field: string;
  value: string;
  version: number;
}

export interface JournalPage {
  assignment: AssignmentContext;
  students: RosterStudent[];
  lessons: JournalLesson[];
  cells: JournalCell[];
  attestationColumns: AttestationColumn[];
  attestation: JournalAttestation[];
  attendanceCodes: AttendanceCodeDef[];
  lessonKinds: { code: string; label: string; short: string; weight: number }[];
  /** The journal's КТП in order (empty without one): a new lesson proposes its next topic not yet taught. */
  ktp: KtpRow[];
  access: EditAccess & { canUnlock: boolean };
  viewerId: number;
  /** The college's day when the page was made; the browser moves it on at the college's midnight (`timeZone`). */
  today: string;
  /** IANA zone of the college: the browser computes «today» and shows times in it. */
  timeZone: string;
}

/** The page as `journal.page` sends it: the cells packed into one string (domain/journal-cells.ts). */
export type JournalPageWire = Omit<JournalPage, 'cells'> & { cells: string };

type CellTuple = [number, number, string | null, string | null, string | null, number];

/**
 * Everything the grid needs for one journal page, or null when the page is outside the actor's read scope.
 * After the scope check, one statement builds the whole page as JSON in PostgreSQL: one round trip, and one
 * JSON.parse instead of thousands of rows to decode (cells travel as compact arrays).
 */
export async function loadJournalPage(
  db: Db,
  actor: Actor,
  assignmentId: number,
  today: string,
): Promise<JournalPage | null> {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) return null;
  const inst = assignment.institutionId;
  const [[data], students, access] = await Promise.all([
    queryRows<{
      lessons: Omit<JournalLesson, 'taughtByName'>[] | null;
      substitutes: [number, string, string, string | null][] | null;
      cells: CellTuple[] | null;
      attestation: JournalAttestation[] | null;
      codes: AttendanceCodeDef[] | null;
      kinds: { code: string; label: string; weight: string }[] | null;
      ktp: KtpRow[] | null;
    }>(
      db,
      sql`select
        (select json_agg(json_build_object('id', l.id, 'date', l.date, 'pairNo', l.pair_no, 'hours', l.hours, 'kind', l.kind,
            'topic', l.topic, 'homework', l.homework, 'fromTimetable', l.timetable_key is not null, 'taughtBy', l.taught_by)
            order by l.date, l.pair_no, l.id)
          from lessons l where l.institution_id = ${inst} and l.teaching_assignment_id = ${assignmentId}) as lessons,
        (select json_agg(json_build_array(u.id, u.last_name, u.first_name, u.middle_name)) from users u
          where u.id in (select l.taught_by from lessons l where l.institution_id = ${inst}
            and l.teaching_assignment_id = ${assignmentId} and l.taught_by is not null)) as substitutes,
        (select json_agg(json_build_array(c.lesson_id, c.student_id, c.attendance, c.grade1, c.grade2, c.version) order by c.lesson_id, c.student_id)
          from journal_cells c join lessons l on l.institution_id = c.institution_id and l.id = c.lesson_id
          where l.institution_id = ${inst} and l.teaching_assignment_id = ${assignmentId}) as cells,
        (select json_agg(json_build_object('studentId', r.student_id, 'field', r.field, 'value', r.value, 'version', r.version) order by r.student_id, r.field)
          from attestation_results r where r.institution_id = ${inst} and r.teaching_assignment_id = ${assignmentId}) as attestation,
        (select json_agg(json_build_object('code', a.code, 'label', a.label, 'isAbsence', a.is_absence, 'isValid', a.is_valid) order by a.code)
          from attendance_codes a where a.institution_id = ${inst}) as codes,
        (select json_agg(json_build_object('code', k.code, 'label', k.label, 'weight', k.grade_weight))
          from lesson_kinds k where k.institution_id = ${inst}) as kinds,
        (select json_agg(json_build_object('section', p.section, 'title', p.title, 'hours', p.hours, 'kind', p.kind)
            order by p.position)
          from planned_topics p where p.institution_id = ${inst} and p.teaching_assignment_id = ${assignmentId}) as ktp`,
    ),
    loadRoster(db, assignment),
    editAccess(db, actor, assignment),
  ]);
  const parse = <T>(value: T | string | null | undefined): T | null =>
    typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
  const cells = (parse<CellTuple[]>(data?.cells) ?? []).map(
    ([lessonId, studentId, attendance, grade1, grade2, version]) => ({
      lessonId,
      studentId,
      attendance,
      grade1,
      grade2,
      version,
    }),
  );
  const substitutes = new Map(
    (parse<[number, string, string, string | null][]>(data?.substitutes) ?? []).map(
      ([id, lastName, firstName, middleName]) => [id, shortName({ lastName, firstName, middleName })],
    ),
  );
  const kinds = parse<{ code: string; label: string; weight: string }[]>(data?.kinds) ?? [];
  return {
    assignment,
    students,
    lessons: (parse<Omit<JournalLesson, 'taughtByName'>[]>(data?.lessons) ?? []).map((l) => ({
      ...l,
      taughtByName: l.taughtBy === null ? null : (substitutes.get(l.taughtBy) ?? null),
    })),
    cells,
    attestationColumns: attestationColumns(assignment.attestationForm),
    attestation: parse<JournalAttestation[]>(data?.attestation) ?? [],
    attendanceCodes: parse<AttendanceCodeDef[]>(data?.codes) ?? [],
    lessonKinds: LESSON_KINDS.map((k) => {
      const own = kinds.find((x) => x.code === k.code);
      return {
        code: k.code,
        label: own?.label ?? k.label,
        short: k.short,
        weight: own ? Number(own.weight) : k.weight,
      };
    }),
    ktp: parse<KtpRow[]>(data?.ktp) ?? [],
    access: { ...access, canUnlock: assignment.inUnlockScope },
    viewerId: actor.userId,
    today,
    timeZone: actor.timeZone,
  };
}
