/**
 * Lessons and journal cells of one group in one term, as a real journal looks: a weekly rhythm of pairs, topics in
 * programme order, tests every few weeks, grades that follow each student's level, absences that cluster in days and
 * in illnesses, practice in blocks at the end of the term.
 */
import { addDays, isoWeekday } from '../../domain/dates';
import type { GradeCode } from '../../domain/marks';
import { datedLessons, type ChangeKind, type DatedChange, type TemplateLesson } from '../../domain/timetable-changes';
import { HOURS_PER_PAIR, type Parity } from '../../domain/timetable';
import { HOLIDAYS } from './calendar';
import { homework, topicSource } from './topics';
import {
  clamp,
  studyDays,
  YEAR,
  type AssignmentPlan,
  type CollegePlan,
  type GroupPlan,
  type Row,
  type TermPlan,
} from './plan';
import { Random } from './random';

const PAIRS_PER_DAY_MAX = 4;
const PRACTICE_HOURS_PER_DAY = 6;

interface Slot {
  assignments: AssignmentPlan[];
  position: number;
}

export interface GroupTermJournal {
  lessons: Row[];
  cells: Row[];
}

export function generateGroupTerm(
  plan: CollegePlan,
  group: GroupPlan,
  term: TermPlan,
  lessonIds: { next(): number },
): GroupTermJournal {
  const { seed, asOf } = plan.options;
  // The current year keeps the stream it always had; the archive year's groups add their admission year.
  const rnd =
    term.yearStart === YEAR.startYear
      ? Random.derive(seed, 'journal', group.name, term.number)
      : Random.derive(seed, 'journal', group.name, group.admissionYear, term.name);
  const institutionId = plan.institutionId;
  const mine = plan.assignments.filter((a) => a.groupId === group.id && a.termId === term.id);
  const practice = mine.filter((a) => a.item.kind === 'up' || a.item.kind === 'pp');
  const classes = mine.filter((a) => !practice.includes(a));

  // Practice takes the last weeks of the term; classes fill the days before it.
  const allDays = studyDays(term.startsOn, term.endsOn);
  const practiceDays = Math.ceil(practice.reduce((sum, a) => sum + a.plannedHours, 0) / PRACTICE_HOURS_PER_DAY);
  const classDays = allDays.slice(0, Math.max(allDays.length - practiceDays, 1));
  const blockDays = allDays.slice(classDays.length);

  // One slot per pair of an item; items split into subgroups share the slot.
  const byItem = new Map<number, AssignmentPlan[]>();
  for (const a of classes) byItem.set(a.itemId, [...(byItem.get(a.itemId) ?? []), a]);
  const slots: Slot[] = [];
  for (const list of byItem.values()) {
    const pairs = Math.ceil(list[0]!.plannedHours / 2);
    for (let k = 0; k < pairs; k++)
      slots.push({ assignments: list, position: ((k + 0.5) / pairs) * classDays.length + rnd.next() * 0.8 });
  }
  slots.sort((a, b) => a.position - b.position);
  const perDay = Math.min(PAIRS_PER_DAY_MAX, Math.ceil(slots.length / classDays.length));

  const lessons: Row[] = [];
  const cells: Row[] = [];
  const students = studentStates(group, rnd, term.startsOn, term.endsOn);
  const topicSources = new Map(mine.map((a) => [a.id, topicSource(a.item.name, Math.ceil(a.plannedHours / 2))]));
  const counts = new Map<number, number>();

  const holdLesson = (
    a: AssignmentPlan,
    date: string,
    pairNo: number,
    hours: number,
    kind: string,
    timetable: { key: string; taughtBy: number | null } | null = null,
  ) => {
    if (date > asOf) return;
    const id = lessonIds.next();
    const delay = rnd.chance(0.8) ? 0 : rnd.chance(0.7) ? rnd.int(1, 3) : rnd.int(4, 12);
    const enteredAt = `${addDays(date, delay)}T${String(rnd.int(12, 20)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00${plan.identity.utcOffset}`;
    lessons.push({
      institution_id: institutionId,
      id,
      teaching_assignment_id: a.id,
      date,
      pair_no: pairNo,
      hours,
      kind,
      topic: rnd.chance(0.985) ? topicSources.get(a.id)!.next(kind, rnd) : null,
      homework: homework(kind, rnd),
      timetable_key: timetable?.key ?? null,
      taught_by: timetable?.taughtBy ?? null,
      created_at: enteredAt,
    });
    const roster = group.members.filter((m) => m.from <= date && (m.to === null || date <= m.to));
    const subgroup = a.subgroupId ? group.subgroups.get(term.id)!.find((s) => s.id === a.subgroupId)! : null;
    for (const m of roster) {
      if (subgroup && !subgroup.studentIds.has(m.studentId)) continue;
      const state = students.get(m.studentId)!;
      const mark = markFor(rnd, state, date, kind, a.teacherBias);
      cells.push({
        institution_id: institutionId,
        lesson_id: id,
        student_id: m.studentId,
        attendance: mark.attendance,
        grade1: mark.grade1,
        grade2: mark.grade2,
        version: 1,
        updated_by: timetable?.taughtBy ?? a.teacherUserId,
        updated_at: enteredAt,
      });
    }
  };

  const template = timetableOf(plan, classes);
  if (template.length > 0) {
    // The published timetable's lessons of each date, its dated changes applied (the app's own rule), as publishing
    // makes them: a cancelled lesson is not there, a substitute's is theirs; those up to the demo's date are held.
    const blocks = new Set(blockDays);
    const noLessons = (_group: number, date: string) =>
      isoWeekday(date) === 7 || HOLIDAYS.has(date) || blocks.has(date);
    const byId = new Map(classes.map((a) => [a.id, a]));
    const dated = datedLessons(
      term.startsOn,
      term.endsOn,
      template,
      changesOf(plan, classes),
      term,
      YEAR.startsOn,
      noLessons,
      (id) => byId.get(id)?.teacherUserId ?? null,
    );
    const held = new Map<number, number>();
    for (const l of dated) {
      if (l.status !== 'planned') continue;
      const a = byId.get(l.assignmentId)!;
      const timetable = { key: l.key, taughtBy: l.substituteId };
      if (l.date > asOf) {
        // Ahead of the demo's date: the lesson as publishing makes it (server/services/timetable/lessons.ts), empty.
        lessons.push({
          institution_id: institutionId,
          id: lessonIds.next(),
          teaching_assignment_id: a.id,
          date: l.date,
          pair_no: l.pairNo,
          hours: HOURS_PER_PAIR,
          kind: 'lecture',
          timetable_key: l.key,
          taught_by: l.substituteId,
          created_at: `${YEAR.startsOn}T09:00:00${plan.identity.utcOffset}`,
        });
        continue;
      }
      const n = (held.get(a.id) ?? 0) + 1;
      held.set(a.id, n);
      holdLesson(a, l.date, l.pairNo, HOURS_PER_PAIR, lessonKind(a, n, rnd), timetable);
    }
  } else {
    // No timetable (last year's archive): a weekly rhythm of the items' pairs spread over the class days.
    let cursor = 0;
    for (const day of classDays) {
      for (let pairNo = 1; pairNo <= perDay && cursor < slots.length; pairNo++) {
        const slot = slots[cursor++]!;
        const lead = slot.assignments[0]!;
        const n = (counts.get(lead.itemId) ?? 0) + 1;
        counts.set(lead.itemId, n);
        const kind = lessonKind(lead, n, rnd);
        for (const a of slot.assignments) holdLesson(a, day, pairNo, 2, kind);
      }
    }
  }
  // Practice blocks: 6 hours a day, three pairs, one journal entry of 6 hours.
  let practiceIndex = 0;
  let practiceLeft = practice[0]?.plannedHours ?? 0;
  for (const day of blockDays) {
    const a = practice[practiceIndex];
    if (!a) break;
    holdLesson(a, day, 1, Math.min(PRACTICE_HOURS_PER_DAY, practiceLeft), 'practice');
    practiceLeft -= PRACTICE_HOURS_PER_DAY;
    if (practiceLeft <= 0) {
      practiceIndex += 1;
      practiceLeft = practice[practiceIndex]?.plannedHours ?? 0;
    }
  }
  return { lessons, cells };
}

