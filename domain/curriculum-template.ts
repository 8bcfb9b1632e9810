/**
 * The curriculum (учебный план) exchange template: one sheet, a header row, then one row per plan line and semester.
 * Pure: parses and validates rows of cell texts; every bad row is reported, and a file with any bad row imports nothing.
 */
import { readRussianLayout, SWITCH_LAYOUT } from './keyboard-layout';

export const CURRICULUM_COLUMNS = [
  'Цикл',
  'Код',
  'Наименование',
  'Краткое наименование',
  'Семестр',
  'Всего часов',
  'Теория',
  'Практические',
  'Лабораторные',
  'Самостоятельная',
  'Форма аттестации',
] as const;

export const CYCLES = ['ОУД', 'СГ', 'ОГСЭ', 'ЕН', 'ОП', 'ПМ'] as const;

/** Form codes as stored, with the spellings accepted in a file. «Другая» (or empty) is a semester mark only. */
const FORMS: Record<string, string | null> = {
  э: 'Э',
  экзамен: 'Э',
  дз: 'ДЗ',
  'диф. зачет': 'ДЗ',
  дифзачет: 'ДЗ',
  'дифференцированный зачет': 'ДЗ',
  з: 'З',
  зачет: 'З',
  кп: 'КП',
  кр: 'КП',
  'курсовой проект': 'КП',
  'курсовая работа': 'КП',
  эк: 'ЭК',
  'экзамен квалификационный': 'ЭК',
  'экзамен по модулю': 'ЭК',
  эм: 'ЭК',
  '': null,
  '-': null,
  '—': null,
  другая: null,
  другое: null,
  'оценка за семестр': null,
};

export const FORM_LABELS: Record<string, string> = {
  Э: 'экзамен',
  ДЗ: 'дифференцированный зачёт',
  З: 'зачёт',
  КП: 'курсовой проект',
  ЭК: 'экзамен квалификационный',
};

export type ItemKind = 'discipline' | 'module' | 'mdk' | 'up' | 'pp';

export interface PlanSemester {
  semester: number;
  hoursTotal: number;
  hoursTheory: number;
  hoursPractice: number;
  hoursLab: number;
  hoursSelfStudy: number;
  attestationForm: string | null;
}

export interface PlanItem {
  cycle: string;
  kind: ItemKind;
  code: string;
  name: string;
  shortName: string;
  parentCode: string | null;
  semesters: PlanSemester[];
}

export interface RowError {
  row: number;
  message: string;
}

const CODE = /^([А-ЯЁ]{2,4})\.(\d{1,2})(?:\.(\d{1,2}))?$/u;

/** The kind of a plan line and the module it belongs to, from its code: МДК.01.02, УП.01 and ПП.01 sit in ПМ.01. */
export function kindOfCode(code: string): { kind: ItemKind; parentCode: string | null } | null {
  const m = CODE.exec(code);
  if (!m) return null;
  const [, prefix, first] = m;
  switch (prefix) {
    case 'ПМ':
      return { kind: 'module', parentCode: null };
    case 'МДК':
      return m[3] ? { kind: 'mdk', parentCode: `ПМ.${first}` } : null;
    case 'УП':
      return { kind: 'up', parentCode: `ПМ.${first}` };
    case 'ПП':
      return { kind: 'pp', parentCode: `ПМ.${first}` };
    default:
      return m[3] ? null : { kind: 'discipline', parentCode: null };
  }
}

const normal = (s: string) => s.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

function hours(text: string, column: string, errors: string[], required: boolean): number {
  const t = text.trim();
  if (t === '') {
    if (required) errors.push(`${column}: заполните`);
    return 0;
  }
  if (!/^\d+$/.test(t)) {
    errors.push(`${column}: «${t}» — не целое число часов`);
    return 0;
  }
  const n = Number(t);
  if (n > 2000) errors.push(`${column}: ${n} — слишком много часов для одного семестра`);
  return n;
}

/**
 * Rows of cell texts (the header excluded), each with its sheet row number → plan items, or every error found.
 * The same code on several rows is the same plan line in several semesters.
 */
