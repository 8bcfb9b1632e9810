import { describe, expect, it } from 'vitest';
import { excelSerialDate, parseCsv, parseRuDate, parseStudentRows } from './student-import';

const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));
const today = '2026-11-29';

describe('student import', () => {
  it('reads dates the Russian way and refuses impossible ones', () => {
    expect(parseRuDate('14.03.2010')).toBe('2010-03-14');
    expect(parseRuDate('2010-03-14')).toBe('2010-03-14');
    expect(parseRuDate('31.02.2010')).toBeNull();
    expect(parseRuDate('14/03/2010')).toBeNull();
  });

  it('turns an Excel serial day into its date (1900 system, with its fake 29.02.1900)', () => {
    // Excel: DATE(2000,1,1) is 36526, so 39886 is 14.03.2009 (the issue's «= 13.03.2009» is a day off: that is 39885).
    expect(excelSerialDate(36526)).toBe('2000-01-01');
    expect(excelSerialDate(39885)).toBe('2009-03-13');
    expect(excelSerialDate(39886)).toBe('2009-03-14');
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(60)).toBeNull();
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(2958465)).toBe('9999-12-31');
    expect(excelSerialDate(2958466)).toBeNull();
    expect(excelSerialDate(0)).toBeNull();
    expect(excelSerialDate(39886.5)).toBeNull();
  });

  it('reads a bare five-digit number as an Excel date: 39886 is 14.03.2009', () => {
    expect(parseRuDate('39886')).toBe('2009-03-14');
    expect(parseRuDate(' 40251 ')).toBe('2010-03-14');
    expect(parseRuDate('10000')).toBe('1927-05-18');
    expect(parseRuDate('73050')).toBe('2099-12-31');
    expect(parseRuDate('73051')).toBeNull();
    expect(parseRuDate('2010')).toBeNull();
    expect(parseRuDate('39886.5')).toBeNull();
    expect(parseRuDate('-39886')).toBeNull();
  });

  it('refuses a year or an out-of-range Excel date in the birth date', () => {
    const { errors } = parseStudentRows(
      rows(
        ['Ким', 'Артур', '', '2010', '', '', '', '', '', ''],
        ['Ким', 'Алина', '', '39886', '', '', '', '', '', ''],
        ['Ким', 'Олег', '', '12000', '', '', '', '', '', ''],
      ),
      today,
    );
    expect(errors).toEqual([
      { row: 2, message: 'Дата рождения: «2010» — ожидается ДД.ММ.ГГГГ' },
      { row: 4, message: 'Дата рождения: 07.11.1932 — возраст студента вне 13–70 лет' },
    ]);
  });

  it('accepts double names written with a non-breaking hyphen or a dash, stored with a plain hyphen', () => {
    const { students, errors } = parseStudentRows(
      rows(
        [
          'Римская\u2011Корсакова',
          'Анна',
          '',
          '',
          '',
          '',
          '',
          'Римская\u2011Корсакова Ольга Петровна',
          'мать',
          '89270000001',
        ],
        [
          '  Салтыкова\u2013Щедрина ',
          'Мария\u00A0Луиза',
          '',
          '',
          '',
          '',
          '',
          'Салтыков \u2013 Щедрин  Павел',
          'отец',
          '',
        ],
      ),
      today,
    );
    expect(errors).toEqual([]);
    expect(students.map((s) => [s.lastName, s.firstName, s.guardian?.lastName])).toEqual([
      ['Римская-Корсакова', 'Анна', 'Римская-Корсакова'],
      ['Салтыкова-Щедрина', 'Мария Луиза', 'Салтыков-Щедрин'],
    ]);
  });

  it('a student twice in the file is found with ё as е and any case', () => {
    const { errors } = parseStudentRows(
      rows(
        ['Семенов', 'Артем', 'Ильич', '13.03.2009', '', '', '', '', '', ''],
        ['СЕМЁНОВ', 'АРТЁМ', 'ИЛЬИЧ', '13.03.2009', '', '', '', '', '', ''],
      ),
      today,
    );
    expect(errors).toEqual([{ row: 3, message: 'Студент: СЕМЁНОВ АРТЁМ уже в строке 2' }]);
  });

  it('reads students with a parent', () => {
    const { students, errors } = parseStudentRows(
      rows(
        [
          'Новикова',
          'Дарья',
          'Игоревна',
          '14.03.2010',
          '26-101',
          '+7 (927) 123-45-67',
          'dasha@example.ru',
          'Новикова Ольга Петровна',
          'Мать',
          '89271234568',
        ],
        ['Ким', 'Артур', '', '', '', '', '', '', '', ''],
      ),
      today,
    );
    expect(errors).toEqual([]);
    expect(students.map((s) => [s.lastName, s.middleName, s.birthDate, s.guardian?.relation ?? null])).toEqual([
      ['Новикова', 'Игоревна', '2010-03-14', 'мать'],
      ['Ким', null, null, null],
    ]);
  });

  it('reports every bad row with its reasons and imports nobody', () => {
    const { students, errors } = parseStudentRows(
      rows(
        ['Новикова', 'Дарья', 'Игоревна', '14.03.2010', '26-101', '', '', '', '', ''],
        ['', 'Иван', '', '31.02.2010', '', '123', 'not-mail', '', '', ''],
        ['Smith', 'John', '', '', '26-101', '', '', 'Смит', 'мама', ''],
        ['Новикова', 'Дарья', 'Игоревна', '14.03.2010', '', '', '', '', '', ''],
      ),
      today,
    );
    expect(students).toEqual([]);
    expect(errors).toEqual([
      {
        row: 3,
        message:
          'Фамилия: заполните; Дата рождения: «31.02.2010» — ожидается ДД.ММ.ГГГГ; Эл. почта: «not-mail» — не адрес почты; Телефон: «123» — не похоже на номер телефона',
      },
      {
        row: 4,
        message:
          'Фамилия: «Smith» — только русские буквы, пробел и дефис; Имя: «John» — только русские буквы, пробел и дефис; № зачётной книжки: 26-101 уже в строке 2; Родитель: ФИО — фамилия, имя и (если есть) отчество через пробел',
      },
      { row: 5, message: 'Студент: Новикова Дарья уже в строке 2' },
    ]);
  });

  it('parses CSV with semicolons, quotes and a BOM', () => {
    expect(parseCsv('\uFEFFФамилия;Имя\r\n"Иванов; мл.";"Пётр ""Петя"""\nСидоров;Олег')).toEqual([
      ['Фамилия', 'Имя'],
      ['Иванов; мл.', 'Пётр "Петя"'],
      ['Сидоров', 'Олег'],
    ]);
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
