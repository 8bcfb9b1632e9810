import { describe, expect, it } from 'vitest';
import { compareByName, fullName, shortName } from './names';

describe('names', () => {
  it('writes «Фамилия И. О.»', () => {
    expect(shortName({ lastName: 'Иванова', firstName: 'Анна', middleName: 'Сергеевна' })).toBe('Иванова А. С.');
    expect(shortName({ lastName: 'Смит', firstName: 'Джон', middleName: null })).toBe('Смит Д.');
  });

  it('sorts in Russian alphabetical order with ё beside е', () => {
    const people = ['Фёдоров Егор', 'Федотова Ольга', 'Абрамов Иван', 'Яковлев Егор', 'Ёлкин Пётр', 'Ежов Иван'].map((s) => {
      const [lastName, firstName] = s.split(' ') as [string, string];
      return { lastName, firstName };
    });
    expect(people.sort(compareByName).map(fullName)).toEqual([
      'Абрамов Иван', 'Ежов Иван', 'Ёлкин Пётр', 'Фёдоров Егор', 'Федотова Ольга', 'Яковлев Егор',
    ]);
  });
});
