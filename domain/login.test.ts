import { describe, expect, it } from 'vitest';
import { freeLogin, loginFor, returnPathAfterSignIn } from './login';

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

describe('returnPathAfterSignIn', () => {
  it('goes back to a page of the site and nowhere else', () => {
    expect(returnPathAfterSignIn('/journals/12')).toBe('/journals/12');
    expect(returnPathAfterSignIn(undefined)).toBe('/');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'journals', '/a\nb'])
      expect(returnPathAfterSignIn(bad)).toBe('/');
  });
});
