/**
 * The family portal (issue #13, item 5): what a student, or a parent of one of their children, reads about that
 * student for a term — per subject the grades with dates and lesson kinds, the topics and homework, missed hours
 * (valid / not), the plain and weighted averages and the progress to the regulation's 5 grades (§5.6), the semester
 * mark and the attestation result — nothing about other students. Scope: `reports.card` through `studentScope`, so a
 * parent's access to an adult student follows the student's consent (server/policy/actor.ts).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows, type Db } from '../../../db/client';
import type { IsoDate } from '../../../domain/dates';
import { idSchema } from '../../../domain/ids';
import { MIN_GRADES_PER_TERM } from '../../../domain/journal-stats';
import { lessonKindLabel } from '../../../domain/lesson-kinds';
import type { CardRow, CardTotals } from '../../../domain/report-card';
import { todayOf, type Actor } from '../../policy/actor';
import { loadReportCard } from '../../reports/report-card';

export const familyPortalInput = z.object({ studentId: idSchema, termId: idSchema.optional() });

export interface PortalLesson {
  date: IsoDate;
  kind: string;
  topic: string | null;
  homework: string | null;
  attendance: string | null;
  grades: string[];
}

export interface PortalSubject extends CardRow {
  teacher: string | null;
  /** Grades still wanted for the term's 5 (0 when there are enough). */
  gradesToGo: number;
  /** Lessons that have come, newest first. */
  lessons: PortalLesson[];
}

export interface FamilyPortal {
  student: string;
  group: string;
  term: { id: number; name: string; startsOn: IsoDate; endsOn: IsoDate };
  terms: { id: number; name: string }[];
  curator: string | null;
  subjects: PortalSubject[];
  totals: CardTotals;
  today: IsoDate;
}

export async function familyPortal(
  db: Db,
  actor: Actor,
  input: z.infer<typeof familyPortalInput>,
): Promise<FamilyPortal> {
  const card = await loadReportCard(db, actor, { studentId: input.studentId, termId: input.termId, period: 'term' });
  const today = todayOf(actor);
  const rows = card.terms.flatMap((t) => t.rows);
  const ids = rows.map((r) => r.assignmentId);
  const list = ids.length
    ? sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )
    : sql`null`;
  const details = await queryRows<{
    assignment_id: number;
    date: string;
    kind: string;
    topic: string | null;
    homework: string | null;
    attendance: string | null;
    grade1: string | null;
    grade2: string | null;
    teacher: string | null;
  }>(
    db,
    sql`select l.teaching_assignment_id as assignment_id, l.date::text as date, l.kind, l.topic, l.homework,
          c.attendance, c.grade1, c.grade2,
          (select u.last_name || ' ' || left(u.first_name, 1) || '.' || coalesce(' ' || left(u.middle_name, 1) || '.', '')
             from teaching_assignments ta join users u on u.id = ta.teacher_user_id
            where ta.institution_id = l.institution_id and ta.id = l.teaching_assignment_id) as teacher
        from lessons l
        left join journal_cells c on c.institution_id = l.institution_id and c.lesson_id = l.id and c.student_id = ${input.studentId}
        where l.institution_id = ${card.header.institutionId} and l.teaching_assignment_id in (${list}) and l.date <= ${today}
        order by l.date desc, l.pair_no desc nulls last, l.id desc`,
  );
  const subjects = rows.map((r): PortalSubject => {
    const own = details.filter((d) => d.assignment_id === r.assignmentId);
    return {
      ...r,
      teacher: own[0]?.teacher ?? null,
      gradesToGo: Math.max(0, MIN_GRADES_PER_TERM - r.gradeCount),
      lessons: own.map((d) => ({
        date: d.date.slice(0, 10),
        kind: lessonKindLabel(d.kind),
        topic: d.topic,
        homework: d.homework,
        attendance: d.attendance,
        grades: [d.grade1, d.grade2].filter((g): g is string => g !== null),
      })),
    };
  });
  return {
    student: card.student,
    group: card.header.group.name,
    term: {
      id: card.header.term.id,
      name: card.header.term.name,
      startsOn: card.header.term.startsOn,
      endsOn: card.header.term.endsOn,
    },
    terms: card.header.terms.map((t) => ({ id: t.id, name: t.name })),
    curator: card.header.group.curator,
    subjects,
    totals: card.totals,
    today,
  };
}
