/**
 * A parent's access to a student who has come of age (issue #13, item 6).
 *
 * At 18 a person becomes fully capable (ГК РФ art. 21 p. 1), and the parents stop being the student's legal
 * representatives: from that day the college may pass the student's personal data (marks, attendance, the timetable, the
 * report card) to a parent only with the student's own consent (152-ФЗ «О персональных данных», art. 9 p. 1: consent is
 * given by the subject of the data, freely and by their own will; p. 2: it may be withdrawn). The student gives and
 * withdraws it in the portal; each decision is a row of `parent_consents`, and the latest one of a (student, parent)
 * pair is in force. Until 18 the parent's access is as it always was, whatever the decisions.
 *
 * Pure: no I/O, «today» is the college's day (ARCHITECTURE.md «Time zones»).
 */
import { formatDate, type IsoDate } from './dates';
import { addYears } from './retention';

/** Full civil capacity (ГК РФ art. 21 p. 1). */
export const ADULT_AGE = 18;

/**
 * The day a person born on `birthDate` turns 18. A term in years ends on the same month and day of its last year, and
 * when that month has no such day, on the month's last day (ГК РФ art. 192 p. 1, 3): born 29.02.2008 → 28.02.2026.
 */
export function adultOn(birthDate: IsoDate): IsoDate {
  return addYears(birthDate.slice(0, 10), ADULT_AGE);
}

/** Whether the student is 18 or older on `today`; false when the birth date is unknown. */
export function isAdult(birthDate: IsoDate | null, today: IsoDate): boolean {
  return birthDate !== null && today >= adultOn(birthDate);
}

/** The decision in force of a student about one parent: given or withdrawn, and on which day (the college's day). */
export interface ConsentDecision {
  granted: boolean;
  on: IsoDate;
}

/**
 * What a parent may see of one child:
 * - `minor`: under 18, access as always;
 * - `consent`: 18 or older, with the student's consent in force;
 * - `unknownAge`: the college has not recorded the birth date — access as for a minor (the college cannot tell the
 *   student has come of age; the curator fills the birth date in the student's card, and the rule applies from then).
 * Without access: the day the student turned 18 and, when the student withdrew a consent, the day of the withdrawal.
 */
export type ParentAccess =
  | { access: true; basis: 'minor' | 'consent' | 'unknownAge'; adultOn: IsoDate | null }
  | { access: false; adultOn: IsoDate; withdrawnAt: IsoDate | null };

/**
 * Decides a parent's access to a child from the child's birth date (null when unknown: access as for a minor), the
 * latest decision of the child about this parent (null when none was ever made), and the college's today. A consent
 * given before 18 takes effect at 18; a withdrawal takes effect at once, at whatever age — and before 18 it does not
 * limit the parent (the parent is the legal representative then).
 */
export function parentAccess(birthDate: IsoDate | null, latest: ConsentDecision | null, today: IsoDate): ParentAccess {
  if (birthDate === null) return { access: true, basis: 'unknownAge', adultOn: null };
  const adult = adultOn(birthDate);
  if (today < adult) return { access: true, basis: 'minor', adultOn: adult };
  if (latest?.granted) return { access: true, basis: 'consent', adultOn: adult };
  return { access: false, adultOn: adult, withdrawnAt: latest ? latest.on : null };
}

/**
 * Why a parent no longer sees a child, in Russian, for the parent:
 * «Студенту исполнилось 18 лет 14.03.2026; согласие на доступ родителя не дано» or «…; согласие отозвано 02.12.2026».
 */
export function accessEndedReason(ended: { adultOn: IsoDate; withdrawnAt: IsoDate | null }): string {
  const why = ended.withdrawnAt
    ? `согласие отозвано ${formatDate(ended.withdrawnAt)}`
    : 'согласие на доступ родителя не дано';
  return `Студенту исполнилось ${ADULT_AGE} лет ${formatDate(ended.adultOn)}; ${why}`;
}

/** What the parent may do about it: the student decides, not the college. */
export const ACCESS_ENDED_HINT = 'Студент может дать согласие в своём личном кабинете';
