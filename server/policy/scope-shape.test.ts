import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { AnyRole } from '../../domain/roles';
import type { Actor, Grant } from './actor';
import type { Permission } from './permissions';
import { assignmentScope, assignmentScopeShape } from './scope';

const dialect = new PgDialect({ casing: 'snake_case' });

/** The SQL text of the scope with every value bound to a placeholder, as db/prepared.ts compiles it. */
function compiled(actor: Actor, permission: Permission): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = dialect.sqlToQuery(
    assignmentScope(actor, permission, (value) => {
      values.push(value);
      return sql`${sql.placeholder(`p${values.length - 1}`)}`;
    }),
  ).sql;
  return { text, values };
}

const actor = (userId: number, grants: [AnyRole, number, number | null, number | null][]): Actor => ({
  userId,
  login: `u${userId}`,
  lastName: 'Иванов',
  firstName: 'Иван',
  middleName: null,
  position: null,
  institutionId: grants[0]?.[1] ?? null,
  timeZone: 'Europe/Moscow',
  mustChangePassword: false,
  sessionId: null,
  grants: grants.map(([role, institutionId, departmentId, groupId]): Grant => ({
    role,
    institutionId,
    departmentId,
    groupId,
  })),
  ownStudentIds: [],
  childStudentIds: [],
  childAccessEnded: [],
});

// Pairs of actors alike in shape, different in every value.
const pairs: [Actor, Actor][] = [
  [actor(1, [['teacher', 1, null, null]]), actor(2, [['teacher', 2, null, null]])],
  [
    actor(3, [
      ['teacher', 1, null, null],
      ['curator', 1, null, 10],
    ]),
    actor(4, [
      ['teacher', 2, null, null],
      ['curator', 2, null, 20],
    ]),
  ],
  [actor(5, [['head', 1, 7, null]]), actor(6, [['head', 3, 8, null]])],
  [actor(7, [['head', 1, null, null]]), actor(8, [['head', 2, null, null]])],
  [
    actor(9, [
      ['admin', 1, null, null],
      ['methodist', 1, null, null],
    ]),
    actor(10, [
      ['admin', 2, null, null],
      ['methodist', 2, null, null],
    ]),
  ],
  [actor(11, [['student', 1, null, null]]), actor(12, [['parent', 2, null, null]])],
  [
    actor(13, [
      ['inspector', 1, null, null],
      ['teacher', 4, null, null],
    ]),
    actor(14, [
      ['inspector', 5, null, null],
      ['teacher', 6, null, null],
    ]),
  ],
];
const permissions: Permission[] = ['journal.read', 'journal.edit', 'journal.unlock'];

describe('the journal scope compiled once per shape', () => {
  it('gives actors of one shape the same SQL text, and their own values', () => {
    for (const [a, b] of pairs) {
      for (const permission of permissions) {
        expect(assignmentScopeShape(a, permission)).toBe(assignmentScopeShape(b, permission));
        const [ca, cb] = [compiled(a, permission), compiled(b, permission)];
        expect(ca.text).toBe(cb.text);
        if (ca.values.length) expect(ca.values).not.toEqual(cb.values);
      }
    }
  });

  it('never compiles one shape two ways, across all the actors', () => {
    const shapes = new Map<string, string>();
    for (const a of pairs.flat()) {
      for (const permission of permissions) {
        const key = `${permission}:${assignmentScopeShape(a, permission)}`;
        const text = compiled(a, permission).text;
        expect(shapes.get(key) ?? text).toBe(text);
        shapes.set(key, text);
      }
    }
  });
});