/** The published weekly template of the journals, as the dated timetable needs it (empty: the term has none). */
function timetableOf(plan: CollegePlan, journals: readonly AssignmentPlan[]): TemplateLesson[] {
  const byId = new Map(journals.map((a) => [a.id, a]));
  return (plan.rows.timetable_entries ?? [])
    .filter((e) => byId.has(Number(e.teaching_assignment_id)))
    .map((e) => {
      const a = byId.get(Number(e.teaching_assignment_id))!;
      return {
        entryId: Number(e.id),
        assignmentId: a.id,
        groupId: a.groupId,
        teacherId: a.teacherUserId,
        weekday: Number(e.weekday),
        pairNo: Number(e.pair_no),
        parity: e.parity as Parity,
        validFrom: null,
        validTo: null,
        roomId: Number(e.room_id),
      };
    });
}

/** The published dated changes of the journals. */
function changesOf(plan: CollegePlan, journals: readonly AssignmentPlan[]): DatedChange[] {
  const ids = new Set(journals.map((a) => a.id));
  return (plan.rows.timetable_changes ?? [])
    .filter((c) => ids.has(Number(c.teaching_assignment_id)))
    .map((c) => ({
      id: Number(c.id),
      kind: c.kind as ChangeKind,
      assignmentId: Number(c.teaching_assignment_id),
      targetKey: (c.target_key as string | null) ?? null,
      revertsChangeId: null,
      toDate: (c.to_date as string | null) ?? null,
      toPairNo: (c.to_pair_no as number | null) ?? null,
      toRoomId: (c.to_room_id as number | null) ?? null,
      substituteId: (c.substitute_user_id as number | null) ?? null,
      reason: String(c.reason),
    }));
}

