import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../client';
import { resetDatabase } from '../reset';
import { openTestDatabase } from '../../test/database';
import { isTimeZone, utcOffset } from '../../domain/dates';
import { DEMO_LOGINS, DEMO_REGIONAL_LOGIN, IDENTITY_TABLES, STRUCTURE_TABLES } from './index';
import { planCollege } from './plan';
import { collegeAsOf, REGION_CITIES, regionCollege, seedRegion, type RegionSummary } from './region';

// Three colleges of the demo size with three weeks of lessons: the same code path as the region command, with COPY on
// PostgreSQL (TEST_DATABASE_URL) and bulk INSERT on PGlite.
const REGION = { colleges: 3, collegeScale: 'demo' as const, seed: 11, asOf: '2026-09-19' };

async function emptyDatabase(): Promise<Database> {
  const database = await openTestDatabase();
  await resetDatabase(database);
  return database;
}

/** Every seeded table's rows as one digest, without what the database fills itself (salted hashes, now()). */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of [...STRUCTURE_TABLES, 'lessons', 'journal_cells']) {
    const t = sql.identifier(table);
    const [row] = await queryRows<{ n: number; digest: string | null }>(
      database.db,
      sql`SELECT count(*)::int AS n, md5(string_agg(r, '|' ORDER BY r)) AS digest
          FROM (SELECT (to_jsonb(x) - 'password_hash' - 'created_at')::text AS r FROM ${t} x) s`,
    );
    digests[table] = `${row!.n}:${row!.digest}`;
  }
  return digests;
}

