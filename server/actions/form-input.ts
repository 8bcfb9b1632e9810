import type { z } from 'zod';

/** Wrappers a field's schema may stand in, around the type that says what the form's text must become. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function baseType(field: z.ZodType): string {
  let def = field._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
  for (;;) {
    if (WRAPPERS.has(def.type) && def.innerType) def = def.innerType._zod.def;
    else if (def.type === 'pipe' && def.in) def = def.in._zod.def;
    else return def.type;
  }
}

/**
 * A submitted form as the input its action's schema reads: only the schema's fields; a number field's text as a number;
 * a checkbox as true/false; a field
 * sent many times (checkboxes of one name) as the list of its texts; a blank field as absent when the field may be absent, else as null when it may be null,
 * else as '' (for the schema to refuse with its own Russian message, «Фамилия: заполните»). Files are never read.
 */
export function formInput(schema: z.ZodObject, form: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const shape: Record<string, z.ZodType> = schema.shape;
  for (const [key, field] of Object.entries(shape)) {
    const type = baseType(field);
    if (type === 'boolean') {
      input[key] = form.has(key);
      continue;
    }
    if (type === 'array') {
      input[key] = form.getAll(key).filter((v): v is string => typeof v === 'string');
      continue;
    }
    const value = form.get(key);
    if (typeof value !== 'string') continue;
    if (value.trim() === '') {
      if (field.safeParse(undefined).success) continue;
      input[key] = field.safeParse(null).success ? null : '';
      continue;
    }
    input[key] = type === 'number' ? Number(value.trim()) : value;
  }
  return input;
}
