/**
 * Issue #14, item 5: every procedure of the router called with malformed input — wrong types, huge strings and arrays,
 * negative and huge ids, dates no calendar has, NUL bytes — as a role that holds its permission: each answer is a
 * refusal (400 with a Russian message, 403, 404, 409), never a 500, and none of them writes anything. SQL and HTML in a
 * string are not malformed: they may be saved (shown as text everywhere) or refused, but never break the server.
 */
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { queryRows } from '../../db/client';
import { ROLES } from '../../domain/roles';
import { formActions } from '../../test/form-actions';
import { useRoleFixtures } from '../../test/role-fixtures';
import { roleHas, type Permission } from '../policy/permissions';
import { createCallerFactory } from '../trpc/init';
import { appRouter } from './index';

const fx = useRoleFixtures();
/** Every server action (test/form-actions.ts, the same list the action matrix covers). */
const ACTION_NAMES = Object.keys(await formActions());
const createCaller = createCallerFactory(appRouter);

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** A value the schema likely takes (ids → 1, dates → a school day): the base a malformed field is put into. */
function plausible(schema: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, plausible(v)]));
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return plausible(def.innerType);
    case 'pipe':
      return plausible(def.in);
    case 'lazy':
      return plausible((def.getter as () => unknown)());
    case 'string': {
      const candidates = ['Тестовое значение', '2026-12-07', '08:30', 'abc123', 'Тест'];
      return candidates.find((c) => (schema as z.ZodType).safeParse(c).success) ?? 'Тест';
    }
    case 'number':
    case 'int':
    case 'bigint':
      return 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return [];
    case 'record':
      return {};
    case 'union':
    case 'discriminatedUnion':
      return plausible((def.options as unknown[])[0]);
    case 'intersection':
      return { ...(plausible(def.left) as object), ...(plausible(def.right) as object) };
    case 'tuple':
      return (def.items as unknown[]).map(plausible);
    default:
      return undefined;
  }
}

/** Ids of the demo college the fields are named after, so that a malformed field reaches past the others' checks. */
function fixtureIds(): Record<string, number> {
  return {
    groupId: fx.curatorGroupId,
    assignmentId: fx.journalId,
    teachingAssignmentId: fx.journalId,
    fromAssignmentId: fx.journalId,
    studentId: fx.someStudent,
    lessonId: fx.lessonWithMarks,
    termId: fx.termId,
    remarkId: fx.remarkId,
    noticeId: fx.noticeId,
    entryId: fx.ownPlacement,
    jobId: fx.reportJobId,
    curriculumId: fx.ownCurriculum.id,
    specialtyId: fx.ownCurriculum.specialtyId,
    guardianId: fx.parentGuardianId,
    userId: fx.actors.teacher.userId,
    teacherUserId: fx.actors.teacher.userId,
    yearId: 1,
  };
}

/** The plausible input with the fixtures' ids in the fields named after them. */
function baseInput(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  const base = plausible(schema);
  if (!base || typeof base !== 'object' || Array.isArray(base)) return base;
  const ids = fixtureIds();
  return Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, typeof v === 'number' && ids[k] !== undefined ? ids[k] : v]),
  );
}

/** Values no field of this product takes. */
const MALFORMED: { name: string; value: unknown; onlyDates?: boolean }[] = [
  { name: 'an object for a scalar', value: { $gt: '' } },
  { name: 'a huge string', value: 'Я'.repeat(200_000) },
  { name: 'a huge array', value: Array.from({ length: 100_000 }, () => 1) },
  { name: 'a negative id', value: -1 },
  { name: 'an id beyond integer', value: 2 ** 31 },
  { name: 'a fraction', value: 1.5 },
  { name: 'a date no calendar has', value: '2026-02-30', onlyDates: true },
  { name: 'a NUL byte', value: 'Тест\u0000' },
  { name: 'Infinity', value: Number.POSITIVE_INFINITY },
  { name: 'a list with an id beyond integer', value: [2 ** 31] },
  { name: 'a list with a NUL byte', value: ['\u0000'] },
];
/** Values a string field may take or refuse, but that must never break the server. */
const HOSTILE: { name: string; value: unknown }[] = [
  { name: 'SQL', value: "'); drop table users; --" },
  { name: 'HTML', value: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
];

async function writes(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    fx.database.db,
    sql`select (select count(*) from edit_batches)::int + (select count(*) from change_log)::int as n`,
  );
  return row!.n;
}

