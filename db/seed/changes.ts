/**
 * The demo college's dated timetable changes (issue #29, item 1): the week of the demo's date and the week after it
 * each hold a cancelled lesson of the demo teacher and a substitution — in the first week the demo teacher takes
 * another teacher's lesson (so «Мои журналы» shows the journal she substituted in, and she fills that lesson), in the
 * second another teacher takes hers — published, so that the teachers', students' and parents' weeks and the
 * methodist's list show changes at work.
 */
import { addDays, isoWeekday } from '../../domain/dates';
import { templateKey } from '../../domain/timetable-changes';
import { weekParity } from '../../domain/timetable';
import { YEAR } from './calendar';
import type { AssignmentPlan, Row } from './plan';

interface DemoChange {
  /** cancel — the demo teacher's lesson; takeOver — she teaches another's; handOver — another teaches hers. */
  kind: 'cancel' | 'takeOver' | 'handOver';
  /** Days after the Monday of the demo date's week. */
  day: number;
  reason: string;
}

/** One pair's reasons: the teacher taught the day's other pairs. */
const DEMO_CHANGES: DemoChange[] = [
  { kind: 'cancel', day: 2, reason: 'Группа на профилактическом медосмотре' },
  { kind: 'takeOver', day: 3, reason: 'Основной преподаватель в аттестационной комиссии' },
  { kind: 'cancel', day: 10, reason: 'Аудитория занята под олимпиаду' },
  { kind: 'handOver', day: 11, reason: 'Основной преподаватель на заседании методического объединения' },
];

/**
 * Change rows on `teacherId`'s days among `entries`: on each change's day, the teacher's first lesson that day (cancel,
 * handOver) or the first lesson of another teacher at a pair she is free (takeOver); a substitute of hers is a teacher
 * of the term with no lesson at that pair. Returns the rows with ids from `firstId` and the publications they are
 * published in (one a week, on the Friday before it, by `methodistId`).
 */
export function demoChanges(options: {
  asOf: string;
  entries: readonly Row[];
  assignments: readonly AssignmentPlan[];
  teacherId: number;
  methodistId: number;
  institutionId: number;
  /** The term of the demo's date. */
  termId: number;
  utcOffset: string;
  /** «ИС-21, Операционные системы и среды» — as a publication's line names a journal. */
  journalName: (assignmentId: number) => string;
  /** «Петрова А. Н.» */
  teacherName: (userId: number) => string;
  firstId: number;
  firstPublicationId: number;
}): { changes: Row[]; publications: Row[] } {
  const { asOf, entries, assignments, teacherId, institutionId } = options;
  const monday = addDays(asOf, 1 - isoWeekday(asOf));
  const byId = new Map(assignments.map((a) => [a.id, a]));
  const changes: Row[] = [];
  const publications: Row[] = [];
  let id = options.firstId - 1;
  for (const change of DEMO_CHANGES) {
    const date = addDays(monday, change.day);
    const parity = weekParity(date, YEAR.startsOn);
    const lessonsThatDay = entries
      .filter((e) => Number(e.weekday) === isoWeekday(date) && (e.parity === 'every' || e.parity === parity))
      .filter((e) => byId.get(Number(e.teaching_assignment_id))?.termId === options.termId);
    const teacherOf = (e: Row) => byId.get(Number(e.teaching_assignment_id))!.teacherUserId;
    const busyAt = (pair: unknown) =>
      new Set(lessonsThatDay.filter((e) => Number(e.pair_no) === Number(pair)).map(teacherOf));
    const byPair = [...lessonsThatDay].sort(
      (a, b) => Number(a.pair_no) - Number(b.pair_no) || Number(a.id) - Number(b.id),
    );
    const target =
      change.kind === 'takeOver'
        ? byPair.find((e) => teacherOf(e) !== teacherId && !busyAt(e.pair_no).has(teacherId))
        : byPair.find((e) => teacherOf(e) === teacherId);
    if (!target) continue;
    let substitute: number | null = null;
    if (change.kind === 'takeOver') substitute = teacherId;
    if (change.kind === 'handOver') {
      const own = byId.get(Number(target.teaching_assignment_id))!;
      const busy = busyAt(target.pair_no);
      const candidates = assignments
        .filter((a) => a.termId === own.termId && !busy.has(a.teacherUserId))
        .sort((a, b) => Number(b.groupId === own.groupId) - Number(a.groupId === own.groupId) || a.id - b.id);
      substitute = candidates[0]?.teacherUserId ?? null;
      if (substitute === null) continue;
    }
    const week = change.day < 7 ? 0 : 1;
    const publicationId = options.firstPublicationId + week;
    let publication = publications.find((p) => p.id === publicationId);
    if (!publication) {
      publication = {
        institution_id: institutionId,
        id: publicationId,
        published_by: options.methodistId,
        published_at: `${addDays(monday, 7 * week - 3)}T15:00:00${options.utcOffset}`,
        summary: [],
      };
      publications.push(publication);
    }
    const assignmentId = Number(target.teaching_assignment_id);
    const what = options.journalName(assignmentId);
    (publication.summary as unknown[]).push({
      assignmentId,
      date,
      substituteId: substitute,
      text:
        change.kind === 'cancel'
          ? `${what} — занятие отменено (${change.reason})`
          : `${what} — замена: ведёт ${options.teacherName(substitute!)} (${change.reason})`,
    });
    changes.push({
      institution_id: institutionId,
      id: ++id,
      kind: change.kind === 'cancel' ? 'cancel' : 'substitute',
      teaching_assignment_id: assignmentId,
      target_key: templateKey(Number(target.id), date),
      substitute_user_id: substitute,
      reason: change.reason,
      created_by: options.methodistId,
      created_at: `${addDays(monday, 7 * week - 3)}T14:00:00${options.utcOffset}`,
      publication_id: publicationId,
    });
  }
  return { changes, publications };
}