function lessonKind(a: AssignmentPlan, n: number, rnd: Random): string {
  if (n % 9 === 0) return 'test';
  const name = a.item.name;
  if (name.startsWith('Физическая культура')) return 'practical';
  if (a.item.cycle === 'ОУД' || a.item.cycle === 'ОГСЭ')
    return rnd.chance(name.startsWith('Иностранный') ? 0.8 : 0.3)
      ? 'practical'
      : rnd.chance(0.1)
        ? 'seminar'
        : 'lecture';
  if (a.item.kind === 'mdk') return rnd.chance(0.35) ? 'lecture' : rnd.chance(0.6) ? 'practical' : 'lab';
  return rnd.chance(0.5) ? 'lecture' : rnd.chance(0.7) ? 'practical' : 'lab';
}

interface StudentState {
  ability: number;
  absenceRate: number;
  ill: Set<string>;
  /** A whole day missed, decided once per day for all the day's lessons. */
  dayOff: Map<string, string | null>;
}

function studentStates(group: GroupPlan, rnd: Random, from: string, to: string): Map<number, StudentState> {
  const states = new Map<number, StudentState>();
  const days = studyDays(from, to);
  for (const m of group.members) {
    const ill = new Set<string>();
    const episodes = rnd.chance(0.55) ? rnd.int(1, 2) : 0;
    for (let e = 0; e < episodes; e++) {
      const start = rnd.int(0, days.length - 1);
      const length = rnd.int(3, 8);
      for (let d = start; d < Math.min(days.length, start + length); d++) ill.add(days[d]!);
    }
    states.set(m.studentId, { ability: m.ability, absenceRate: m.absenceRate, ill, dayOff: new Map() });
  }
  return states;
}

const GRADE_CHANCE: Record<string, number> = {
  lecture: 0.12,
  seminar: 0.35,
  practical: 0.45,
  lab: 0.55,
  test: 0.97,
  practice: 0.25,
};

function markFor(
  rnd: Random,
  s: StudentState,
  date: string,
  kind: string,
  teacherBias: number,
): { attendance: string | null; grade1: GradeCode | null; grade2: GradeCode | null } {
  if (s.ill.has(date)) return { attendance: 'б', grade1: null, grade2: null };
  if (!s.dayOff.has(date)) {
    const off = rnd.chance(s.absenceRate * 0.6) ? (rnd.chance(0.15) ? 'у' : 'н') : null;
    s.dayOff.set(date, off);
  }
  const off = s.dayOff.get(date);
  if (off) return { attendance: off, grade1: null, grade2: null };
  if (rnd.chance(s.absenceRate * 0.4)) return { attendance: 'н', grade1: null, grade2: null };
  const late = rnd.chance(0.015) ? 'о' : null;
  if (!rnd.chance(GRADE_CHANCE[kind] ?? 0.2)) return { attendance: late, grade1: null, grade2: null };
  const grade = () =>
    String(
      Math.round(clamp(rnd.normal(s.ability + teacherBias - (kind === 'test' ? 0.2 : 0), 0.75), 2, 5)),
    ) as GradeCode;
  return { attendance: late, grade1: grade(), grade2: rnd.chance(0.04) ? grade() : null };
}
