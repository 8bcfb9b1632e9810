import { describe, expect, it } from 'vitest';
import { JournalStore } from './journal-store';

const cell = (lessonId: number, studentId: number, grade1: string | null, version: number) => ({
  lessonId,
  studentId,
  attendance: null,
  grade1,
  grade2: null,
  version,
});

describe('JournalStore: what the grid shows', () => {
  it('shows the server’s cells, and an empty never-written cell at version 0', () => {
    const store = new JournalStore([cell(1, 10, '5', 3)], [{ studentId: 10, field: 'sem', value: '4', version: 2 }]);
    expect(store.cell(1, 10)).toMatchObject({ value: { grade1: '5' }, version: 3, pending: false });
    expect(store.cell(2, 10)).toMatchObject({
      value: { attendance: null, grade1: null, grade2: null },
      version: 0,
      pending: false,
    });
    expect(store.attestationCell(10, 'sem')).toMatchObject({ value: '4', version: 2 });
  });

  it('shows an edit at once as pending, and the server’s value and version once confirmed', () => {
    const store = new JournalStore([cell(1, 10, '5', 3)], []);
    const repainted: string[][] = [];
    store.subscribe((keys) => repainted.push(keys));
    store.setLocal(1, 10, { attendance: 'н', grade1: null, grade2: null });
    expect(store.cell(1, 10)).toMatchObject({ value: { attendance: 'н' }, version: 3, pending: true });
    store.confirm(1, 10, { attendance: 'н', grade1: null, grade2: null, version: 4 }, false);
    expect(store.cell(1, 10)).toMatchObject({ value: { attendance: 'н' }, version: 4, pending: false });
    expect(repainted).toEqual([['1:10'], ['1:10']]);
  });

  it('keeps showing a newer own edit while an older one is confirmed', () => {
    const store = new JournalStore([], []);
    store.setLocal(1, 10, { attendance: null, grade1: '3', grade2: null });
    store.setLocal(1, 10, { attendance: null, grade1: '4', grade2: null }); // typed again before the answer
    store.confirm(1, 10, { attendance: null, grade1: '3', grade2: null, version: 1 }, true);
    expect(store.cell(1, 10)).toMatchObject({ value: { grade1: '4' }, version: 1, pending: true });
  });

  it('marks a conflict (no longer pending) and «Принять другое» shows the other value', () => {
    const store = new JournalStore([cell(1, 10, '5', 3)], []);
    store.setLocal(1, 10, { attendance: null, grade1: '2', grade2: null });
    store.setConflict(1, 10, { theirs: '4', version: 4, by: 'Соколова И. П.' });
    expect(store.cell(1, 10)).toMatchObject({ pending: false, conflict: { theirs: '4', version: 4 } });
    store.replace(1, 10, { attendance: null, grade1: '4', grade2: null }, 4);
    expect(store.cell(1, 10)).toMatchObject({ value: { grade1: '4' }, version: 4, conflict: null, pending: false });
  });

  it('holds a refusal on the cell until the next edit clears it', () => {
    const store = new JournalStore([], []);
    store.setError(1, 10, 'Иванов И., 05.09: «7» — не отметка');
    expect(store.cell(1, 10).error).toContain('не отметка');
    store.setLocal(1, 10, { attendance: null, grade1: '5', grade2: null });
    expect(store.cell(1, 10).error).toBeNull();
  });

  it('gives a student’s cells in lesson order for the computed columns', () => {
    const store = new JournalStore([cell(1, 10, '5', 1), cell(3, 10, '3', 1)], []);
    expect(store.cellsOfStudent(10, [1, 2, 3]).map((c) => c.grade1)).toEqual(['5', null, '3']);
  });
});
