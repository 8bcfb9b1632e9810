import { describe, expect, it } from 'vitest';
import { accessEndedReason, adultOn, isAdult, parentAccess } from './adult-consent';

describe('coming of age (ГК РФ art. 21, 192)', () => {
  it('is the 18th birthday', () => {
    expect(adultOn('2008-03-14')).toBe('2026-03-14');
    expect(adultOn('2008-12-31')).toBe('2026-12-31');
  });

  it('born on 29 February: 28 February (18 years on is never a leap year), not 1 March', () => {
    expect(adultOn('2008-02-29')).toBe('2026-02-28');
    expect(adultOn('2004-02-29')).toBe('2022-02-28');
    expect(adultOn('2006-02-28')).toBe('2024-02-28');
    expect(adultOn('2010-03-01')).toBe('2028-03-01');
    expect(isAdult('2008-02-29', '2026-02-27')).toBe(false);
    expect(isAdult('2008-02-29', '2026-02-28')).toBe(true);
  });

  it('is not known without a birth date', () => {
    expect(isAdult(null, '2026-12-02')).toBe(false);
  });
});

describe('a parent’s access (152-ФЗ art. 9)', () => {
  const born = '2008-03-14';

  it('the day before the 18th birthday: as a minor, whatever was decided', () => {
    expect(parentAccess(born, null, '2026-03-13')).toEqual({ access: true, basis: 'minor', adultOn: '2026-03-14' });
    expect(parentAccess(born, { granted: false, on: '2026-03-01' }, '2026-03-13')).toEqual({
      access: true,
      basis: 'minor',
      adultOn: '2026-03-14',
    });
  });

  it('on the 18th birthday without a consent: access ends', () => {
    const access = parentAccess(born, null, '2026-03-14');
    expect(access).toEqual({ access: false, adultOn: '2026-03-14', withdrawnAt: null });
    expect(accessEndedReason(access as { adultOn: string; withdrawnAt: null })).toBe(
      'Студенту исполнилось 18 лет 14.03.2026; согласие на доступ родителя не дано',
    );
  });

  it('born on 29 February: access ends on 28 February of a common year', () => {
    expect(parentAccess('2008-02-29', null, '2026-02-27').access).toBe(true);
    expect(parentAccess('2008-02-29', null, '2026-02-28')).toEqual({
      access: false,
      adultOn: '2026-02-28',
      withdrawnAt: null,
    });
  });

  it('a consent given (before or after 18) keeps the access', () => {
    expect(parentAccess(born, { granted: true, on: '2026-02-01' }, '2026-03-14')).toEqual({
      access: true,
      basis: 'consent',
      adultOn: '2026-03-14',
    });
    expect(parentAccess(born, { granted: true, on: '2026-09-01' }, '2026-12-02').access).toBe(true);
  });

  it('a consent withdrawn ends the access at once, and says when', () => {
    const access = parentAccess(born, { granted: false, on: '2026-12-02' }, '2026-12-02');
    expect(access).toEqual({ access: false, adultOn: '2026-03-14', withdrawnAt: '2026-12-02' });
    expect(accessEndedReason(access as { adultOn: string; withdrawnAt: string })).toBe(
      'Студенту исполнилось 18 лет 14.03.2026; согласие отозвано 02.12.2026',
    );
  });

  it('a consent given again brings the access back: the latest decision is in force', () => {
    expect(parentAccess(born, { granted: true, on: '2026-12-05' }, '2026-12-05')).toEqual({
      access: true,
      basis: 'consent',
      adultOn: '2026-03-14',
    });
  });

  it('withdrawn before 18: the access ends on the 18th birthday, naming the withdrawal', () => {
    expect(parentAccess(born, { granted: false, on: '2026-01-10' }, '2026-03-14')).toEqual({
      access: false,
      adultOn: '2026-03-14',
      withdrawnAt: '2026-01-10',
    });
  });

  it('an unknown birth date: access as for a minor', () => {
    expect(parentAccess(null, null, '2026-12-02')).toEqual({ access: true, basis: 'unknownAge', adultOn: null });
    expect(parentAccess(null, { granted: false, on: '2026-12-01' }, '2026-12-02').access).toBe(true);
  });
});
