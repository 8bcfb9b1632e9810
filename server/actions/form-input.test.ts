import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idSchema } from '../../domain/ids';
import { formInput } from './form-input';

const schema = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(2, 'Название: заполните'),
  course: z.number().int(),
  curatorUserId: idSchema.nullable(),
  middleName: z.string().optional(),
  active: z.boolean(),
});

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

describe('formInput', () => {
  it('reads only the schema’s fields; numbers as numbers; a checkbox as true/false', () => {
    const input = formInput(
      schema,
      form({ id: '7', name: ' ИС-21 ', course: '2', curatorUserId: '15', active: 'on', $ACTION_ID_x: '' }),
    );
    expect(input).toEqual({ id: 7, name: ' ИС-21 ', course: 2, curatorUserId: 15, active: true });
    expect(schema.parse(input).name).toBe('ИС-21');
  });

  it('a blank field is absent when it may be, null when it may be null, else "" for the schema’s own message', () => {
    const input = formInput(schema, form({ id: '', name: '', course: '1', curatorUserId: '', middleName: '  ' }));
    expect(input).toEqual({ name: '', course: 1, curatorUserId: null, active: false });
    expect(schema.safeParse(input).error?.issues[0]?.message).toBe('Название: заполните');
  });

  it('a file is never read as text', () => {
    const data = form({ course: '1', curatorUserId: '' });
    data.append('name', new Blob(['x']), 'x.txt');
    expect(formInput(schema, data)).not.toHaveProperty('name');
  });
});
