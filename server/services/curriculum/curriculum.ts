/**
 * Curricula (учебные планы) per specialty and admission year: read, edit one line on screen, import and export the
 * whole plan as XLSX in the template of `domain/curriculum-template.ts`. An import with any bad row imports nothing.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type Db } from '../../../db/client';
import { q } from '../../../db/sql';
import { curricula, curriculumItems, curriculumItemTerms, specialties, teachingAssignments } from '../../../db/schema';
import { parseCurriculumRows, type PlanItem, type RowError } from '../../../domain/curriculum-template';
import type { Actor } from '../../policy/actor';
import { specialtyScope } from '../../policy/scope';
import { logAdminChange } from '../admin-log';
import { readCurriculumWorkbook } from './curriculum-xlsx';
import { badInput, outOfScope } from '../refusals';
import { withCellProblems } from '../spreadsheet';
import { idSchema as id } from '../../../domain/ids';

export interface CurriculumSummary {
  id: number;
  name: string;
  specialtyId: number;
  specialty: string;
  admissionYear: number;
  items: number;
  journals: number;
}

export interface CurriculumDetail {
  id: number;
  name: string;
  specialty: string;
  admissionYear: number;
  canEdit: boolean;
  items: (PlanItem & { id: number; journals: number })[];
}

export async function listCurricula(db: Db, actor: Actor) {
  const rows = await db
    .select({
      id: curricula.id,
      name: curricula.name,
      specialtyId: specialties.id,
      specialty: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}`,
      admissionYear: curricula.admissionYear,
      items: sql<number>`(select count(*)::int from ${curriculumItems} where ${q(curriculumItems.institutionId)} = ${q(curricula.institutionId)}
        and ${q(curriculumItems.curriculumId)} = ${q(curricula.id)})`,
      journals: sql<number>`(select count(*)::int from ${teachingAssignments} join ${curriculumItems} on ${q(curriculumItems.institutionId)} = ${q(teachingAssignments.institutionId)}
        and ${q(curriculumItems.id)} = ${q(teachingAssignments.curriculumItemId)}
        where ${q(curriculumItems.institutionId)} = ${q(curricula.institutionId)} and ${q(curriculumItems.curriculumId)} = ${q(curricula.id)})`,
    })
    .from(curricula)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, curricula.institutionId), eq(specialties.id, curricula.specialtyId)),
    )
    .where(specialtyScope(actor, 'curriculum.read'))
    .orderBy(asc(specialties.code), asc(curricula.admissionYear));
  const manageable = await db
    .select({ id: specialties.id, name: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}` })
    .from(specialties)
    .where(specialtyScope(actor, 'curriculum.manage'))
    .orderBy(asc(specialties.code));
  return { curricula: rows satisfies CurriculumSummary[], specialtiesToImport: manageable };
}

async function curriculumInScope(
  db: Db,
  actor: Actor,
  curriculumId: number,
  permission: 'curriculum.read' | 'curriculum.manage',
) {
  const [row] = await db
    .select({
      id: curricula.id,
      institutionId: curricula.institutionId,
      name: curricula.name,
      admissionYear: curricula.admissionYear,
      specialty: sql<string>`${q(specialties.code)} || ' ' || ${q(specialties.name)}`,
      canEdit: sql<boolean>`(${specialtyScope(actor, 'curriculum.manage')})`,
    })
    .from(curricula)
    .innerJoin(
      specialties,
      and(eq(specialties.institutionId, curricula.institutionId), eq(specialties.id, curricula.specialtyId)),
    )
    .where(and(eq(curricula.id, curriculumId), specialtyScope(actor, permission)));
  if (!row) throw outOfScope();
  return row;
}

async function itemsOf(db: Db, institutionId: number, curriculumId: number) {
  const items = await db
    .select({
      id: curriculumItems.id,
      parentId: curriculumItems.parentId,
      cycle: curriculumItems.cycle,
      kind: curriculumItems.kind,
      code: curriculumItems.code,
      name: curriculumItems.name,
      shortName: curriculumItems.shortName,
      journals: sql<number>`(select count(*)::int from ${teachingAssignments} where ${q(teachingAssignments.institutionId)} = ${q(curriculumItems.institutionId)}
        and ${q(teachingAssignments.curriculumItemId)} = ${q(curriculumItems.id)})`,
    })
    .from(curriculumItems)
    .where(and(eq(curriculumItems.institutionId, institutionId), eq(curriculumItems.curriculumId, curriculumId)))
    .orderBy(asc(curriculumItems.sortOrder), asc(curriculumItems.code));
  const ids = items.map((i) => i.id);
  const termRows = ids.length
    ? await db
        .select()
        .from(curriculumItemTerms)
        .where(
          and(eq(curriculumItemTerms.institutionId, institutionId), inArray(curriculumItemTerms.curriculumItemId, ids)),
        )
        .orderBy(asc(curriculumItemTerms.semester))
    : [];
  const codeOf = new Map(items.map((i) => [i.id, i.code]));
  return items.map((i) => ({
    id: i.id,
    cycle: i.cycle,
    kind: i.kind as PlanItem['kind'],
    code: i.code,
    name: i.name,
    shortName: i.shortName,
    parentCode: i.parentId === null ? null : (codeOf.get(i.parentId) ?? null),
    journals: i.journals,
    semesters: termRows
      .filter((t) => t.curriculumItemId === i.id)
      .map((t) => ({
        semester: t.semester,
        hoursTotal: t.hoursTotal,
        hoursTheory: t.hoursTheory,
        hoursPractice: t.hoursPractice,
        hoursLab: t.hoursLab,
        hoursSelfStudy: t.hoursSelfStudy,
        attestationForm: t.attestationForm,
      })),
  }));
}

export const curriculumInput = z.object({ curriculumId: id });

export async function getCurriculum(
  db: Db,
  actor: Actor,
  input: z.infer<typeof curriculumInput>,
): Promise<CurriculumDetail> {
  const c = await curriculumInScope(db, actor, input.curriculumId, 'curriculum.read');
  return {
    id: c.id,
    name: c.name,
    specialty: c.specialty,
    admissionYear: c.admissionYear,
    canEdit: c.canEdit,
    items: await itemsOf(db, c.institutionId, c.id),
  };
}

/** Writes plan items: updates lines by code, adds new ones, replaces their semesters; returns the ids by code. */
async function writeItems(
  tx: Db,
  institutionId: number,
  curriculumId: number,
  items: PlanItem[],
  existing: { id: number; code: string }[],
  firstSortOrder: number,
) {
  const idByCode = new Map(existing.map((e) => [e.code, e.id]));
  for (const [index, item] of items.entries()) {
    const values = {
      cycle: item.cycle,
      kind: item.kind,
      code: item.code,
      name: item.name,
      shortName: item.shortName,
      sortOrder: firstSortOrder + index,
    };
    const known = idByCode.get(item.code);
    if (known !== undefined) {
      await tx
        .update(curriculumItems)
        .set(values)
        .where(and(eq(curriculumItems.institutionId, institutionId), eq(curriculumItems.id, known)));
    } else {
      const [created] = await tx
        .insert(curriculumItems)
        .values({ institutionId, curriculumId, ...values })
        .returning({ id: curriculumItems.id });
      idByCode.set(item.code, created!.id);
    }
  }
  for (const item of items) {
    const itemId = idByCode.get(item.code)!;
    const parentId = item.parentCode ? (idByCode.get(item.parentCode) ?? null) : null;
    await tx
      .update(curriculumItems)
      .set({ parentId })
      .where(and(eq(curriculumItems.institutionId, institutionId), eq(curriculumItems.id, itemId)));
  }
  const ids = items.map((i) => idByCode.get(i.code)!);
  if (ids.length)
    await tx
      .delete(curriculumItemTerms)
      .where(
        and(eq(curriculumItemTerms.institutionId, institutionId), inArray(curriculumItemTerms.curriculumItemId, ids)),
      );
  const termValues = items.flatMap((item) =>
    item.semesters.map((s) => ({ institutionId, curriculumItemId: idByCode.get(item.code)!, ...s })),
  );
  if (termValues.length) await tx.insert(curriculumItemTerms).values(termValues);
  return idByCode;
}