export function parseCurriculumRows(
  rows: { row: number; cells: string[] }[],
  /** Modules that exist outside these rows (editing one line of a saved plan). */
  knownModules: ReadonlySet<string> = new Set(),
): { items: PlanItem[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const items = new Map<string, PlanItem & { firstRow: number }>();
  for (const { row, cells } of rows) {
    const [
      cycleRaw = '',
      codeRaw = '',
      nameRaw = '',
      shortRaw = '',
      semesterRaw = '',
      totalRaw = '',
      theoryRaw = '',
      practiceRaw = '',
      labRaw = '',
      selfRaw = '',
      formRaw = '',
    ] = cells.map((c) => c ?? '');
    if (cells.every((c) => (c ?? '').trim() === '')) continue;
    const problems: string[] = [];
    const codeClean = (t: string) => t.trim().toUpperCase().replace(/\s+/g, '');
    const codeRead = readRussianLayout(codeRaw, (c) => kindOfCode(codeClean(c)) !== null);
    const code = codeClean(codeRead.ok ? codeRead.text : codeRaw);
    const kind = kindOfCode(code);
    if (code === '') problems.push('Код: заполните');
    else if (!kind)
      problems.push(
        `Код: «${codeRaw.trim()}» — ожидается вида ОП.04, ПМ.01, МДК.01.02, УП.01${codeRead.ok ? '' : ` (${SWITCH_LAYOUT})`}`,
      );
    const cycleRead = readRussianLayout(cycleRaw, (c) =>
      (CYCLES as readonly string[]).includes(c.trim().toUpperCase()),
    );
    let cycle = (cycleRead.ok ? cycleRead.text : cycleRaw).trim().toUpperCase();
    if (kind && kind.kind !== 'discipline') {
      if (cycle === '') cycle = 'ПМ';
      if (cycle !== 'ПМ') problems.push(`Цикл: ${code} входит в профессиональный модуль, цикл — ПМ`);
    } else if (!(CYCLES as readonly string[]).includes(cycle)) {
      problems.push(cycle === '' ? 'Цикл: заполните' : `Цикл: «${cycleRaw.trim()}» — допустимо ${CYCLES.join(', ')}`);
    }
    const name = nameRaw.trim().replace(/\s+/g, ' ');
    if (name === '') problems.push('Наименование: заполните');
    if (name.length > 300) problems.push('Наименование: не длиннее 300 знаков');
    const shortName = shortRaw.trim().replace(/\s+/g, ' ') || name;
    if (shortName.length > 60) problems.push('Краткое наименование: не длиннее 60 знаков');

    let semester: PlanSemester | null = null;
    const sem = semesterRaw.trim();
    if (sem !== '') {
      if (!/^[1-8]$/.test(sem)) problems.push(`Семестр: «${sem}» — ожидается число от 1 до 8`);
      const total = hours(totalRaw, 'Всего часов', problems, true);
      const theory = hours(theoryRaw, 'Теория', problems, false);
      const practice = hours(practiceRaw, 'Практические', problems, false);
      const lab = hours(labRaw, 'Лабораторные', problems, false);
      const self = hours(selfRaw, 'Самостоятельная', problems, false);
      // «Всего» is the work with the teacher (what the journal counts); self-study comes on top of it.
      if (theory + practice + lab > total)
        problems.push(
          `Часы: теория, практические и лабораторные (${theory + practice + lab}) больше, чем всего (${total})`,
        );
      const formOf = (text: string) => {
        const key = normal(text).replace(/\.$/, '');
        return FORMS[key] ?? FORMS[key.replace(/\s/g, '')];
      };
      const formRead = readRussianLayout(formRaw, (c) => formOf(c) !== undefined);
      const form = formOf(formRead.ok ? formRead.text : formRaw);
      if (form === undefined)
        problems.push(`Форма аттестации: «${formRaw.trim()}» — допустимо Э, ДЗ, З, КП, ЭК или пусто`);
      semester = {
        semester: Number(sem),
        hoursTotal: total,
        // Without a breakdown the hours are theory.
        hoursTheory: theoryRaw.trim() === '' && practiceRaw.trim() === '' && labRaw.trim() === '' ? total : theory,
        hoursPractice: practice,
        hoursLab: lab,
        hoursSelfStudy: self,
        attestationForm: form ?? null,
      };
    } else if ([totalRaw, theoryRaw, practiceRaw, labRaw, selfRaw, formRaw].some((c) => c.trim() !== '')) {
      problems.push('Семестр: заполните — часы и форма аттестации относятся к семестру');
    }

    const existing = items.get(code);
    if (existing && problems.length === 0) {
      if (existing.name !== name)
        problems.push(`Наименование: у ${code} в строке ${existing.firstRow} другое — «${existing.name}»`);
      if (existing.cycle !== cycle)
        problems.push(`Цикл: у ${code} в строке ${existing.firstRow} другой — ${existing.cycle}`);
      if (semester && existing.semesters.some((s) => s.semester === semester.semester))
        problems.push(`Семестр: ${code} в ${semester.semester} семестре уже есть`);
    }
    if (problems.length) {
      errors.push({ row, message: problems.join('; ') });
      continue;
    }
    const item = existing ?? {
      cycle,
      kind: kind!.kind,
      code,
      name,
      shortName,
      parentCode: kind!.parentCode,
      semesters: [],
      firstRow: row,
    };
    if (semester) item.semesters.push(semester);
    items.set(code, item);
  }
  for (const item of items.values()) {
    if (item.parentCode && !items.has(item.parentCode) && !knownModules.has(item.parentCode)) {
      errors.push({
        row: item.firstRow,
        message: `Код: для ${item.code} в файле нет профессионального модуля ${item.parentCode}`,
      });
    }
  }
  if (items.size === 0 && errors.length === 0)
    errors.push({ row: 1, message: 'В файле нет ни одной строки плана под заголовком' });
  errors.sort((a, b) => a.row - b.row);
  return {
    items: errors.length
      ? []
      : [...items.values()].map(({ firstRow: _row, ...item }) => ({
          ...item,
          semesters: item.semesters.sort((a, b) => a.semester - b.semester),
        })),
    errors,
  };
}

/** A plan item back to template rows (export, and the on-screen editor's check). */
export function itemRows(item: Omit<PlanItem, 'kind' | 'parentCode'>): string[][] {
  const head = [item.cycle, item.code, item.name, item.shortName];
  if (item.semesters.length === 0) return [[...head, '', '', '', '', '', '', '']];
  return item.semesters.map((s) => [
    ...head,
    String(s.semester),
    String(s.hoursTotal),
    String(s.hoursTheory),
    String(s.hoursPractice),
    String(s.hoursLab),
    String(s.hoursSelfStudy),
    s.attestationForm ?? '',
  ]);
}
