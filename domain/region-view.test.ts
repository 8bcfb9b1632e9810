import { describe, expect, it } from 'vitest';
import { termLabel, type RegionCollegeRow } from './region-view';

const row = (name: string) =>
  ({ term: { name, yearName: '2026/2027', startsOn: '2026-09-01', endsOn: '2026-12-28' } }) as RegionCollegeRow;

describe('a college’s term in the region’s table', () => {
  it('names the year once: a term named with it is shown as it is, one without gets it', () => {
    expect(termLabel(row('1 семестр 2026/2027'))).toBe('1 семестр 2026/2027: 01.09.2026 — 28.12.2026');
    expect(termLabel(row('Осенний семестр'))).toBe('Осенний семестр 2026/2027: 01.09.2026 — 28.12.2026');
    expect(termLabel({ term: null } as RegionCollegeRow)).toBe('нет семестра');
  });
});
