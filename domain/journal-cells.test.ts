import { describe, expect, it } from 'vitest';
import { packCells, unpackCells, type JournalCell } from './journal-cells';

describe('journal cells on the wire', () => {
  it('come back as they went, nulls and all, in one string', () => {
    const cells: JournalCell[] = [
      { lessonId: 7, studentId: 3, attendance: 'н', grade1: null, grade2: null, version: 2 },
      { lessonId: 7, studentId: 4, attendance: null, grade1: '4', grade2: '5', version: 1 },
      { lessonId: 8, studentId: 3, attendance: 'у', grade1: '<b>2</b>', grade2: null, version: 9 },
    ];
    const packed = packCells(cells);
    expect(typeof packed).toBe('string');
    expect(unpackCells(packed)).toEqual(cells);
    expect(unpackCells(packCells([]))).toEqual([]);
  });
});
