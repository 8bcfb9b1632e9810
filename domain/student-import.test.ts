import { describe, expect, it } from 'vitest';
import { parseCsv, parseRuDate, parseStudentRows } from './student-import';

const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));
const today = '2026-11-29';

describe('student import', () => {
  it('reads dates the Russian way and refuses impossible ones', () => {
    expect(parseRuDate('14.03.2010')).toBe('2010-03-14');
    expect(parseRuDate('2010-03-14')).toBe('2010-03-14');
    expect(parseRuDate('31.02.2010')).toBeNull();
    expect(parseRuDate('14/03/2010')).toBeNull();
  });

  it('reads students with a parent', () => {
    const { students, errors } = parseStudentRows(
      rows(
        ['Новикова', 'Дарья', 'Игоревна', '14.03.2010', '26-101', '+7 (927) 123-45-67', 'dasha@example.ru', 'Новикова Ольга Петровна', 'Мать', '89271234568'],
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
      { row: 3, message: 'Фамилия: заполните; Дата рождения: «31.02.2010» — ожидается ДД.ММ.ГГГГ; Эл. почта: «not-mail» — не адрес почты; Телефон: «123» — не похоже на номер телефона' },
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