export const importCurriculumInput = z.object({
  specialtyId: id,
  admissionYear: z.number().int().min(2000, 'Год набора: не раньше 2000').max(2100, 'Год набора: не позже 2100'),
  fileName: z.string().max(300),
  /** The XLSX file, base64. */
  file: z.string().min(1, 'Файл: выберите файл XLSX').max(7_000_000, 'Файл: не больше 5 МБ'),
});

export type ImportResult =
  { ok: true; curriculumId: number; items: number; semesters: number } | { ok: false; errors: RowError[] };

/** Imports a whole plan: every row validated first; any bad row → nothing imported and every bad row reported. */
export async function importCurriculum(
  db: Db,
  actor: Actor,
  input: z.infer<typeof importCurriculumInput>,
): Promise<ImportResult> {
  const [specialty] = await db
    .select({
      id: specialties.id,
      institutionId: specialties.institutionId,
      code: specialties.code,
      name: specialties.name,
    })
    .from(specialties)
    .where(and(eq(specialties.id, input.specialtyId), specialtyScope(actor, 'curriculum.manage')));
  if (!specialty) throw outOfScope();
  const institutionId = specialty.institutionId;
  const sheet = await readCurriculumWorkbook(Buffer.from(input.file, 'base64'));
  if (!sheet.ok) return { ok: false, errors: sheet.errors };
  const parsed = parseCurriculumRows(sheet.rows);
  const errors = withCellProblems(sheet.rows, parsed.errors);
  if (errors.length) return { ok: false, errors };
  const { items } = parsed;

  return inTransaction(db, async (tx) => {
    let [curriculum] = await tx
      .select({ id: curricula.id })
      .from(curricula)
      .where(
        and(
          eq(curricula.institutionId, institutionId),
          eq(curricula.specialtyId, specialty.id),
          eq(curricula.admissionYear, input.admissionYear),
        ),
      );
    curriculum ??= (
      await tx
        .insert(curricula)
        .values({
          institutionId,
          specialtyId: specialty.id,
          admissionYear: input.admissionYear,
          name: `РУП ${specialty.code} ${specialty.name}, набор ${input.admissionYear} г.`,
        })
        .returning({ id: curricula.id })
    )[0]!;
    const existing = await itemsOf(tx, institutionId, curriculum.id);
    const inFile = new Set(items.map((i) => i.code));
    const dropped = existing.filter((e) => !inFile.has(e.code));
    const used = dropped.filter((e) => e.journals > 0);
    if (used.length) {
      return {
        ok: false as const,
        errors: used.map((u) => ({
          row: 0,
          message: `Код ${u.code}: ведётся в журналах (${u.journals}) — его нельзя удалить из плана, оставьте строку в файле`,
        })),
      };
    }
    if (dropped.length) {
      const ids = dropped.map((d) => d.id);
      await tx
        .delete(curriculumItemTerms)
        .where(
          and(eq(curriculumItemTerms.institutionId, institutionId), inArray(curriculumItemTerms.curriculumItemId, ids)),
        );
      await tx
        .delete(curriculumItems)
        .where(and(eq(curriculumItems.institutionId, institutionId), inArray(curriculumItems.id, ids)));
    }
    await writeItems(tx, institutionId, curriculum.id, items, existing, 1);
    const semesters = items.reduce((n, i) => n + i.semesters.length, 0);
    await logAdminChange(
      tx,
      actor,
      institutionId,
      'curriculum',
      { curriculumId: curriculum.id, items: existing.length },
      {
        curriculumId: curriculum.id,
        items: items.length,
        semesters,
        removed: dropped.map((d) => d.code),
        file: input.fileName,
      },
      `Импорт учебного плана ${specialty.code}, набор ${input.admissionYear} г.`,
    );
    return { ok: true as const, curriculumId: curriculum.id, items: items.length, semesters };
  });
}

