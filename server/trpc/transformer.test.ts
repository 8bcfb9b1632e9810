import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { isPlainJson, transformer } from './transformer';

/** What the browser reads: its superjson, from the JSON text the server sent. */
const roundTrip = (value: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(transformer.serialize(value))) as never);

describe('the API transformer', () => {
  const plain = {
    header: { group: 'ИС-21', terms: [{ id: 1, name: '1 семестр' }] },
    rows: [{ no: 1, values: ['5', null, 'зач'], counted: true, missed: 0 }],
    empty: [],
    nested: [[1, 2.5], [-3]],
  };

  it('sends a plain JSON answer as is, without superjson’s walk', () => {
    expect(isPlainJson(plain)).toBe(true);
    const sent = transformer.serialize(plain) as { json: unknown; meta?: unknown };
    expect(sent.json).toBe(plain);
    expect(sent.meta).toBeUndefined();
    expect(roundTrip(plain)).toEqual(plain);
  });

  it('hands anything JSON would change to superjson, and the browser gets it back intact', () => {
    const cases: unknown[] = [
      { at: new Date('2026-12-02T10:00:00Z') },
      { results: new Map([['1@2', '5']]) },
      { ids: new Set([1, 2]) },
      { note: undefined, name: 'a' },
      [1, undefined, 3],
      { score: Number.NaN },
      { score: Number.POSITIVE_INFINITY },
      { zero: -0 },
      { big: 10n },
      [[{ deep: new Date(0) }]],
    ];
    for (const value of cases) {
      expect(isPlainJson(value)).toBe(false);
      expect(roundTrip(value)).toEqual(value);
    }
    // eslint-disable-next-line no-sparse-arrays
    expect(isPlainJson([1, , 3])).toBe(false);
    class Row {
      id = 1;
    }
    expect(isPlainJson(new Row())).toBe(false);
    expect(isPlainJson(Object.assign(Object.create(null) as object, { a: 1 }))).toBe(true);
  });

  it('reads inputs as superjson sends them', () => {
    const input = { on: new Date('2026-12-03T00:00:00Z'), ids: [1, 2] };
    expect(transformer.deserialize(superjson.serialize(input))).toEqual(input);
  });
});
