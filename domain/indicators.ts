/**
 * Indicators of attestation results (DOMAIN.md «Indicators», as АСУ РСО computes them) for the consolidated sheet
 * («Сводная ведомость учета успеваемости», regulation §6.2) and group reports.
 *
 * N — the students of the group in the period, less those exempt from the item (осв.) and those who left before the
 * period ended. `н/а` stays in N and lowers both percentages; a missing result stays in N as well (it is not a pass).
 * - успеваемость % = (5 + 4 + 3 + зачтено/освоен) × 100 / N
 * - качество % = (5 + 4) × 100 / N — graded items only
 * - СОУ % = (5·100 + 4·64 + 3·36 + 2·16 + н/а·7) / N — graded items only
 */

/** One student's result in one column (a curriculum item's attestation in a term); null: not entered. */
export type AttestationValue = string | null;

export const PASS_CREDITS = ['зачтено', 'освоен'] as const;
export const FAIL_CREDITS = ['не зачтено', 'не освоен'] as const;
export const NOT_ATTESTED = 'н/а';
export const EXEMPT = 'осв.';

export interface ColumnIndicators {
  /** Students counted (N). */
  counted: number;
  /** успеваемость, %, one decimal; null when N = 0. */
  progress: number | null;
  /** качество знаний, %; null when N = 0 or the column holds no grades (credits only). */
  quality: number | null;
  /** СОУ, %; null like `quality`. */
  sou: number | null;
  /** Mean of the numeric grades (5…2), two decimals; null without any. */
  average: number | null;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function grade(value: AttestationValue): number | null {
  return value === '5' || value === '4' || value === '3' || value === '2' ? Number(value) : null;
}

/**
 * What a column's indicators depend on: counts of its results over the students in N (exempt ones left out). Sums of
 * tallies are tallies too — the region's pooled СОУ of a college (server/services/region/indicators.ts) adds those of
 * its sheets' graded columns.
 */
export interface ResultTally {
  /** Students counted (N). */
  counted: number;
  fives: number;
  fours: number;
  threes: number;
  twos: number;
  /** зачтено / освоен. */
  passedCredits: number;
  notAttested: number;
}

export function emptyTally(): ResultTally {
  return { counted: 0, fives: 0, fours: 0, threes: 0, twos: 0, passedCredits: 0, notAttested: 0 };
}

/** The tally of one column: `values` has one entry per student; `counted(i)` as in `columnIndicators`. */
export function columnTally(values: readonly AttestationValue[], counted: readonly boolean[]): ResultTally {
  const t = emptyTally();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (!counted[i] || v === EXEMPT) continue;
    t.counted += 1;
    const g = grade(v);
    if (g === 5) t.fives += 1;
    else if (g === 4) t.fours += 1;
    else if (g === 3) t.threes += 1;
    else if (g === 2) t.twos += 1;
    else if ((PASS_CREDITS as readonly string[]).includes(v ?? '')) t.passedCredits += 1;
    else if (v === NOT_ATTESTED) t.notAttested += 1;
  }
  return t;
}

/** The indicators of a tally (the formulas above). */
export function tallyIndicators(t: ResultTally): ColumnIndicators {
  const n = t.counted;
  const grades = t.fives + t.fours + t.threes + t.twos;
  const passed = t.fives + t.fours + t.threes + t.passedCredits;
  const good = t.fives + t.fours;
  const souSum = t.fives * 100 + t.fours * 64 + t.threes * 36 + t.twos * 16 + t.notAttested * 7;
  const gradeSum = t.fives * 5 + t.fours * 4 + t.threes * 3 + t.twos * 2;
  const graded = grades > 0;
  return {
    counted: n,
    progress: n ? round((passed * 100) / n, 1) : null,
    quality: n && graded ? round((good * 100) / n, 1) : null,
    sou: n && graded ? round(souSum / n, 1) : null,
    average: graded ? round(gradeSum / grades, 2) : null,
  };
}

/**
 * Indicators of one column. `values` has one entry per student of the sheet; `counted(i)` says whether student i is
 * in N for the period at all (false: left before the period ended). Exempt results leave N.
 */
