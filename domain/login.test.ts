import { describe, expect, it } from 'vitest';
import { freeLogin, loginFor } from './login';

describe('logins', () => {
  it('transliterates a Russian name', () => {
    expect(loginFor({ lastName: 'Щукина', firstName: 'Юлия', middleName: 'Эдуардовна' })).toBe('shchukina.ye');
    expect(loginFor({ lastName: 'Ёлкин', firstName: 'Жан', middleName: null })).toBe('elkin.z');
  });
  it('finds a free one', () => {
    const taken = new Set(['ivanov.ii', 'ivanov.ii2']);
    expect(freeLogin('ivanov.ii', (l) => taken.has(l))).toBe('ivanov.ii3');
    expect(freeLogin('petrov.pp', (l) => taken.has(l))).toBe('petrov.pp');
  });
});
