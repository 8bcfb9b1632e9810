/**
 * A student's consent to a parent's access (issue #13, item 6; 152-ФЗ art. 9; ГК РФ art. 21): from 18 a parent sees
 * the student's journal only with the student's consent, given and withdrawn here by the student for each parent linked
 * to the student's record. A decision is a new row of `parent_consents` (append-only: the history is the evidence) and
 * a line of the change log; the latest one is in force. A consent given before 18 takes effect at 18. The parent's
 * access itself is decided where every request's actor is built (server/policy/actor.ts `loadActor`).
 */
import { and, desc, eq, or, type Column, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { guardians, parentConsents, studentGuardians, students } from '../../../db/schema';
import { adultOn, isAdult, parentAccess } from '../../../domain/adult-consent';
import { formatDate, todayIn, type IsoDate } from '../../../domain/dates';
import { idSchema as id } from '../../../domain/ids';
import { compareByName, fullName, shortName } from '../../../domain/names';
import type { Actor } from '../../policy/actor';
import { studentScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { badInput, outOfScope } from '../refusals';

/**
 * One decision: the parent (`guardianId`), given (`granted`) or withdrawn; `studentId` names the own record when the
 * parent is linked to more than one of them (a form sends it always).
 */
export const setParentConsentInput = z.object({
  guardianId: id,
  studentId: id.optional(),
  granted: z.boolean({ error: 'Решение: дать согласие или отозвать' }),
});

export interface ConsentDecisionRow {
  granted: boolean;
  decidedAt: Date;
}

export interface ConsentGuardian {
  id: number;
  /** «Павлова Виктория Романовна». */
  name: string;
  /** мать, отец, опекун… */
  relation: string;
  /** Whether the parent has a login: without one the parent sees nothing anyway. */
  hasLogin: boolean;
  /** The decision in force; null when the student has made none about this parent. */
  inForce: ConsentDecisionRow | null;
  /** Whether this parent may see the student's journal today. */
  seesJournal: boolean;
  /** Every decision about this parent, the latest first. */
  history: ConsentDecisionRow[];
}

export interface ConsentStudent {
  id: number;
  institutionId: number;
  name: string;
  birthDate: IsoDate | null;
  /** The day the student turns (turned) 18; null when the birth date is unknown. */
  adultOn: IsoDate | null;
  /** 18 or older today. */
  adult: boolean;
  guardians: ConsentGuardian[];
}

type StudentKey = { institutionId: number; id: number };

/** Rows of the given students (each with its institution). */
function anyStudent(table: { institutionId: Column; studentId: Column }, list: StudentKey[]): SQL | undefined {
  return or(...list.map((s) => and(eq(table.institutionId, s.institutionId), eq(table.studentId, s.id))));
}

/**
 * The student's own records, each with the parents linked to it, the decision in force about each and the history.
 * `today` is the college's day.
 */
export async function consentOverview(db: Db, actor: Actor, today: IsoDate): Promise<ConsentStudent[]> {
  const own = await db
    .select({
      id: students.id,
      institutionId: students.institutionId,
      lastName: students.lastName,
      firstName: students.firstName,
      middleName: students.middleName,
      birthDate: students.birthDate,
    })
    .from(students)
    .where(studentScope(actor, 'family.consent'));
  if (own.length === 0) return [];
  const links = await db
    .select({
      institutionId: studentGuardians.institutionId,
      studentId: studentGuardians.studentId,
      relation: studentGuardians.relation,
      id: guardians.id,
      lastName: guardians.lastName,
      firstName: guardians.firstName,
      middleName: guardians.middleName,
      userId: guardians.userId,
    })
    .from(studentGuardians)
    .innerJoin(
      guardians,
      and(eq(guardians.institutionId, studentGuardians.institutionId), eq(guardians.id, studentGuardians.guardianId)),
    )
    .where(anyStudent(studentGuardians, own));
  const decisions = await db
    .select({
      institutionId: parentConsents.institutionId,
      studentId: parentConsents.studentId,
      guardianId: parentConsents.guardianId,
      granted: parentConsents.granted,
      decidedAt: parentConsents.decidedAt,
    })
    .from(parentConsents)
    .where(anyStudent(parentConsents, own))
    .orderBy(desc(parentConsents.id));
  return own.sort(compareByName).map((s) => ({
    id: s.id,
    institutionId: s.institutionId,
    name: fullName(s),
    birthDate: s.birthDate,
    adultOn: s.birthDate ? adultOn(s.birthDate) : null,
    adult: isAdult(s.birthDate, today),
    guardians: links
      .filter((l) => l.institutionId === s.institutionId && l.studentId === s.id)
      .sort(compareByName)
      .map((l) => {
        const history = decisions
          .filter((d) => d.institutionId === s.institutionId && d.studentId === s.id && d.guardianId === l.id)
          .map((d) => ({ granted: d.granted, decidedAt: d.decidedAt }));
        const inForce = history[0] ?? null;
        const latest = inForce && { granted: inForce.granted, on: todayIn(actor.timeZone, inForce.decidedAt) };
        return {
          id: l.id,
          name: fullName(l),
          relation: l.relation,
          hasLogin: l.userId !== null,
          inForce,
          seesJournal: l.userId !== null && parentAccess(s.birthDate, latest, today).access,
          history,
        };
      }),
  }));
}

/**
 * The student gives or withdraws the consent for one parent linked to the own record; a decision equal to the one in
 * force is refused. Returns what was done, in Russian.
 */
export async function setParentConsent(
  db: Db,
  actor: Actor,
  input: z.infer<typeof setParentConsentInput>,
  today: IsoDate,
): Promise<string> {
  return inTransaction(db, async (tx) => {
    // The link, locked: two decisions about one parent at once are taken one after the other.
    const links = await tx
      .select({
        institutionId: studentGuardians.institutionId,
        studentId: studentGuardians.studentId,
        birthDate: students.birthDate,
        lastName: guardians.lastName,
        firstName: guardians.firstName,
        middleName: guardians.middleName,
      })
      .from(studentGuardians)
      .innerJoin(
        students,
        and(eq(students.institutionId, studentGuardians.institutionId), eq(students.id, studentGuardians.studentId)),
      )
      .innerJoin(
        guardians,
        and(eq(guardians.institutionId, studentGuardians.institutionId), eq(guardians.id, studentGuardians.guardianId)),
      )
      .where(
        and(
          eq(studentGuardians.guardianId, input.guardianId),
          input.studentId === undefined ? undefined : eq(studentGuardians.studentId, input.studentId),
          studentScope(actor, 'family.consent'),
        ),
      )
      .for('update', { of: studentGuardians });
    // Somebody who is not one's own parent is refused as any record out of scope: whether they exist is not told.
    if (links.length === 0) throw outOfScope();
    if (links.length > 1) throw badInput('Студент: укажите, о какой из ваших записей решение');
    const link = links[0]!;
    const pair = and(
      eq(parentConsents.institutionId, link.institutionId),
      eq(parentConsents.studentId, link.studentId),
      eq(parentConsents.guardianId, input.guardianId),
    );
    const [inForce] = await tx
      .select({ id: parentConsents.id, granted: parentConsents.granted, decidedAt: parentConsents.decidedAt })
      .from(parentConsents)
      .where(pair)
      .orderBy(desc(parentConsents.id))
      .limit(1);
    if (input.granted && inForce?.granted) throw badInput('Согласие уже дано');
    if (!input.granted && inForce && !inForce.granted) throw badInput('Согласие уже отозвано');
    if (!input.granted && !inForce) throw badInput('Согласие не было дано: отзывать нечего');
    const [row] = await tx
      .insert(parentConsents)
      .values({
        institutionId: link.institutionId,
        studentId: link.studentId,
        guardianId: input.guardianId,
        granted: input.granted,
        decidedBy: actor.userId,
      })
      .returning({ id: parentConsents.id, decidedAt: parentConsents.decidedAt });
    await logAdminChange(
      tx,
      actor,
      link.institutionId,
      'parent_consent',
      inForce ? { consentId: inForce.id, granted: inForce.granted } : null,
      { consentId: row!.id, studentId: link.studentId, guardianId: input.guardianId, granted: input.granted },
      input.granted ? 'Согласие на доступ родителя дано' : 'Согласие на доступ родителя отозвано',
    );
    const who = shortName(link);
    const minor = link.birthDate !== null && !isAdult(link.birthDate, today);
    const at18 = link.birthDate ? formatDate(adultOn(link.birthDate)) : '';
    if (input.granted)
      return minor
        ? `Согласие дано: ${who} будет видеть ваш журнал и после ${at18}, когда вам исполнится 18 лет`
        : `Согласие дано: ${who} видит ваш журнал`;
    return minor
      ? `Согласие отозвано: до ${at18} ${who} видит ваш журнал как законный представитель, с этого дня — нет`
      : `Согласие отозвано: ${who} больше не видит ваш журнал`;
  });
}
