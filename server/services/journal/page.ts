import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { attendanceCodes, attestationResults, journalCells, lessonKinds, lessons } from '../../../db/schema';
import { attestationColumns, type AttestationColumn } from '../../../domain/attestation';
import { LESSON_KINDS } from '../../../domain/lesson-kinds';
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
}

export interface JournalCell {
  lessonId: number;
  studentId: number;
  attendance: string | null;
  grade1: string | null;
  grade2: string | null;
  version: number;
}

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
  access: EditAccess & { canUnlock: boolean };
  viewerId: number;
  today: string;
}

/** Everything the grid needs for one journal page, or null when the page is outside the actor's read scope. */
export async function loadJournalPage(db: Db, actor: Actor, assignmentId: number, today: string): Promise<JournalPage | null> {
  const assignment = await loadAssignment(db, actor, assignmentId, 'journal.read');
  if (!assignment) return null;
  const inst = assignment.institutionId;
  const [students, lessonRows, cells, attestation, codes, kinds, access] = await Promise.all([
    loadRoster(db, assignment),
    db
      .select({ id: lessons.id, date: lessons.date, pairNo: lessons.pairNo, hours: lessons.hours, kind: lessons.kind, topic: lessons.topic, homework: lessons.homework })
      .from(lessons)
      .where(and(eq(lessons.institutionId, inst), eq(lessons.teachingAssignmentId, assignmentId)))
      .orderBy(asc(lessons.date), asc(lessons.pairNo), asc(lessons.id)),
    db
      .select({
        lessonId: journalCells.lessonId,
        studentId: journalCells.studentId,
        attendance: journalCells.attendance,
        grade1: journalCells.grade1,
        grade2: journalCells.grade2,
        version: journalCells.version,
      })
      .from(journalCells)
      .innerJoin(lessons, and(eq(lessons.institutionId, journalCells.institutionId), eq(lessons.id, journalCells.lessonId)))
      .where(and(eq(lessons.institutionId, inst), eq(lessons.teachingAssignmentId, assignmentId))),
    db
      .select({ studentId: attestationResults.studentId, field: attestationResults.field, value: attestationResults.value, version: attestationResults.version })
      .from(attestationResults)
      .where(and(eq(attestationResults.institutionId, inst), eq(attestationResults.teachingAssignmentId, assignmentId))),
    db.select().from(attendanceCodes).where(eq(attendanceCodes.institutionId, inst)),
    db.select().from(lessonKinds).where(eq(lessonKinds.institutionId, inst)),
    editAccess(db, actor, assignment),
  ]);
  const canUnlock = (await loadAssignment(db, actor, assignmentId, 'journal.unlock')) !== null;
  return {
    assignment,
    students,
    lessons: lessonRows,
    cells,
    attestationColumns: attestationColumns(assignment.attestationForm),
    attestation,
    attendanceCodes: codes.map((c) => ({ code: c.code, label: c.label, isAbsence: c.isAbsence, isValid: c.isValid })),
    lessonKinds: LESSON_KINDS.map((k) => {
      const own = kinds.find((x) => x.code === k.code);
      return { code: k.code, label: own?.label ?? k.label, short: k.short, weight: own ? Number(own.gradeWeight) : k.weight };
    }),
    access: { ...access, canUnlock },
    viewerId: actor.userId,
    today,
  };
}
