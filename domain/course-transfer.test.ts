import { describe, expect, it } from 'vitest';
import {
  finalCourse,
  nameOnNextCourse,
  namingOnTransfer,
  newGroupNameProblem,
  transferActionFor,
} from './course-transfer';

describe('transfer from course to course', () => {
  it('knows the last course from the programme length', () => {
    expect(finalCourse(46)).toBe(4);
    expect(finalCourse(34)).toBe(3);
    expect(finalCourse(22)).toBe(2);
    expect(transferActionFor(3, 46)).toBe('transfer');
    expect(transferActionFor(4, 46)).toBe('graduate');
    expect(transferActionFor(3, 34)).toBe('graduate');
  });

  it('renames a group whose name carries the course', () => {
    expect(nameOnNextCourse('ИС-21', 2)).toBe('ИС-31');
    expect(nameOnNextCourse('ПНК-11', 1)).toBe('ПНК-21');
    expect(nameOnNextCourse('ИС-1', 1)).toBe('ИС-2');
    expect(nameOnNextCourse('ЭБ 21', 2)).toBe('ЭБ 31');
  });

  it('keeps a name that does not carry the course', () => {
    expect(nameOnNextCourse('ИС-21', 3)).toBe('ИС-21');
    expect(nameOnNextCourse('Повара', 1)).toBe('Повара');
    expect(nameOnNextCourse('ИС-2025', 1)).toBe('ИС-2025');
    expect(nameOnNextCourse('ИС-2025', 2)).toBe('ИС-2025');
  });

  it('keeps a name given by the admission year: «ИС-23», admitted 2023, from the 2nd course to the 3rd (issue #9, item 8)', () => {
    const is23 = { name: 'ИС-23', course: 2, admissionYear: 2023 };
    expect(namingOnTransfer(is23)).toMatchObject({ carriesCourse: false, guess: true, proposedName: 'ИС-23' });
    expect(namingOnTransfer(is23).why).toContain('набор 2023 г.');
    // The rest of a college that names by the year: its names read only as the year.
    const intake = [
      { name: 'ЭБ-23', course: 3, admissionYear: 2023 },
      { name: 'ПНК-231', course: 2, admissionYear: 2023 },
    ];
    expect(namingOnTransfer(is23, { intake })).toMatchObject({
      carriesCourse: false,
      guess: true,
      proposedName: 'ИС-23',
    });
    // The group kept its name when it moved from the 1st course: it is named by the year, no guess.
    expect(namingOnTransfer(is23, { previous: { name: 'ИС-23', course: 1 } })).toMatchObject({
      carriesCourse: false,
      guess: false,
      proposedName: 'ИС-23',
    });
    // Named by the year whatever the course: nothing to decide.
    expect(namingOnTransfer({ name: 'ИС-23', course: 3, admissionYear: 2023 })).toMatchObject({
      carriesCourse: false,
      guess: false,
      proposedName: 'ИС-23',
    });
    expect(namingOnTransfer({ name: 'ИС-23-1', course: 2, admissionYear: 2023 })).toMatchObject({
      carriesCourse: false,
      guess: false,
    });
  });

  it('renames a name that carries the course, and says when that is a guess', () => {
    expect(namingOnTransfer({ name: 'ИС-21', course: 2, admissionYear: 2025 })).toMatchObject({
      carriesCourse: true,
      guess: false,
      proposedName: 'ИС-31',
    });
    // «ИС-25» on the 2nd course of the 2025 intake: the fifth group of the course or the year? Its intake says.
    const is25 = { name: 'ИС-25', course: 2, admissionYear: 2025 };
    const intake = [
      { name: 'ИС-21', course: 2, admissionYear: 2025 },
      { name: 'ИС-22', course: 2, admissionYear: 2025 },
      { name: 'ЭБ-25', course: 2, admissionYear: 2025 }, // reads both ways: no evidence
    ];
    expect(namingOnTransfer(is25, { intake })).toMatchObject({
      carriesCourse: true,
      guess: true,
      proposedName: 'ИС-35',
    });
    expect(namingOnTransfer(is25, { intake }).why).toContain('ИС-21, ИС-22');
    // Its own last transfer renamed it («ИС-15» → «ИС-25»): it carries the course, no guess.
    expect(namingOnTransfer(is25, { previous: { name: 'ИС-15', course: 1 } })).toMatchObject({
      carriesCourse: true,
      guess: false,
      proposedName: 'ИС-35',
    });
    // A history that says neither (a name changed by hand) leaves the decision to the rest.
    expect(namingOnTransfer(is25, { previous: { name: 'Программисты', course: 1 } })).toMatchObject({
      carriesCourse: false,
      guess: true,
    });
  });

  it('checks a name the administrator gives', () => {
    expect(newGroupNameProblem('  ', 'ИС-23')).toBe('Новое название: заполните');
    expect(newGroupNameProblem('ИС-'.padEnd(31, '1'), 'ИС-23')).toBe('Новое название: не длиннее 30 знаков');
    expect(newGroupNameProblem(' ИС-33 ', 'ИС-23')).toBeNull();
  });
});