export const saveItemInput = z.object({
  curriculumId: id,
  /** The code the line had before the edit; none for a new line. */
  originalCode: z.string().max(20).optional(),
  /** The line in the template's cells: one row per semester (or one row without a semester). */
  rows: z
    .array(z.array(z.string().max(300)).max(11))
    .min(1)
    .max(8),
});

/** Saves one line edited on screen, checked by the same rules as an imported file. */
export async function saveCurriculumItem(db: Db, actor: Actor, input: z.infer<typeof saveItemInput>) {
  const c = await curriculumInScope(db, actor, input.curriculumId, 'curriculum.manage');
  const existing = await itemsOf(db, c.institutionId, c.id);
  const modules = new Set(existing.filter((e) => e.kind === 'module').map((e) => e.code));
  const { items, errors } = parseCurriculumRows(
    input.rows.map((cells, i) => ({ row: i + 1, cells })),
    modules,
  );
  if (errors.length)
    throw badInput(errors.map((e) => (input.rows.length > 1 ? `Строка ${e.row}: ${e.message}` : e.message)).join('\n'));
  if (items.length !== 1) throw badInput('Строка плана: все строки должны относиться к одному коду');
  const item = items[0]!;
  const original = input.originalCode ? existing.find((e) => e.code === input.originalCode) : undefined;
  if (input.originalCode && !original)
    throw badInput(`Код ${input.originalCode}: такой строки в плане уже нет, обновите страницу`);
  const clash = existing.find((e) => e.code === item.code && e.id !== original?.id);
  if (clash) throw badInput(`Код ${item.code}: такая строка в плане уже есть`);
  return inTransaction(db, async (tx) => {
    const known = original ? [{ id: original.id, code: item.code }] : [];
    const parents = existing.filter((e) => e.kind === 'module').map((e) => ({ id: e.id, code: e.code }));
    const sortOrder = original ? existing.indexOf(original) + 1 : existing.length + 1;
    await writeItems(
      tx,
      c.institutionId,
      c.id,
      [item],
      [...parents.filter((p) => p.code !== item.code), ...known],
      sortOrder,
    );
    await logAdminChange(
      tx,
      actor,
      c.institutionId,
      'curriculum-item',
      original ?? null,
      { curriculumId: c.id, ...item },
      `Учебный план: ${item.code}`,
    );
    return { code: item.code };
  });
}

