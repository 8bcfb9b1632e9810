/**
 * Attestation columns of a journal page (DOMAIN.md «Attestation»): the semester mark always, and a column for the
 * term's form of attestation. Values: 5…2, зачтено / не зачтено, н/а, осв., освоен / не освоен (modules).
 */
import { quoteTyped, readRussianLayout } from './keyboard-layout';

/** The attestation columns a journal can have, declared once: semester mark, exam, graded credit, credit, course project, qualification exam. */
export const ATTESTATION_FIELDS = ['sem', 'exam', 'dz', 'credit', 'kp', 'qual'] as const;
export type AttestationField = (typeof ATTESTATION_FIELDS)[number];

export interface AttestationColumn {
  field: AttestationField;
  header: string;
  title: string;
}

/** The column of each form of attestation (Э, ДЗ, З, КП, ЭК). */
export const FORM_COLUMNS: Record<string, AttestationColumn> = {
  Э: { field: 'exam', header: 'Экз.', title: 'Экзамен' },
  ДЗ: { field: 'dz', header: 'ДЗ', title: 'Дифференцированный зачёт' },
  З: { field: 'credit', header: 'Зач.', title: 'Зачёт' },
  КП: { field: 'kp', header: 'КП', title: 'Курсовой проект' },
  ЭК: { field: 'qual', header: 'Экв.', title: 'Экзамен квалификационный' },
};

/** The field a form of attestation's result is entered in; the semester mark for a term without an event. */
export function attestationFieldOf(form: string | null): AttestationField {
  return (form && FORM_COLUMNS[form]?.field) || 'sem';
}

/** «Сем.» first, then the form's own column when the term ends with an attestation event. */
export function attestationColumns(form: string | null): AttestationColumn[] {
  const columns: AttestationColumn[] = [{ field: 'sem', header: 'Сем.', title: 'Оценка за семестр' }];
  const own = form ? FORM_COLUMNS[form] : undefined;
  if (own) columns.push(own);
  return columns;
}

const CANONICAL: Record<string, string> = {
  '5': '5',
  '4': '4',
  '3': '3',
  '2': '2',
  зачтено: 'зачтено',
  зачт: 'зачтено',
  зач: 'зачтено',
  зч: 'зачтено',
  незачтено: 'не зачтено',
  'не зачтено': 'не зачтено',
  незачт: 'не зачтено',
  нз: 'не зачтено',
  'н/а': 'н/а',
  на: 'н/а',
  неаттестован: 'н/а',
  'не аттестован': 'н/а',
  осв: 'осв.',
  'осв.': 'осв.',
  освобожден: 'осв.',
  освоен: 'освоен',
  неосвоен: 'не освоен',
  'не освоен': 'не освоен',
};

const ALLOWED: Record<AttestationField, string[]> = {
  sem: ['5', '4', '3', '2', 'зачтено', 'не зачтено', 'н/а', 'осв.'],
  exam: ['5', '4', '3', '2', 'н/а', 'осв.'],
  dz: ['5', '4', '3', '2', 'н/а', 'осв.'],
  kp: ['5', '4', '3', '2', 'н/а'],
  credit: ['зачтено', 'не зачтено', 'н/а', 'осв.'],
  qual: ['5', '4', '3', '2', 'освоен', 'не освоен', 'н/а'],
};

function canonical(raw: string): string | undefined {
  const text = raw.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  return CANONICAL[text] ?? CANONICAL[text.replace(/\s/g, '')];
}

export type AttestationParse = { ok: true; value: string | null } | { ok: false; error: string };

/**
 * Reads a typed or pasted result, any case, `ё` as `е`, spaces and line breaks collapsed (`не⏎зачтено` from a wrapped
 * Excel cell is «не зачтено»); text in the Latin layout or with a look-alike of `/` is read by the rule of
 * `keyboard-layout.ts` (`y/f`, `н\а`, `H|A` → н/а). Empty → null (cleared).
 */
export function parseAttestationInput(field: AttestationField, raw: string): AttestationParse {
  const allowed = ALLOWED[field];
  const read = readRussianLayout(raw, (candidate) => {
    const v = canonical(candidate);
    return v !== undefined && allowed.includes(v);
  });
  if (!read.ok) return { ok: false, error: read.error };
  if (read.text.trim() === '') return { ok: true, value: null };
  const value = canonical(read.text);
  if (!value || !allowed.includes(value)) {
    return { ok: false, error: `${quoteTyped(raw)} — не результат аттестации. Допустимо: ${allowed.join(', ')}` };
  }
  return { ok: true, value };
}
