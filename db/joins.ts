/**
 * Join conditions many queries share: a journal (teaching assignment) with its group, term, curriculum item and
 * subgroup, a term with its academic year — always within one institution, as every key is (institution_id, id).
 * Drizzle's SQL values are immutable, so one condition serves every query that joins the same tables (not aliases).
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { academicYears, curriculumItems, groups, subgroups, teachingAssignments, terms } from './schema';

export const JOIN: Record<
  'assignmentGroup' | 'assignmentTerm' | 'assignmentItem' | 'assignmentSubgroup' | 'termYear',
  SQL
> = {
  assignmentGroup: and(
    eq(groups.institutionId, teachingAssignments.institutionId),
    eq(groups.id, teachingAssignments.groupId),
  )!,
  assignmentTerm: and(
    eq(terms.institutionId, teachingAssignments.institutionId),
    eq(terms.id, teachingAssignments.termId),
  )!,
  assignmentItem: and(
    eq(curriculumItems.institutionId, teachingAssignments.institutionId),
    eq(curriculumItems.id, teachingAssignments.curriculumItemId),
  )!,
  assignmentSubgroup: and(
    eq(subgroups.institutionId, teachingAssignments.institutionId),
    eq(subgroups.id, teachingAssignments.subgroupId),
  )!,
  termYear: and(eq(academicYears.institutionId, terms.institutionId), eq(academicYears.id, terms.academicYearId))!,
};
