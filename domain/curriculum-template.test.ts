import { describe, expect, it } from 'vitest';
import { itemRows, kindOfCode, parseCurriculumRows } from './curriculum-template';

const rows = (...cells: string[][]) => cells.map((c, i) => ({ row: i + 2, cells: c }));

describe('curriculum template', () => {
  it('knows kinds and modules from codes', () => {
    expect(kindOfCode('ОП.04')).toEqual({ kind: 'discipline', parentCode: null });
    expect(kindOfCode('МДК.01.02')).toEqual({ kind: 'mdk', parentCode: 'ПМ.01' });
    expect(kindOfCode('УП.02')).toEqual({ kind: 'up', parentCode: 'ПМ.02' });
    expect(kindOfCode('ОП.04.1')).toBeNull();
    expect(kindOfCode('OP.04')).toBeNull();
  });

  it('reads a plan: one line over several semesters, a module with its МДК', () => {
    const { items, errors } = parseCurriculumRows(
      rows(
        ['ОП', 'ОП.04', 'Основы алгоритмизации и программирования', 'ОАиП', '3', '80', '40', '40', '', '', 'ДЗ'],
        ['ОП', 'ОП.04', 'Основы алгоритмизации и программирования', 'ОАиП', '4', '60', '', '', '', '', 'экзамен'],
        [
          'ПМ',
          'ПМ.01',
          'Разработка модулей программного обеспечения',
          'ПМ.01',
          '6',
          '0',
          '',
          '',
          '',
          '',
          'Экзамен квалификационный',
        ],
        ['', 'МДК.01.01', 'Разработка программных модулей', 'РПМ', '5', '120', '60', '50', '10', '', ''],
        ['', '', '', '', '', '', '', '', '', '', ''],
      ),
    );
    expect(errors).toEqual([]);
    expect(
      items.map((i) => [
        i.code,
        i.kind,
        i.cycle,
        i.parentCode,
        i.semesters.map((s) => [s.semester, s.hoursTotal, s.hoursTheory, s.attestationForm]),
      ]),
    ).toEqual([
      [
        'ОП.04',
        'discipline',
        'ОП',
        null,
        [
          [3, 80, 40, 'ДЗ'],
          [4, 60, 60, 'Э'],
        ],
      ],
      ['ПМ.01', 'module', 'ПМ', null, [[6, 0, 0, 'ЭК']]],
      ['МДК.01.01', 'mdk', 'ПМ', 'ПМ.01', [[5, 120, 60, null]]],
    ]);
  });

  it('reports every bad row with its number and reason, and gives no items', () => {
    const { items, errors } = parseCurriculumRows(
      rows(
        ['ОП', 'ОП.04', 'Основы алгоритмизации', 'ОАиП', '3', '80', '', '', '', '', 'ДЗ'],
        ['ОП', 'ОП.05', 'Правовое обеспечение', '', '9', 'сорок', '', '', '', '', 'Э'],
        ['XX', 'ОП.06', '', '', '', '', '', '', '', '', ''],
        ['ОП', 'ОП.04', 'Основы алгоритмизации', 'ОАиП', '3', '20', '30', '', '', '', 'реферат'],
        ['', 'МДК.02.01', 'Без модуля', '', '', '', '', '', '', '', ''],
      ),
    );
    expect(items).toEqual([]);
    expect(errors).toEqual([
      { row: 3, message: 'Семестр: «9» — ожидается число от 1 до 8; Всего часов: «сорок» — не целое число часов' },
      { row: 4, message: 'Цикл: «XX» — допустимо ОУД, СГ, ОГСЭ, ЕН, ОП, ПМ; Наименование: заполните' },
      {
        row: 5,
        message:
          'Часы: теория, практические и лабораторные (30) больше, чем всего (20); Форма аттестации: «реферат» — допустимо Э, ДЗ, З, КП, ЭК или пусто',
      },
      { row: 6, message: 'Код: для МДК.02.01 в файле нет профессионального модуля ПМ.02' },
    ]);
  });

  it('refuses the same semester twice and a name that changes between rows', () => {
    const { errors } = parseCurriculumRows(
      rows(
        ['ОП', 'ОП.04', 'Алгоритмы', '', '3', '80', '', '', '', '', ''],
        ['ОП', 'ОП.04', 'Алгоритмы', '', '3', '10', '', '', '', '', ''],
        ['ОП', 'ОП.04', 'Другое', '', '4', '10', '', '', '', '', ''],
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'Семестр: ОП.04 в 3 семестре уже есть',
      'Наименование: у ОП.04 в строке 2 другое — «Алгоритмы»',
    ]);
  });

  it('writes an item back as the rows it was read from', () => {
    const { items } = parseCurriculumRows(
      rows(['ОП', 'ОП.04', 'Алгоритмы', 'Алг', '3', '80', '40', '40', '0', '0', 'ДЗ']),
    );
    expect(itemRows(items[0]!)).toEqual([['ОП', 'ОП.04', 'Алгоритмы', 'Алг', '3', '80', '40', '40', '0', '0', 'ДЗ']]);
    expect(parseCurriculumRows(rows(...itemRows(items[0]!))).items).toEqual(items);
  });
});
