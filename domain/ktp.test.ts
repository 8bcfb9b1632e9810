import { describe, expect, it } from 'vitest';
import { checkKtp, ktpDifference, ktpTotals, lessonKindOf, nextTopic, parseKtpRows, topicNumbers } from './ktp';

const line = (row: number, ...cells: string[]) => ({ row, cells });

describe('КТП', () => {
  it('reads the template: sections without hours, topics with hours and kind by name or short name', () => {
    const parsed = parseKtpRows([
      line(2, '', 'Раздел 1. Основы', '', ''),
      line(3, '1', 'Введение', '2', 'лекция (урок)'),
      line(4, '', '', '', ''),
      line(5, '2', 'Практическая работа № 1', '4', 'пз'),
    ]);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { section: true, title: 'Раздел 1. Основы', hours: 0, kind: null },
        { section: false, title: 'Введение', hours: 2, kind: 'lecture' },
        { section: false, title: 'Практическая работа № 1', hours: 4, kind: 'practical' },
      ],
    });
    expect(lessonKindOf('Лабораторная работа')).toBe('lab');
    expect(lessonKindOf('экскурсия')).toBeNull();
  });

  it('names every bad line and keeps nothing', () => {
    const parsed = parseKtpRows([
      line(2, '1', 'Введение', 'два', 'лекция'),
      line(3, '2', '', '2', 'лекция'),
      line(4, '3', 'Экскурсия', '2', 'экскурсия'),
      line(5, '4', 'Тема', '50', 'пз'),
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'Строка 2: часы — целое число от 1 до 40',
      'Строка 3: тема без названия',
      'Строка 4: вид занятия «экскурсия» не найден (лекция, практическое занятие, лабораторная работа…)',
      'Строка 5: часы — целое число от 1 до 40',
    ]);
    expect(parseKtpRows([])).toEqual({ ok: false, errors: [{ row: 0, message: 'Файл: в нём нет ни одной темы' }] });
  });

  it('totals by kind, the difference with the plan, numbers and the next topic not taught', () => {
    const rows = [
      { section: true, title: 'Раздел 1', hours: 0, kind: null },
      { section: false, title: 'Введение', hours: 2, kind: 'lecture' },
      { section: false, title: 'Практическая работа № 1', hours: 4, kind: 'practical' },
      { section: false, title: 'Контрольная работа', hours: 2, kind: 'test' },
    ];
    expect(checkKtp(rows)).toEqual([]);
    expect(ktpTotals(rows)).toEqual({ hours: 8, byKind: { lecture: 2, practical: 4, test: 2 } });
    expect(ktpDifference(8, 10)).toBe('Часов по КТП 8 из 10 по плану: не хватает 2');
    expect(ktpDifference(12, 10)).toBe('Часов по КТП 12 при 10 по плану: лишних 2');
    expect(ktpDifference(10, 10)).toBeNull();
    expect(topicNumbers(rows)).toEqual([null, 1, 2, 3]);
    expect(nextTopic(rows, ['введение ', null])).toBe(2);
    expect(nextTopic(rows, ['Введение', 'Практическая  работа № 1', 'Контрольная работа'])).toBeNull();
  });
});