export function columnIndicators(values: readonly AttestationValue[], counted: readonly boolean[]): ColumnIndicators {
  return tallyIndicators(columnTally(values, counted));
}

/** Where a student stands over all the columns of the period (the sheet's group totals). */
export type StudentStanding = 'excellent' | 'good' | 'oneThree' | 'threes' | 'failing' | 'notAttested' | 'incomplete';

export const STANDING_LABELS: Record<StudentStanding, string> = {
  excellent: 'на «отлично»',
  good: 'на «хорошо» и «отлично»',
  oneThree: 'с одной «3»',
  threes: 'с «3»',
  failing: 'неуспевающие',
  notAttested: 'не аттестованы',
  incomplete: 'результаты не внесены',
};

/** What a student's standing depends on: counts over the student's non-exempt values (null: not entered). */
export interface StandingTally {
  notAttested: number;
  /** 2, не зачтено, не освоен. */
  failed: number;
  missing: number;
  threes: number;
  fours: number;
}

export function standingTally(values: readonly AttestationValue[]): StandingTally {
  const t: StandingTally = { notAttested: 0, failed: 0, missing: 0, threes: 0, fours: 0 };
  for (const v of values) {
    if (v === EXEMPT) continue;
    if (v === NOT_ATTESTED) t.notAttested += 1;
    else if (v === '2' || (FAIL_CREDITS as readonly string[]).includes(v ?? '')) t.failed += 1;
    else if (v === null) t.missing += 1;
    else if (v === '3') t.threes += 1;
    else if (v === '4') t.fours += 1;
  }
  return t;
}

/**
 * A student's standing: н/а anywhere → not attested; a 2 or a failed credit → failing; else by the grades: all 5 →
 * excellent, 4 and 5 → good, exactly one 3 → one «3», more → with threes. Credits passed do not change the standing;
 * exempt columns are skipped. A missing result (nothing failed, nothing н/а) → incomplete.
 */
export function standingOf(t: StandingTally): StudentStanding {
  if (t.notAttested > 0) return 'notAttested';
  if (t.failed > 0) return 'failing';
  if (t.missing > 0) return 'incomplete';
  if (t.threes === 1) return 'oneThree';
  if (t.threes > 1) return 'threes';
  if (t.fours > 0) return 'good';
  return 'excellent';
}

export function studentStanding(values: readonly AttestationValue[]): StudentStanding {
  return standingOf(standingTally(values));
}

export interface GroupTotals {
  counted: number;
  byStanding: Record<StudentStanding, number>;
  /** успеваемость of the group: students neither failing, nor н/а, nor incomplete × 100 / N. */
  progress: number | null;
  /** качество of the group: excellent + good × 100 / N. */
  quality: number | null;
}

export function emptyStandings(): Record<StudentStanding, number> {
  return { excellent: 0, good: 0, oneThree: 0, threes: 0, failing: 0, notAttested: 0, incomplete: 0 };
}

/** The totals of students counted by standing: успеваемость and качество over their sum (N). */
export function standingTotals(byStanding: Record<StudentStanding, number>): GroupTotals {
  const n = Object.values(byStanding).reduce((a, b) => a + b, 0);
  const passed = byStanding.excellent + byStanding.good + byStanding.oneThree + byStanding.threes;
  return {
    counted: n,
    byStanding,
    progress: n ? round((passed * 100) / n, 1) : null,
    quality: n ? round(((byStanding.excellent + byStanding.good) * 100) / n, 1) : null,
  };
}

/** The group totals: `rows[i]` is student i's values in all columns; `counted[i]` as in `columnIndicators`. */
export function groupTotals(rows: readonly (readonly AttestationValue[])[], counted: readonly boolean[]): GroupTotals {
  const byStanding = emptyStandings();
  rows.forEach((values, i) => {
    if (counted[i]) byStanding[studentStanding(values)] += 1;
  });
  return standingTotals(byStanding);
}

/** «85,7» — a percentage or an average as printed (decimal comma); «—» for none. */
export function formatIndicator(x: number | null, digits = 1): string {
  return x === null ? '—' : x.toFixed(digits).replace('.', ',');
}
