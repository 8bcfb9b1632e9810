import { describe, expect, it } from 'vitest';
import { cleanName, compareByName, fullName, nameKey, personKey, phoneKey, shortName } from './names';

describe('names', () => {
  it('writes «Фамилия И. О.»', () => {
    expect(shortName({ lastName: 'Иванова', firstName: 'Анна', middleName: 'Сергеевна' })).toBe('Иванова А. С.');
    expect(shortName({ lastName: 'Смит', firstName: 'Джон', middleName: null })).toBe('Смит Д.');
  });

  it('sorts in Russian alphabetical order with ё beside е', () => {
    const people = ['Фёдоров Егор', 'Федотова Ольга', 'Абрамов Иван', 'Яковлев Егор', 'Ёлкин Пётр', 'Ежов Иван'].map(
      (s) => {
        const [lastName, firstName] = s.split(' ') as [string, string];
        return { lastName, firstName };
      },
    );
    expect(people.sort(compareByName).map(fullName)).toEqual([
      'Абрамов Иван',
      'Ежов Иван',
      'Ёлкин Пётр',
      'Фёдоров Егор',
      'Федотова Ольга',
      'Яковлев Егор',
    ]);
  });

  it('cleans a name for storing: spaces, hyphen and apostrophe look-alikes, invisible characters', () => {
    expect(cleanName('  Семёнов   Артём ')).toBe('Семёнов Артём');
    expect(cleanName('Римская\u2011Корсакова')).toBe('Римская-Корсакова');
    expect(cleanName('Салтыкова\u2013Щедрина')).toBe('Салтыкова-Щедрина');
    for (const dash of ['\u2010', '\u2012', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D'])
      expect(cleanName(`Мамин${dash}Сибиряк`)).toBe('Мамин-Сибиряк');
    expect(cleanName('Мамин - Сибиряк')).toBe('Мамин-Сибиряк');
    expect(cleanName('Мамин\u00A0\u2013\u00A0Сибиряк')).toBe('Мамин-Сибиряк');
    expect(cleanName('Д\u2019Артаньян')).toBe("Д'Артаньян");
    expect(cleanName('Д\u02BCАртаньян')).toBe("Д'Артаньян");
    expect(cleanName('Д`Артаньян')).toBe("Д'Артаньян");
    expect(cleanName('Ан\u00ADна\u200B')).toBe('Анна');
    // What was typed otherwise stays: ё and capitals are kept.
    expect(cleanName('СЕМЁНОВ')).toBe('СЕМЁНОВ');
  });

  it('compares names with ё as е and without case, for comparison only', () => {
    expect(nameKey('Семенов')).toBe(nameKey('СЕМЁНОВ'));
    expect(nameKey('Семёнов')).toBe('семенов');
    expect(nameKey(' Римская\u2011Корсакова ')).toBe(nameKey('римская-корсакова'));
    expect(nameKey(null)).toBe('');
    expect(nameKey('Семенов')).not.toBe(nameKey('Семенова'));
    const a = { lastName: 'Семёнов', firstName: 'Артём', middleName: 'Ильич' };
    expect(personKey({ lastName: 'Семенов', firstName: 'Артем', middleName: 'Ильич' })).toBe(personKey(a));
    expect(personKey({ lastName: 'СЕМЁНОВ', firstName: 'АРТЁМ', middleName: 'ИЛЬИЧ' })).toBe(personKey(a));
    expect(personKey({ lastName: 'Семёнов', firstName: 'Артём', middleName: null })).not.toBe(personKey(a));
    expect(personKey({ lastName: 'Семёнов Артём', firstName: 'Ильич' })).not.toBe(
      personKey({ lastName: 'Семёнов', firstName: 'Артём Ильич' }),
    );
  });

  it('compares Russian phone numbers by their digits, 8 as 7', () => {
    const key = '79271234567';
    for (const p of ['+7 (927) 123-45-67', '8 927 123 45 67', '89271234567', '927-123-45-67', '7 927 1234567'])
      expect(phoneKey(p)).toBe(key);
    expect(phoneKey('+7 927 123-45-68')).not.toBe(key);
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
    expect(phoneKey('нет')).toBeNull();
  });
});
