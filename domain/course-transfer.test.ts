import { describe, expect, it } from 'vitest';
import { finalCourse, nameOnNextCourse, transferActionFor } from './course-transfer';

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
});
