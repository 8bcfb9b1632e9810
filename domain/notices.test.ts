import { describe, expect, it } from 'vitest';
import { audienceText, noticeReaches } from './notices';

const teacher = { roles: ['teacher'] as const, departmentIds: [1], groupIds: [10, 11] };
const parent = { roles: ['parent'] as const, departmentIds: [2], groupIds: [20] };

describe('who a notice reaches', () => {
  it('an empty audience reaches everybody', () => {
    expect(noticeReaches({ roles: [], departmentIds: [], groupIds: [] }, teacher)).toBe(true);
    expect(noticeReaches({ roles: [], departmentIds: [], groupIds: [] }, parent)).toBe(true);
  });

  it('every filled list must match: a role, a department, a group', () => {
    expect(noticeReaches({ roles: ['teacher'], departmentIds: [], groupIds: [] }, teacher)).toBe(true);
    expect(noticeReaches({ roles: ['teacher'], departmentIds: [], groupIds: [] }, parent)).toBe(false);
    expect(noticeReaches({ roles: ['teacher'], departmentIds: [2], groupIds: [] }, teacher)).toBe(false);
    expect(noticeReaches({ roles: [], departmentIds: [], groupIds: [20] }, parent)).toBe(true);
    expect(noticeReaches({ roles: ['parent', 'teacher'], departmentIds: [1, 2], groupIds: [11] }, teacher)).toBe(true);
  });

  it('says whom it is for in words', () => {
    expect(
      audienceText(
        { roles: ['teacher', 'head'], departmentIds: [1], groupIds: [] },
        {
          roles: (r) => ({ teacher: 'преподаватели', head: 'заведующие' })[r] ?? r,
          department: () => 'Отделение ИТ',
          group: String,
        },
      ),
    ).toBe('преподаватели, заведующие; отделение: Отделение ИТ');
    expect(
      audienceText(
        { roles: [], departmentIds: [], groupIds: [] },
        { roles: String, department: String, group: String },
      ),
    ).toBe('все');
  });
});