export const deleteItemInput = z.object({ curriculumId: id, code: z.string().min(1).max(20) });

export async function deleteCurriculumItem(db: Db, actor: Actor, input: z.infer<typeof deleteItemInput>) {
  const c = await curriculumInScope(db, actor, input.curriculumId, 'curriculum.manage');
  const existing = await itemsOf(db, c.institutionId, c.id);
  const item = existing.find((e) => e.code === input.code);
  if (!item) throw badInput(`Код ${input.code}: такой строки в плане нет`);
  if (item.journals > 0) throw badInput(`Код ${item.code}: ведётся в журналах (${item.journals}) — удалить нельзя`);
  const children = existing.filter((e) => e.parentCode === item.code);
  if (children.length)
    throw badInput(
      `Код ${item.code}: сначала удалите входящие в модуль строки (${children.map((ch) => ch.code).join(', ')})`,
    );
  await inTransaction(db, async (tx) => {
    await tx
      .delete(curriculumItemTerms)
      .where(
        and(eq(curriculumItemTerms.institutionId, c.institutionId), eq(curriculumItemTerms.curriculumItemId, item.id)),
      );
    await tx
      .delete(curriculumItems)
      .where(and(eq(curriculumItems.institutionId, c.institutionId), eq(curriculumItems.id, item.id)));
    await logAdminChange(
      tx,
      actor,
      c.institutionId,
      'curriculum-item',
      { curriculumId: c.id, ...item },
      null,
      `Учебный план: удалена строка ${item.code}`,
    );
  });
  return { ok: true as const };
}

/** The plan for export (same scope as reading it). */
export async function curriculumForExport(db: Db, actor: Actor, curriculumId: number) {
  const detail = await getCurriculum(db, actor, { curriculumId });
  return detail;
}
