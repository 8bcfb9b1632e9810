import type { z } from 'zod';
import { badInput } from '../policy/refusal';

/** A numeric query parameter for a zod schema: absent or empty → undefined, else the number (NaN for text, refused by the schema). */
export function numberParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : Number(value);
}

const LABELS: Record<string, string> = {
  groupId: 'Группа',
  termId: 'Семестр',
  assignmentId: 'Журнал',
  period: 'Период',
  lessonsPerPage: 'Занятий на странице',
};

/** Parses a report's query with its schema; the first fault is refused (400) naming the field in Russian. */
export function parseReportQuery<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const message = issue?.message ?? 'неверное значение';
  const label = LABELS[field];
  throw badInput(label && !message.startsWith(label) ? `${label}: ${message}` : message);
}