describe('region colleges', () => {
  it('spread the first eleven over all eleven offsets of Russia, each zone known, prefixes unique', () => {
    const colleges = Array.from({ length: 60 }, (_, i) => regionCollege(i, 2026).identity);
    const offsets = new Set(colleges.slice(0, 11).map((c) => c.utcOffset));
    expect([...offsets].sort()).toEqual([
      '+02:00',
      '+03:00',
      '+04:00',
      '+05:00',
      '+06:00',
      '+07:00',
      '+08:00',
      '+09:00',
      '+10:00',
      '+11:00',
      '+12:00',
    ]);
    expect(new Set(colleges.slice(0, REGION_CITIES.length + 1).map((c) => c.timeZone)).size).toBe(
      REGION_CITIES.length + 1,
    );
    for (const c of colleges) {
      expect(isTimeZone(c.timeZone!), c.timeZone!).toBe(true);
      expect(c.utcOffset).toBe(utcOffset(c.timeZone!, new Date('2027-03-01T00:00:00Z')));
      expect(c.shortName).toMatch(/^ГБПОУ «.*колледж.*»$/i);
    }
    expect(colleges[0]!.loginPrefix).toBe('');
    const prefixes = colleges.slice(1).map((c) => c.loginPrefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^[a-z]{3}\d*$/);
    const names = colleges.map((c) => `${c.shortName} ${c.city}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('take each college’s today in its own zone', () => {
    // 14:30 UTC: 16:30 in Kaliningrad on the 14th, 02:30 of the 15th in Kamchatka.
    const now = new Date('2026-09-14T14:30:00Z');
    const kaliningrad = regionCollege(1, 2026).identity;
    const kamchatka = regionCollege(10, 2026).identity;
    expect(kamchatka.timeZone).toBe('Asia/Kamchatka');
    expect(collegeAsOf(kaliningrad, 'college', 'today', now)).toBe('2026-09-14');
    expect(collegeAsOf(kamchatka, 'college', 'today', now)).toBe('2026-09-15');
    expect(collegeAsOf(kamchatka, 'college', '2026-10-01', now)).toBe('2026-10-01');
    expect(collegeAsOf(kamchatka, 'college', undefined, now)).toBe('2027-06-30');
  });

  it('keep the demo college as it is, and give the others their own people and logins', () => {
    const options = { scale: 'demo' as const, seed: 2026, asOf: '2026-11-27' };
    const demo = planCollege({ ...options, college: regionCollege(0, 2026).identity });
    const plain = planCollege(options);
    expect(JSON.stringify(demo.rows.students)).toBe(JSON.stringify(plain.rows.students));
    expect(demo.rows.users!.map((u) => u.login)).toEqual(plain.rows.users!.map((u) => u.login));
    const other = regionCollege(4, 2026);
    const omsk = planCollege({ ...options, seed: other.seed, college: other.identity, idsAfter: demo.lastIds });
    expect(omsk.rows.users!.every((u) => String(u.login).startsWith('oms.'))).toBe(true);
    expect(omsk.rows.users!.some((u) => u.login === 'oms.prepod')).toBe(true);
    expect(omsk.rows.users!.some((u) => u.last_name === 'Соколова' && u.first_name === 'Ирина')).toBe(false);
    expect(omsk.rows.region_admins).toBeUndefined();
    expect(Number(omsk.rows.users![0]!.id)).toBe(demo.lastIds.users! + 1);
    expect(omsk.institutionId).toBe(2);
  });
});

describe('a region in the database', () => {
  let database: Database;
  let summary: RegionSummary;
  beforeAll(async () => {
    database = await emptyDatabase();
    summary = await seedRegion(database, REGION);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('has N institutions, each with its own zone', async () => {
    const rows = await queryRows<{ id: number; time_zone: string; city: string }>(
      database.db,
      sql`SELECT id, time_zone, city FROM institutions ORDER BY id`,
    );
    expect(rows.map((r) => Number(r.id))).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.time_zone)).toEqual(['Europe/Samara', 'Europe/Kaliningrad', 'Europe/Moscow']);
    expect(summary.colleges).toBe(3);
    expect(summary.perCollege.map((c) => c.timeZone)).toEqual(rows.map((r) => r.time_zone));
    expect(summary.bytes).toBeGreaterThan(0);
    expect(summary.rows.journal_cells).toBe(summary.perCollege.reduce((sum, c) => sum + c.cells, 0));
    expect(summary.perCollege.every((c) => c.cells > 1000)).toBe(true);
  });

  it('has logins unique across the deployment: demo logins in the demo college, a prefix in every other', async () => {
    const users = await queryRows<{ login: string; institution_id: number | null }>(
      database.db,
      sql`SELECT login, institution_id FROM users`,
    );
    expect(new Set(users.map((u) => u.login)).size).toBe(users.length);
    for (const login of Object.values(DEMO_LOGINS))
      expect(
        users.filter((u) => u.login === login).map((u) => Number(u.institution_id)),
        login,
      ).toEqual([1]);
    expect(users.filter((u) => u.login === DEMO_REGIONAL_LOGIN).map((u) => u.institution_id)).toEqual([null]);
    for (const [id, prefix] of [
      [2, 'kgd.'],
      [3, 'msk.'],
    ] as const) {
      const own = users.filter((u) => Number(u.institution_id) === id);
      expect(own.length).toBeGreaterThan(20);
      expect(own.filter((u) => !u.login.startsWith(prefix))).toEqual([]);
      expect(own.some((u) => u.login === `${prefix}${DEMO_LOGINS.teacher}`)).toBe(true);
    }
  });

  it('keeps every college’s rows in that college: no reference crosses to another', async () => {
    // Foreign keys between tenant tables carry institution_id on both sides; those to users must find a user of the
    // same college (journal_cells.updated_by has no foreign key and is checked by name).
    const fks = await queryRows<{ tbl: string; col: string; target: string; with_institution: boolean }>(
      database.db,
      sql`SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS target,
            EXISTS (SELECT 1 FROM pg_attribute ia WHERE ia.attrelid = c.conrelid AND ia.attname = 'institution_id'
                      AND ia.attnum = ANY (c.conkey)) AS with_institution
          FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[array_upper(c.conkey, 1)]
          WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
            AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.conrelid AND t.attname = 'institution_id')`,
    );
    expect(fks.length).toBeGreaterThan(30);
    const tenantTargets = fks.filter((f) => f.target !== 'users' && f.target !== 'institutions');
    expect(tenantTargets.filter((f) => !f.with_institution)).toEqual([]);
    const toUsers = [...fks.filter((f) => f.target === 'users'), { tbl: 'journal_cells', col: 'updated_by' }];
    let checked = 0;
    for (const { tbl, col } of toUsers) {
      const [row] = await queryRows<{ crossing: number; total: number }>(
        database.db,
        sql`SELECT count(*) FILTER (WHERE u.institution_id IS DISTINCT FROM x.institution_id)::int AS crossing,
                   count(*)::int AS total
            FROM ${sql.identifier(tbl)} x JOIN users u ON u.id = x.${sql.identifier(col)}`,
      );
      expect(row!.crossing, `${tbl}.${col}`).toBe(0);
      checked += row!.total;
    }
    expect(checked).toBeGreaterThan(10000);
  });

  it('gives ids as one deployment’s sequences would: unique across colleges, the next insert after them', async () => {
    for (const table of IDENTITY_TABLES) {
      const [row] = await queryRows<{ n: number; ids: number; next: number; max: number | null }>(
        database.db,
        sql`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, max(id) AS max,
                   nextval(pg_get_serial_sequence(${table}, 'id'))::int AS next
            FROM ${sql.identifier(table)}`,
      );
      expect(row!.ids, table).toBe(row!.n);
      expect(row!.next, table).toBe(Number(row!.max ?? 0) + 1);
    }
  });

  it('is deterministic, and a run that stopped half-way goes on to the same region', async () => {
    const other = await emptyDatabase();
    try {
      const first = await seedRegion(other, { ...REGION, colleges: 2 });
      expect(first.perCollege.map((c) => c.institutionId)).toEqual([1, 2]);
      const rest = await seedRegion(other, REGION);
      expect(rest.resumedAfter).toBe(2);
      expect(rest.perCollege.map((c) => c.institutionId)).toEqual([3]);
      expect(await fingerprint(other)).toEqual(await fingerprint(database));
      await expect(seedRegion(other, { ...REGION, colleges: 3, collegeScale: 'college' })).rejects.toThrow(
        /не первые колледжи этого региона/,
      );
    } finally {
      await other.close();
    }
  });
});