/** Every procedure; closing and opening a year last, so that the others run on the demo college's open year. */
const procedures = Object.entries(appRouter._def.procedures as Record<string, unknown>)
  .map(([path, procedure]) => {
    const def = (procedure as { _def: { inputs: unknown[]; meta?: { permission?: Permission } } })._def;
    return { path, input: def.inputs[0] as z.ZodType | undefined, permission: def.meta?.permission };
  })
  .sort((a, b) => Number(a.path.startsWith('years.')) - Number(b.path.startsWith('years.')));

function callerAt(path: string, role: (typeof ROLES)[number]) {
  const caller = createCaller({ db: fx.database.db, actor: fx.actors[role] }) as unknown as Record<string, unknown>;
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return target as (input: unknown) => Promise<unknown>;
}

/** The refusals a malformed input may get: never INTERNAL_SERVER_ERROR. */
const REFUSALS = new Set(['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAUTHORIZED']);

/** The malformed and hostile variants of an input: the whole of it, and each of its fields in turn. */
function variants(schema: z.ZodType | undefined) {
  const base = baseInput(schema);
  const fields = base && typeof base === 'object' && !Array.isArray(base) ? Object.keys(base) : [];
  const inputs: { name: string; input: unknown; malformed: boolean }[] = [
    { name: 'a number for the whole input', input: 42, malformed: schema !== undefined },
    { name: 'a string for the whole input', input: 'x', malformed: schema !== undefined },
  ];
  for (const field of fields) {
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(String((base as Record<string, unknown>)[field]));
    for (const m of MALFORMED.filter((m) => !m.onlyDates || isDate))
      inputs.push({ name: `${field}: ${m.name}`, input: { ...(base as object), [field]: m.value }, malformed: true });
    for (const h of HOSTILE)
      inputs.push({ name: `${field}: ${h.name}`, input: { ...(base as object), [field]: h.value }, malformed: false });
  }
  return inputs;
}

/** What went wrong with the variants: a 500, a 400 without Russian, a malformed input written. */
async function problemsOf(schema: z.ZodType | undefined, call: (input: unknown) => Promise<unknown>) {
  const problems: string[] = [];
  for (const { name, input, malformed } of variants(schema)) {
    const before = malformed ? await writes() : 0;
    try {
      await call(input);
      // Accepted: only if the schema really takes it (a field it ignores) — then it wrote nothing.
      if (malformed && schema !== undefined && (await writes()) !== before)
        problems.push(`${name}: accepted and written`);
    } catch (error) {
      if (!(error instanceof TRPCError) || !REFUSALS.has(error.code)) {
        const code = error instanceof TRPCError ? error.code : 'thrown';
        problems.push(`${name}: ${code} — ${String((error as Error).message).slice(0, 200)}`);
        continue;
      }
      if (error.code === 'BAD_REQUEST' && !/[А-Яа-яЁё]/.test(error.message))
        problems.push(`${name}: 400 without a Russian message — ${error.message.slice(0, 200)}`);
      if (malformed && (await writes()) !== before) problems.push(`${name}: refused but written`);
    }
  }
  return problems;
}

describe('malformed input to every procedure', () => {
  it('knows every procedure’s permission', () => {
    expect(procedures.filter((p) => !p.permission).map((p) => p.path)).toEqual([]);
  });

  it.each(procedures.map((p) => [p.path, p] as const))('%s: refused, never a 500, nothing written', async (_, p) => {
    const role = ROLES.find((r) => roleHas(r, p.permission!));
    if (!role) return;
    expect(await problemsOf(p.input, callerAt(p.path, role))).toEqual([]);
  });
});

const CODE_OF = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
} as const;

describe('malformed input to every server action', () => {
  it.each(ACTION_NAMES)('%s: refused, never a 500, nothing written', async (name) => {
    const action = fx.actions[name]!;
    const role = ROLES.find((r) => roleHas(r, action.permission));
    if (!role) return;
    // The action's answer as tRPC's error, so that both are judged alike.
    const call = async (input: unknown) => {
      const result = await action.perform({ db: fx.database.db, actor: fx.actors[role] }, input);
      if (!result.ok) throw new TRPCError({ code: CODE_OF[result.status], message: result.error });
      return result;
    };
    expect(await problemsOf(action.schema, call)).toEqual([]);
  });
});
