/**
 * The region's view of its colleges (issue #27, item 3): the shape of a college's row of aggregates and its columns,
 * shared by the page and the workbook. The figures are computed in server/services/region/indicators.ts.
 */
import { formatDate, RUSSIAN_TIME_ZONES, type IsoDate } from './dates';
import { formatIndicator } from './indicators';
import { MONITORING_RULES, type MonitoringRule } from './monitoring';

/**
 * Fewer students than this in a college: its student-derived figures are withheld. Aggregates of groups are not
 * personal data (152-ФЗ), but with two or three students a percentage or a count of flags tells who failed.
 */
export const SMALL_CELL = 5;

/**
 * The monitoring rules the region counts. `hoursBehind` is not among them: its «due» is the published timetable laid
 * out into dates in the application, college by college; the hours columns (plan, held, %) stand for it.
 */
export const REGION_RULES = [
  'unfilledLesson',
  'noTopic',
  'lateEntry',
  'shortOfGrades',
  'noAttestation',
] as const satisfies readonly MonitoringRule[];
export type RegionRule = (typeof REGION_RULES)[number];

/** Rules whose flags concern students: withheld with the indicators in a small college. */
export const STUDENT_RULES: readonly RegionRule[] = ['shortOfGrades', 'noAttestation'];

export interface RegionCollegeRow {
  institutionId: number;
  college: string;
  city: string | null;
  timeZone: string;
  /** The college's own day the figures are computed on. */
  today: IsoDate;
  /** The college's term of the period; null when it has none (its figures are then empty). */
  term: { name: string; yearName: string; startsOn: IsoDate; endsOn: IsoDate } | null;
  journals: number;
  /** Students counted: the rows of the consolidated sheets of the groups with a journal in the term, not gone before its end. */
  students: number;
  /** Student-derived figures withheld (fewer than `SMALL_CELL` students). */
  withheld: boolean;
  /** %, one decimal; null without results, without a term, or withheld. */
  progress: number | null;
  quality: number | null;
  sou: number | null;
  /** Students whose results of the term are not all entered (the sheets' «результаты не внесены»). */
  incomplete: number | null;
  flags: Record<RegionRule, number | null>;
  /** All the flags counted (withheld ones left out). */
  flagsTotal: number;
  plannedHours: number;
  deliveredHours: number;
  /** delivered / planned × 100, one decimal; null without a plan. */
  deliveredPercent: number | null;
}

export interface RegionReport {
  /** The period asked for (`2026-1`), or null: each college's current term. */
  period: string | null;
  /** «текущий семестр каждого колледжа» or «2026/2027, 1-й семестр». */
  periodLabel: string;
  /** The periods any college in scope has, the latest first. */
  periods: { key: string; label: string }[];
  rows: RegionCollegeRow[];
}

/** «2026-1» → «2026/2027, 1-й семестр». */
export function periodLabel(key: string): string {
  const [year, number] = key.split('-').map(Number);
  return `${year}/${year! + 1}, ${number}-й семестр`;
}

/** «Камчатка (МСК+9)», or the zone's IANA name when it is not one of Russia's listed zones. */
export function zoneLabel(zone: string): string {
  return RUSSIAN_TIME_ZONES.find((z) => z.zone === zone)?.label ?? zone;
}

/** «1 семестр 2026/2027: 01.09.2026 — 28.12.2026», or «нет семестра». */
export function termLabel(row: RegionCollegeRow): string {
  return row.term
    ? `${row.term.name.includes(row.term.yearName) ? row.term.name : `${row.term.name} ${row.term.yearName}`}: ` +
        `${formatDate(row.term.startsOn)} — ${formatDate(row.term.endsOn)}`
    : 'нет семестра';
}

/** A column of the region's table and workbook: its header, the value it sorts by, the text it shows. */
export interface RegionColumn {
  key: string;
  header: string;
  value: (row: RegionCollegeRow) => number | null;
  text: (row: RegionCollegeRow) => string;
}

const WITHHELD = `скрыто (<${SMALL_CELL})`;
const count = (pick: (row: RegionCollegeRow) => number | null) => ({
  value: pick,
  text: (row: RegionCollegeRow) => {
    const v = pick(row);
    return v === null ? (row.withheld && row.term ? WITHHELD : '—') : String(v);
  },
});
const percent = (pick: (row: RegionCollegeRow) => number | null) => ({
  value: pick,
  text: (row: RegionCollegeRow) => (row.withheld && row.term ? WITHHELD : formatIndicator(pick(row))),
});

/** The figures after the college's name, zone and term. */
export const REGION_COLUMNS: RegionColumn[] = [
  { key: 'students', header: 'Обучающихся', ...count((r) => (r.term ? r.students : null)) },
  { key: 'progress', header: 'Успеваемость, %', ...percent((r) => r.progress) },
  { key: 'quality', header: 'Качество, %', ...percent((r) => r.quality) },
  { key: 'sou', header: 'СОУ, %', ...percent((r) => r.sou) },
  { key: 'incomplete', header: 'Итоги не внесены', ...count((r) => r.incomplete) },
  { key: 'journals', header: 'Журналов', ...count((r) => (r.term ? r.journals : null)) },
  ...REGION_RULES.map((rule) => ({ key: rule, header: MONITORING_RULES[rule].label, ...count((r) => r.flags[rule]) })),
  { key: 'flagsTotal', header: 'Нарушений всего', ...count((r) => (r.term ? r.flagsTotal : null)) },
  { key: 'plannedHours', header: 'План, ч', ...count((r) => (r.term ? r.plannedHours : null)) },
  { key: 'deliveredHours', header: 'Проведено, ч', ...count((r) => (r.term ? r.deliveredHours : null)) },
  {
    key: 'deliveredPercent',
    header: 'Проведено, % плана',
    value: (r) => r.deliveredPercent,
    text: (r) => formatIndicator(r.deliveredPercent),
  },
];
