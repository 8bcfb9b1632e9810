import { sql, type SQL } from 'drizzle-orm';
import { q } from '../../db/sql';
import { academicYears, groups, groupYearNames, terms } from '../../db/schema';

/**
 * The group's name in the academic year of `terms` (joined in the query): the name it had then if it has moved on
 * to a later course since, else its name now. Last year's journals read «ИС-21» after the group became «ИС-31».
 */
export const groupNameInTermYear: SQL<string> = sql<string>`coalesce((select ${q(groupYearNames.name)} from ${groupYearNames}
  where ${q(groupYearNames.institutionId)} = ${q(groups.institutionId)} and ${q(groupYearNames.groupId)} = ${q(groups.id)}
    and ${q(groupYearNames.academicYearId)} = ${q(terms.academicYearId)}), ${q(groups.name)})`;

/**
 * The curriculum semester (1…8) of the group in the term of `terms`, counted from the admission year, so that it
 * does not depend on the course the group is in now. Needs `academic_years` joined as well.
 */
export const semesterOfTerm: SQL<number> = sql<number>`((extract(year from ${q(academicYears.startsOn)})::int - ${q(groups.admissionYear)}) * 2 + ${q(terms.number)})`;
