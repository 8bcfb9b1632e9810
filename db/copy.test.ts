import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnsOf, copyField, copyLine, copyRows } from './copy';
import { serverUrl, withDatabase } from '../test/database';

describe('COPY text format', () => {
  it('writes null as \\N, booleans as t/f, numbers and JSON as they are', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(42)).toBe('42');
    expect(copyField(0.25)).toBe('0.25');
    expect(copyField([])).toBe('[]');
    expect(copyField({ a: 'б' })).toBe('{"a":"б"}');
    expect(copyField(new Date('2026-09-01T05:30:00Z'))).toBe('2026-09-01T05:30:00.000Z');
  });

  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyField('Иванов И. И.')).toBe('Иванов И. И.');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('')).toBe('');
  });

  it('lays a row out by the columns of all rows, absent keys null', () => {
    const rows = [
      { a: 1, b: 'x' },
      { a: 2, c: true },
    ];
    expect(columnsOf(rows)).toEqual(['a', 'b', 'c']);
    expect(copyLine(rows[1]!, columnsOf(rows))).toBe('2\t\\N\tt\n');
  });
});

describe.skipIf(!serverUrl())('COPY into PostgreSQL', () => {
  const name = `ezh_copy_${process.pid}_${Date.now()}`;
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  beforeAll(async () => {
    admin = postgres(serverUrl()!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    sql = postgres(withDatabase(serverUrl()!, name), { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await admin?.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
  });

  it('reads back every value as written, with defaults for the columns no row has', async () => {
    await sql`CREATE TABLE t (id int PRIMARY KEY, name text, flag boolean, doc jsonb, at timestamptz, n int DEFAULT 7)`;
    const rows = [
      {
        id: 1,
        name: 'Табуляция\tи\nперевод строки \\ обратная черта',
        flag: true,
        doc: [],
        at: '2026-09-01T08:30:00+04:00',
      },
      { id: 2, name: null, flag: false, doc: { k: 'з' } },
      ...Array.from({ length: 20_000 }, (_, i) => ({ id: i + 3, name: `строка ${i}` })),
    ];
    await sql.begin((tx) => copyRows(tx, 't', rows));
    const [first, second] = await sql`SELECT * FROM t WHERE id <= 2 ORDER BY id`;
    expect(first).toMatchObject({ id: 1, name: rows[0]!.name, flag: true, doc: [], n: 7 });
    expect((first!.at as Date).toISOString()).toBe('2026-09-01T04:30:00.000Z');
    expect(second).toMatchObject({ id: 2, name: null, flag: false, doc: { k: 'з' }, at: null });
    const [{ count }] = (await sql`SELECT count(*)::int AS count FROM t`) as unknown as [{ count: number }];
    expect(count).toBe(rows.length);
  });

  it('commits nothing when a row breaks a constraint', async () => {
    await sql`CREATE TABLE u (id int PRIMARY KEY)`;
    await expect(sql.begin((tx) => copyRows(tx, 'u', [{ id: 1 }, { id: 1 }]))).rejects.toThrow(/duplicate key/);
    const [{ count }] = (await sql`SELECT count(*)::int AS count FROM u`) as unknown as [{ count: number }];
    expect(count).toBe(0);
  });
});
