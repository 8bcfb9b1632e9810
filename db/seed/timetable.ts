/**
 * The college scale's timetable (issue #11: «every group's week without conflicts»): about a hundred rooms and a
 * weekly template for every group of the current year's terms, placed greedily — a teacher, a room, a group (or its
 * subgroup) once per pair, at most four pairs a day per group, a room of the lesson's kind that seats the students.
 * Deterministic: the same plan gives the same timetable. Practice (УП, ПП) is held in blocks, not on the week.
 */
import { HOURS_PER_PAIR, MAX_PAIRS_A_DAY } from '../../domain/timetable';
import type { AssignmentPlan, CollegePlan, GroupPlan, Row } from './plan';

/** The college's rooms: four floors of lecture rooms and classes, labs, workshops, two gyms, big halls. */
export function collegeRooms(): { number: string; seats: number; kind: string }[] {
  const rooms: { number: string; seats: number; kind: string }[] = [];
  for (let floor = 1; floor <= 4; floor++)
    for (let n = 1; n <= 16; n++)
      rooms.push({ number: `${floor}${String(n).padStart(2, '0')}`, seats: 32, kind: 'lecture' });
  for (let n = 1; n <= 16; n++)
    rooms.push({ number: `5${String(n).padStart(2, '0')}`, seats: n <= 8 ? 16 : 32, kind: 'computer' });
  for (let n = 1; n <= 8; n++) rooms.push({ number: `Л-${n}`, seats: 24, kind: 'lab' });
  for (let n = 1; n <= 6; n++) rooms.push({ number: `М-${n}`, seats: 16, kind: 'workshop' });
  rooms.push({ number: 'Спортзал 1', seats: 60, kind: 'gym' }, { number: 'Спортзал 2', seats: 60, kind: 'gym' });
  for (let n = 1; n <= 4; n++) rooms.push({ number: `А-${n}`, seats: 90, kind: 'lecture' });
  return rooms;
}

const COMPUTER = /информ|программ|баз данн|компьютер|сет|web|веб|операционн/i;

function roomKindOf(a: AssignmentPlan): string {
  if (/физическ/i.test(a.item.name)) return 'gym';
  if (a.item.kind === 'mdk' || COMPUTER.test(a.item.name)) return COMPUTER.test(a.item.name) ? 'computer' : 'lab';
  return 'lecture';
}

interface SeedRoom {
  id: number;
  seats: number;
  kind: string;
}

/**
 * Timetable rows for the plan's terms of the current year. `weeksOf` gives a term's teaching weeks, from which a
 * journal's pairs a week come (its planned hours over the weeks, at least one). Returns the rows and how many
 * pairs could not be placed without a conflict. Entry ids count from `firstId`.
 */
export function planTimetable(
  plan: CollegePlan,
  rooms: SeedRoom[],
  termIds: number[],
  weeksOf: (termId: number) => number,
  createdBy: number,
  publicationId: number,
  firstId = 1,
): { rows: Row[]; unplaced: number } {
  const rows: Row[] = [];
  let unplaced = 0;
  let nextId = firstId - 1;
  const groups = new Map<number, GroupPlan>(plan.groups.map((g) => [g.id, g]));
  for (const termId of termIds) {
    const busy = new Set<string>();
    const pairsOfDay = new Map<string, Set<number>>();
    const weeks = weeksOf(termId);
    const byGroup = new Map<number, AssignmentPlan[]>();
    for (const a of plan.assignments)
      if (a.termId === termId && a.item.kind !== 'up' && a.item.kind !== 'pp' && a.item.kind !== 'module')
        byGroup.set(a.groupId, [...(byGroup.get(a.groupId) ?? []), a]);
    let groupIndex = 0;
    for (const [groupId, list] of [...byGroup].sort((x, y) => x[0] - y[0])) {
      const group = groups.get(groupId)!;
      // Half the groups start with the first pair, half with the second: two overlapping shifts share the rooms.
      const shift = groupIndex++ % 2;
      const size = (subgroupId: number | null) =>
        subgroupId === null
          ? group.members.filter((m) => m.to === null).length
          : (group.subgroups.get(termId)?.find((s) => s.id === subgroupId)?.studentIds.size ?? 0);
      const lessons = list
        .flatMap((a) =>
          Array.from({ length: Math.max(1, Math.round(a.plannedHours / HOURS_PER_PAIR / weeks)) }, (_, n) => ({
            a,
            n,
          })),
        )
        .sort((x, y) => x.n - y.n || y.a.plannedHours - x.a.plannedHours || x.a.id - y.a.id);
      let offset = 0;
      for (const { a } of lessons) {
        offset += 1;
        const whole = `g:${groupId}`;
        const own = a.subgroupId === null ? whole : `s:${a.subgroupId}`;
        const kind = roomKindOf(a);
        const students = size(a.subgroupId);
        let placed = false;
        for (let tryDay = 0; tryDay < 5 && !placed; tryDay++) {
          const weekday = ((offset + tryDay) % 5) + 1;
          const day = pairsOfDay.get(`${groupId}:${weekday}`) ?? new Set<number>();
          for (let p = 0; p < 5 && !placed; p++) {
            const pairNo = p + 1 + shift;
            if (day.size >= MAX_PAIRS_A_DAY && !day.has(pairNo)) continue;
            const at = `${weekday}:${pairNo}`;
            const groupTaken =
              busy.has(`${whole}@${at}`) ||
              (a.subgroupId === null
                ? [...(group.subgroups.get(termId) ?? [])].some((s) => busy.has(`s:${s.id}@${at}`))
                : busy.has(`${own}@${at}`));
            if (groupTaken || busy.has(`t:${a.teacherUserId}@${at}`)) continue;
            const room =
              rooms.find((r) => r.kind === kind && r.seats >= students && !busy.has(`r:${r.id}@${at}`)) ??
              rooms.find((r) => r.kind === 'lecture' && r.seats >= students && !busy.has(`r:${r.id}@${at}`));
            if (!room) continue;
            busy.add(`${own}@${at}`).add(`t:${a.teacherUserId}@${at}`).add(`r:${room.id}@${at}`);
            pairsOfDay.set(`${groupId}:${weekday}`, day.add(pairNo));
            rows.push({
              institution_id: plan.institutionId,
              id: ++nextId,
              teaching_assignment_id: a.id,
              weekday,
              pair_no: pairNo,
              parity: 'every',
              room_id: room.id,
              created_by: createdBy,
              published_in: publicationId,
            });
            placed = true;
          }
        }
        if (!placed) unplaced += 1;
      }
    }
  }
  return { rows, unplaced };
}
