/**
 * The published week of a planned college (issue #29, item 1): every group's weekly template for the terms of the
 * current year that have begun by the demo's date (the college scale: the whole year), placed without collisions
 * (db/seed/timetable.ts), published; in the demo college, the dated changes of db/seed/changes.ts. Writes the rows into
 * `result` and takes their ids from `ids`.
 */
import { daysBetween } from '../../domain/dates';
import { shortName } from '../../domain/names';
import { demoChanges } from './changes';
import { YEAR } from './calendar';
import type { CollegePlan, Counter } from './plan';
import { planTimetable } from './timetable';

export function publishWeek(result: CollegePlan, ids: Counter, methodistId: number, demoTeacherId: number): void {
  const { options, rows, terms, groups, assignments, institutionId } = result;
  const offset = result.identity.utcOffset;
  // Every college comes with its week published (issue #29, item 1): teachers, students and parents see it at once.
  const current = terms.filter((t) => t.yearStart === YEAR.startYear);
  const weeks = (id: number) => {
    const t = current.find((x) => x.id === id)!;
    return Math.max(1, Math.round(daysBetween(t.startsOn, t.endsOn) / 7));
  };
  const seedRooms = rows.rooms!.map((r) => ({ id: Number(r.id), seats: Number(r.seats), kind: String(r.kind) }));
  const publicationId = ids.next('timetable_publications');
  rows.timetable_publications = [
    {
      institution_id: institutionId,
      id: publicationId,
      published_by: methodistId,
      published_at: `${YEAR.startsOn}T09:00:00${offset}`,
      summary: [],
    },
  ];
  // The demo's spring week is left for its methodist to build (the work of late November); a college's whole year
  // is held, so its every term is published.
  const termIds = current.filter((t) => options.scale === 'college' || t.startsOn <= options.asOf).map((t) => t.id);
  const firstEntryId = (options.idsAfter?.timetable_entries ?? 0) + 1;
  const timetable = planTimetable(result, seedRooms, termIds, weeks, methodistId, publicationId, firstEntryId);
  ids.take('timetable_entries', timetable.rows.length);
  rows.timetable_entries = timetable.rows;
  result.unplacedPairs = timetable.unplaced;
  const asOfTerm = current.find((t) => t.startsOn <= options.asOf && options.asOf <= t.endsOn);
  if (options.scale === 'demo' && asOfTerm) {
    const userName = new Map(
      rows.users!.map((u) => [
        Number(u.id),
        shortName({
          lastName: String(u.last_name),
          firstName: String(u.first_name),
          middleName: (u.middle_name as string | null) ?? null,
        }),
      ]),
    );
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    const subgroupName = new Map((rows.subgroups ?? []).map((sg) => [Number(sg.id), String(sg.name)]));
    const byId = new Map(assignments.map((a) => [a.id, a]));
    const dated = demoChanges({
      asOf: options.asOf,
      entries: timetable.rows,
      assignments,
      teacherId: demoTeacherId,
      methodistId,
      institutionId,
      termId: asOfTerm.id,
      utcOffset: offset,
      journalName: (id) => {
        const a = byId.get(id)!;
        const sub = a.subgroupId === null ? '' : ` (${subgroupName.get(a.subgroupId)})`;
        return `${groupName.get(a.groupId)}${sub}, ${a.item.shortName}`;
      },
      teacherName: (id) => userName.get(id) ?? '',
      firstId: (options.idsAfter?.timetable_changes ?? 0) + 1,
      firstPublicationId: publicationId + 1,
    });
    ids.take('timetable_changes', dated.changes.length);
    ids.take('timetable_publications', dated.publications.length);
    rows.timetable_publications.push(...dated.publications);
    rows.timetable_changes = dated.changes;
  }
}
