/**
 * Import of a group's students from XLSX or CSV (curator of the group, administrator): every row validated, checked
 * against the database (record book numbers, students already in the group), then all imported in one transaction
 * by the order given on the form — or nobody, with every bad row and its reason.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { groups, guardians, studentGuardians, students } from '../../../db/schema';
import type { RowError } from '../../../domain/curriculum-template';
import { formatDate } from '../../../domain/dates';
import { personKey } from '../../../domain/names';
import { parseStudentRows, STUDENT_COLUMNS } from '../../../domain/student-import';
import type { Actor } from '../../policy/actor';
import { groupScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { readTable, withCellProblems } from '../spreadsheet';
import { guardiansWithPhones, sameGuardian } from './student-details';
import { groupMembersFrom } from '../../queries/people';
import { idSchema, isoDateSchema } from '../../../domain/ids';
import { outOfScope } from '../refusals';
import { enrolMembership } from '../contingent/movement';

export const importStudentsInput = z.object({
  groupId: idSchema,
  effectiveOn: isoDateSchema('Дата зачисления'),
  orderNo: z.string().trim().min(1, 'Номер приказа: заполните').max(50),
  orderDate: isoDateSchema('Дата приказа'),
  fileName: z.string().max(300),
  file: z.string().min(1, 'Файл: выберите файл XLSX или CSV').max(7_000_000, 'Файл: не больше 5 МБ'),
});

/** `guardians`: parents added; `knownGuardians`: parents already in the college, linked to their new children. */
export type StudentImportResult =
  { ok: true; imported: number; guardians: number; knownGuardians: number } | { ok: false; errors: RowError[] };

export async function importStudents(
  db: Db,
  actor: Actor,
  input: z.infer<typeof importStudentsInput>,
  today: string,
): Promise<StudentImportResult> {
  const [group] = await db
    .select({ id: groups.id, institutionId: groups.institutionId, name: groups.name })
    .from(groups)
    .where(and(eq(groups.id, input.groupId), groupScope(actor, 'students.import'), isNull(groups.graduatedOn)));
  if (!group) throw outOfScope();
  const institutionId = group.institutionId;
  const table = await readTable(Buffer.from(input.file, 'base64'), STUDENT_COLUMNS, { csv: true });
  if (!table.ok) return table;
  const { students: parsed, errors: parseErrors } = parseStudentRows(table.rows, today);
  const errors = withCellProblems(table.rows, parseErrors);
  if (errors.length) return { ok: false, errors };

  // Against the database: record book numbers are unique in the college; a student already in the group is not added twice.
  const books = parsed.map((s) => s.recordBookNo).filter((b): b is string => b !== null);
  const takenBooks = books.length
    ? await db
        .select({ no: students.recordBookNo })
        .from(students)
        .where(and(eq(students.institutionId, institutionId), inArray(students.recordBookNo, books)))
    : [];
  const members = await groupMembersFrom(db, institutionId, group.id, input.effectiveOn);
  const dbErrors: RowError[] = [];
  for (const s of parsed) {
    if (s.recordBookNo && takenBooks.some((t) => t.no === s.recordBookNo))
      dbErrors.push({
        row: s.row,
        message: `№ зачётной книжки: ${s.recordBookNo} уже выдан другому студенту колледжа`,
      });
    // «Семенов Артем» and «СЕМЁНОВ АРТЁМ» are «Семёнов Артём»: names compared by the one normalisation.
    const same = members.find(
      (m) => personKey(m) === personKey(s) && (s.birthDate === null || m.birthDate === s.birthDate),
    );
    if (same)
      dbErrors.push({ row: s.row, message: `Студент: ${s.lastName} ${s.firstName} уже в группе ${group.name}` });
  }
  if (dbErrors.length) return { ok: false, errors: dbErrors };

  // One parent of several children (twins on two rows, a sibling enrolled earlier) is one record and one login: parents
  // with the same name and phone are linked, whether met earlier in the file or already in the college.
  const knownGuardians = await guardiansWithPhones(
    db,
    institutionId,
    parsed.map((s) => s.guardian?.phone),
  );

  return inTransaction(db, async (tx) => {
    const linked: {
      id: number;
      lastName: string;
      firstName: string;
      middleName: string | null;
      phone: string | null;
    }[] = [];
    let guardianCount = 0;
    let knownCount = 0;
    for (const s of parsed) {
      const [student] = await tx
        .insert(students)
        .values({
          institutionId,
          lastName: s.lastName,
          firstName: s.firstName,
          middleName: s.middleName,
          birthDate: s.birthDate,
          recordBookNo: s.recordBookNo,
          phone: s.phone,
          email: s.email,
        })
        .returning({ id: students.id });
      await enrolMembership(tx, institutionId, student!.id, group.id, input);
      const g = s.guardian;
      if (g) {
        let guardian = linked.find((l) => sameGuardian(l, g));
        if (!guardian) {
          const known = knownGuardians.find((k) => sameGuardian(k, g));
          if (known) knownCount++;
          else guardianCount++;
          guardian = known ?? {
            ...g,
            id: (
              await tx
                .insert(guardians)
                .values({
                  institutionId,
                  lastName: g.lastName,
                  firstName: g.firstName,
                  middleName: g.middleName,
                  phone: g.phone,
                })
                .returning({ id: guardians.id })
            )[0]!.id,
          };
          linked.push(guardian);
        }
        await tx
          .insert(studentGuardians)
          .values({ institutionId, studentId: student!.id, guardianId: guardian.id, relation: g.relation });
      }
    }
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'movement',
      null,
      {
        kind: 'import',
        groupId: group.id,
        students: parsed.length,
        guardians: guardianCount,
        knownGuardians: knownCount,
        file: input.fileName,
      },
      `Приказ № ${input.orderNo} от ${formatDate(input.orderDate)}: зачисление списком в группу ${group.name}`,
    );
    return { ok: true as const, imported: parsed.length, guardians: guardianCount, knownGuardians: knownCount };
  });
}
