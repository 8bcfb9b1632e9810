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
 * Indicators of one column. `values` has one entry per student of the sheet; `counted(i)` says whether student i is
 * in N for the period at all (false: left before the period ended). Exempt results leave N.
 */
export function columnIndicators(values: readonly AttestationValue[], counted: readonly boolean[]): ColumnIndicators {
  let n = 0;
  let passed = 0;
  let good = 0;
  let souSum = 0;
  let grades = 0;
  let gradeSum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? null;
    if (!counted[i] || v === EXEMPT) continue;
    n += 1;
    const g = grade(v);
    if (g !== null) {
      grades += 1;
      gradeSum += g;
      if (g >= 3) passed += 1;
      if (g >= 4) good += 1;
      souSum += g === 5 ? 100 : g === 4 ? 64 : g === 3 ? 36 : 16;
    } else if ((PASS_CREDITS as readonly string[]).includes(v ?? '')) passed += 1;
    else if (v === NOT_ATTESTED) souSum += 7;
  }
  const graded = grades > 0;
  return {
    counted: n,
    progress: n ? round((passed * 100) / n, 1) : null,
    quality: n && graded ? round((good * 100) / n, 1) : null,
    sou: n && graded ? round(souSum / n, 1) : null,
    average: graded ? round(gradeSum / grades, 2) : null,
  };
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

/**
 * A student's standing: н/а anywhere → not attested; a 2 or a failed credit → failing; else by the grades: all 5 →
 * excellent, 4 and 5 → good, exactly one 3 → one «3», more → with threes. Credits passed do not change the standing;
 * exempt columns are skipped. A missing result (nothing failed, nothing н/а) → incomplete.
 */
export function studentStanding(values: readonly AttestationValue[]): StudentStanding {
  const own = values.filter((v) => v !== EXEMPT);
  if (own.includes(NOT_ATTESTED)) return 'notAttested';
  if (own.some((v) => v === '2' || (FAIL_CREDITS as readonly string[]).includes(v ?? ''))) return 'failing';
  if (own.some((v) => v === null)) return 'incomplete';
  const grades = own.map(grade).filter((g): g is number => g !== null);
  const threes = grades.filter((g) => g === 3).length;
  if (threes === 1) return 'oneThree';
  if (threes > 1) return 'threes';
  if (grades.includes(4)) return 'good';
  return 'excellent';
}

export interface GroupTotals {
  counted: number;
  byStanding: Record<StudentStanding, number>;
  /** успеваемость of the group: students neither failing, nor н/а, nor incomplete × 100 / N. */
  progress: number | null;
  /** качество of the group: excellent + good × 100 / N. */
  quality: number | null;
}

/** The group totals: `rows[i]` is student i's values in all columns; `counted[i]` as in `columnIndicators`. */
export function groupTotals(rows: readonly (readonly AttestationValue[])[], counted: readonly boolean[]): GroupTotals {
  const byStanding: Record<StudentStanding, number> = {
    excellent: 0,
    good: 0,
    oneThree: 0,
    threes: 0,
    failing: 0,
    notAttested: 0,
    incomplete: 0,
  };
  let n = 0;
  rows.forEach((values, i) => {
    if (!counted[i]) return;
    n += 1;
    byStanding[studentStanding(values)] += 1;
  });
  const passed = byStanding.excellent + byStanding.good + byStanding.oneThree + byStanding.threes;
  return {
    counted: n,
    byStanding,
    progress: n ? round((passed * 100) / n, 1) : null,
    quality: n ? round(((byStanding.excellent + byStanding.good) * 100) / n, 1) : null,
  };
}

/** «85,7» — a percentage or an average as printed (decimal comma); «—» for none. */
export function formatIndicator(x: number | null, digits = 1): string {
  return x === null ? '—' : x.toFixed(digits).replace('.', ',');
}
