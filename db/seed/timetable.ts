/**
 * The college scale's timetable (issue #11: «every group's week without conflicts»): about a hundred rooms and a
 * weekly template for every group of the current year's terms, placed greedily — a teacher, a room, a group (or its
 * subgroup) once per pair, at most four pairs a day per group, a room of the lesson's kind that seats the students.
 * Deterministic: the same plan gives the same timetable. Practice (УП, ПП) is held in blocks, not on the week.
 */
import { HOURS_PER_PAIR, MAX_PAIRS_A_DAY, type Parity } from '../../domain/timetable';
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

/** A journal's pairs a week: whole weeks, and one more every other week when the rest is between a quarter and ¾. */
export function pairsAWeek(plannedHours: number, weeks: number): { every: number; alternate: boolean } {
  const perWeek = plannedHours / HOURS_PER_PAIR / weeks;
  let every = Math.floor(perWeek);
  const rest = perWeek - every;
  if (rest >= 0.75) every += 1;
  const alternate = rest >= 0.25 && rest < 0.75;
  return { every: every === 0 && !alternate ? 1 : every, alternate };
}

/**
 * Timetable rows for the plan's terms of the current year. `weeksOf` gives a term's teaching weeks, from which a
 * journal's pairs a week come (`pairsAWeek`): a pair every week, and a pair every other week for the rest — placed
 * as a numerator / denominator pair with another journal of the group where one fits (domain/timetable.ts
 * `weekParity`). Returns the rows and how many pairs could not be placed without a conflict. Entry ids count from
 * `firstId`.
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
    // Who and what is taken at `weekday:pair`, per week parity: an every-week placement takes both.
    const busy = new Set<string>();
    const weeksOfParity = (parity: Parity) => (parity === 'every' ? ['n', 'd'] : [parity === 'numerator' ? 'n' : 'd']);
    const isFree = (key: string, at: string, parity: Parity) =>
      weeksOfParity(parity).every((w) => !busy.has(`${key}@${at}#${w}`));
    const take = (key: string, at: string, parity: Parity) => {
      for (const w of weeksOfParity(parity)) busy.add(`${key}@${at}#${w}`);
    };
    const pairsOfDay = new Map<string, Set<number>>();
    /** A group's numerator pair still waiting for its denominator. */
    const openHalf = new Map<number, { weekday: number; pairNo: number }>();
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
      const wanted = list
        .flatMap((a) => {
          const { every, alternate } = pairsAWeek(a.plannedHours, weeks);
          const pairs = Array.from({ length: every }, (_, n) => ({ a, n, alternate: false }));
          return alternate ? [...pairs, { a, n: Number.MAX_SAFE_INTEGER, alternate: true }] : pairs;
        })
        .sort((x, y) => x.n - y.n || y.a.plannedHours - x.a.plannedHours || x.a.id - y.a.id);
      const subgroupsOfTerm = [...(group.subgroups.get(termId) ?? [])];
      let offset = 0;
      for (const { a, alternate } of wanted) {
        offset += 1;
        const whole = `g:${groupId}`;
        const own = a.subgroupId === null ? whole : `s:${a.subgroupId}`;
        const kind = roomKindOf(a);
        const students = size(a.subgroupId);
        const place = (weekday: number, pairNo: number, parity: Parity): boolean => {
          const at = `${weekday}:${pairNo}`;
          const groupFree =
            isFree(whole, at, parity) &&
            (a.subgroupId === null
              ? subgroupsOfTerm.every((s) => isFree(`s:${s.id}`, at, parity))
              : isFree(own, at, parity));
          if (!groupFree || !isFree(`t:${a.teacherUserId}`, at, parity)) return false;
          const room =
            rooms.find((r) => r.kind === kind && r.seats >= students && isFree(`r:${r.id}`, at, parity)) ??
            rooms.find((r) => r.kind === 'lecture' && r.seats >= students && isFree(`r:${r.id}`, at, parity));
          if (!room) return false;
          take(own, at, parity);
          take(`t:${a.teacherUserId}`, at, parity);
          take(`r:${room.id}`, at, parity);
          const day = pairsOfDay.get(`${groupId}:${weekday}`) ?? new Set<number>();
          pairsOfDay.set(`${groupId}:${weekday}`, day.add(pairNo));
          rows.push({
            institution_id: plan.institutionId,
            id: ++nextId,
            teaching_assignment_id: a.id,
            weekday,
            pair_no: pairNo,
            parity,
            room_id: room.id,
            created_by: createdBy,
            published_in: publicationId,
          });
          return true;
        };
        let placed = false;
        const half = alternate ? openHalf.get(groupId) : undefined;
        if (half && place(half.weekday, half.pairNo, 'denominator')) {
          openHalf.delete(groupId);
          placed = true;
        }
        const parity: Parity = alternate ? 'numerator' : 'every';
        // Monday to Friday in turn; Saturday only for what finds no place in them.
        for (let tryDay = 0; tryDay < 6 && !placed; tryDay++) {
          const weekday = tryDay === 5 ? 6 : ((offset + tryDay) % 5) + 1;
          const day = pairsOfDay.get(`${groupId}:${weekday}`) ?? new Set<number>();
          for (let p = 0; p < 5 && !placed; p++) {
            const pairNo = p + 1 + shift;
            if (day.size >= MAX_PAIRS_A_DAY && !day.has(pairNo)) continue;
            placed = place(weekday, pairNo, parity);
            if (placed && alternate) openHalf.set(groupId, { weekday, pairNo });
          }
        }
        if (!placed) unplaced += 1;
      }
    }
  }
  return { rows, unplaced };
}
