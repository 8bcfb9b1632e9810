/**
 * The audit walk's cases (server/routers/audit-completeness.test.ts): one valid change of every kind, by area, in the
 * order they run (later cases use what earlier ones made; closing the year last).
 */
import type { RoleFixtures } from '../role-fixtures';
import { journalCases } from './journal';
import { peopleCases } from './people';
import { planCases } from './plan';
import { timetableCases } from './timetable';
import { controlCases } from './control';
import type { AuditCase, Made } from './shared';

export function auditCases(fx: RoleFixtures, made: Made): AuditCase[] {
  return [journalCases, peopleCases, timetableCases, controlCases, planCases].flatMap((area) => area(fx, made));
}
