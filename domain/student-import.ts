/**
 * The student list exchange template (XLSX or CSV): one row per student, optionally with one parent. Pure: parses and
 * validates rows of cell texts; every bad row is reported, and a file with any bad row imports nobody.
 */
import type { RowError } from './curriculum-template';
import { addDays, formatDate } from './dates';
import { parseDelimited } from './delimited-text';
import { readRussianLayout } from './keyboard-layout';
import { cleanName, personKey, RUSSIAN_NAME } from './names';

export const STUDENT_COLUMNS = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  '№ зачётной книжки',
  'Телефон',
  'Эл. почта',
  'Родитель: ФИО',
  'Родитель: кем приходится',
  'Родитель: телефон',
] as const;

export const RELATIONS = ['мать', 'отец', 'опекун', 'попечитель', 'бабушка', 'дедушка', 'другое'] as const;

export interface ImportedStudent {
  row: number;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  recordBookNo: string | null;
  phone: string | null;
  email: string | null;
  guardian: {
    lastName: string;
    firstName: string;
    middleName: string | null;
    relation: string;
    phone: string | null;
  } | null;
}

/**
 * An Excel serial day number (the 1900 date system) → ISO, else null. Excel counts 1 as 01.01.1900 and believes in a
 * 29.02.1900 (serial 60, refused here); from 61 on a serial is the days since 30.12.1899.
 */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial === 60 || serial > 2958465) return null;
  const days = serial < 60 ? serial + 1 : serial;
  return addDays('1899-12-30', days);
}

/**
 * «14.03.2010», «2010-03-14» (an Excel date cell comes as that), or a bare five-digit number — an Excel date in a cell
 * of the General format (39886 is 14.03.2009; 10000 to 73050 are 1927 to 2099; a four-digit number is more likely a
 * year than a date) → ISO, else null.
 */
export function parseRuDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{5}$/.test(t)) return Number(t) <= 73050 ? excelSerialDate(Number(t)) : null;
  let y: number, m: number, d: number;
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(t);
  if (ru) [d, m, y] = [Number(ru[1]), Number(ru[2]), Number(ru[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const cap = (s: string) => s.trim().replace(/\s+/g, ' ');

function name(value: string, field: string, problems: string[], required: boolean): string | null {
  const v = cleanName(value);
  if (v === '') {
    if (required) problems.push(`${field}: заполните`);
    return null;
  }
  if (!RUSSIAN_NAME.test(v)) problems.push(`${field}: «${v}» — только русские буквы, пробел и дефис`);
  if (v.length > 100) problems.push(`${field}: не длиннее 100 знаков`);
  return v;
}

function phone(value: string, field: string, problems: string[]): string | null {
  const v = cap(value);
  if (v === '') return null;
  const digits = v.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 11 || !/^[\d\s()+-]+$/.test(v))
    problems.push(`${field}: «${v}» — не похоже на номер телефона`);
  return v;
}

/** `today` bounds the birth date: a student is 13 to 70 years old. */
export function parseStudentRows(
  rows: { row: number; cells: string[] }[],
  today: string,
): { students: ImportedStudent[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const students: ImportedStudent[] = [];
  const seenBooks = new Map<string, number>();
  const seenPeople = new Map<string, number>();
  const year = Number(today.slice(0, 4));
  for (const { row, cells } of rows) {
    if (cells.every((c) => (c ?? '').trim() === '')) continue;
    const [
      last = '',
      first = '',
      middle = '',
      birth = '',
      book = '',
      tel = '',
      mail = '',
      parent = '',
      relation = '',
      parentTel = '',
    ] = cells.map((c) => c ?? '');
    const problems: string[] = [];
    const lastName = name(last, 'Фамилия', problems, true);
    const firstName = name(first, 'Имя', problems, true);
    const middleName = name(middle, 'Отчество', problems, false);
    let birthDate: string | null = null;
    if (birth.trim() !== '') {
      birthDate = parseRuDate(birth);
      if (!birthDate) problems.push(`Дата рождения: «${birth.trim()}» — ожидается ДД.ММ.ГГГГ`);
      else if (Number(birthDate.slice(0, 4)) > year - 13 || Number(birthDate.slice(0, 4)) < year - 70)
        problems.push(`Дата рождения: ${formatDate(birthDate)} — возраст студента вне 13–70 лет`);
    }
    const recordBookNo = cap(book) || null;
    if (recordBookNo) {
      if (recordBookNo.length > 30) problems.push('№ зачётной книжки: не длиннее 30 знаков');
      const earlier = seenBooks.get(recordBookNo);
      if (earlier) problems.push(`№ зачётной книжки: ${recordBookNo} уже в строке ${earlier}`);
    }
    const email = cap(mail) || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push(`Эл. почта: «${email}» — не адрес почты`);
    const studentPhone = phone(tel, 'Телефон', problems);
    let guardian: ImportedStudent['guardian'] = null;
    if ([parent, relation, parentTel].some((c) => c.trim() !== '')) {
      const parts = cleanName(parent).split(' ');
      if (parts.length < 2 || parts.length > 3)
        problems.push('Родитель: ФИО — фамилия, имя и (если есть) отчество через пробел');
      else {
        const [pl, pf, pm] = parts as [string, string, string | undefined];
        const before = problems.length;
        // A double surname: «Римская-Корсакова» is one part (cleanName joined «Римская – Корсакова»).
        name(pl, 'Родитель: фамилия', problems, true);
        name(pf, 'Родитель: имя', problems, true);
        if (pm) name(pm, 'Родитель: отчество', problems, false);
        // A typed code like the others: «vfnm» in the Latin layout is «мать» (domain/keyboard-layout.ts).
        const isRelation = (t: string) => (RELATIONS as readonly string[]).includes(t.trim().toLowerCase());
        const relRead = readRussianLayout(relation, isRelation);
        const rel = (relRead.ok ? relRead.text : relation).trim().toLowerCase();
        if (!isRelation(rel))
          problems.push(
            relRead.ok
              ? `Родитель: кем приходится — «${relation.trim()}»; допустимо ${RELATIONS.join(', ')}`
              : `Родитель: кем приходится — ${relRead.error}`,
          );
        const gPhone = phone(parentTel, 'Родитель: телефон', problems);
        if (problems.length === before)
          guardian = { lastName: pl, firstName: pf, middleName: pm ?? null, relation: rel, phone: gPhone };
      }
    }
    if (lastName && firstName) {
      const key = `${personKey({ lastName, firstName, middleName })}|${birthDate ?? ''}`;
      const earlier = seenPeople.get(key);
      if (earlier) problems.push(`Студент: ${lastName} ${firstName} уже в строке ${earlier}`);
      else seenPeople.set(key, row);
    }
    if (problems.length) {
      errors.push({ row, message: problems.join('; ') });
      continue;
    }
    if (recordBookNo) seenBooks.set(recordBookNo, row);
    students.push({
      row,
      lastName: lastName!,
      firstName: firstName!,
      middleName,
      birthDate,
      recordBookNo,
      phone: studentPhone,
      email,
      guardian,
    });
  }
  if (students.length === 0 && errors.length === 0)
    errors.push({ row: 1, message: 'В файле нет ни одного студента под заголовком' });
  return { students: errors.length ? [] : students, errors };
}

/**
 * CSV as Excel writes it for Russian locales (`;`) or with commas, whichever the first line has more of; quotes and
 * doubled quotes inside fields are read by `parseDelimited` (domain/delimited-text.ts), the same reader as the
 * journal's pasted blocks.
 */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return parseDelimited(body, sep);
}
