import { describe, expect, it } from 'vitest';
import { below, keyAction } from './grid-keys';

const grid = { rows: 3, columns: 4 };

describe('the journal grid’s keys', () => {
  it('Enter moves down, committing the value being typed', () => {
    expect(keyAction({ key: 'Enter' }, true, { row: 0, column: 1 }, grid)).toEqual({
      kind: 'move',
      to: { row: 1, column: 1 },
    });
    expect(keyAction({ key: 'Enter' }, false, { row: 1, column: 1 }, grid)).toEqual({
      kind: 'move',
      to: { row: 2, column: 1 },
    });
  });

  it('Enter on the last row goes to the top of the next column; on the last cell it stays', () => {
    expect(keyAction({ key: 'Enter' }, false, { row: 2, column: 1 }, grid)).toEqual({
      kind: 'move',
      to: { row: 0, column: 2 },
    });
    expect(below({ row: 2, column: 3 }, grid)).toEqual({ row: 2, column: 3 });
  });

  it('Shift+Enter and keys with Ctrl, Alt or ⌘ are left to the grid and the browser', () => {
    expect(keyAction({ key: 'Enter', shiftKey: true }, false, { row: 0, column: 0 }, grid).kind).toBe('native');
    expect(keyAction({ key: 'v', ctrlKey: true }, false, { row: 0, column: 0 }, grid)).toEqual({
      kind: 'native',
      what: 'other',
    });
    expect(keyAction({ key: 'Delete', metaKey: true }, false, { row: 0, column: 0 }, grid).kind).toBe('native');
  });

  it('Delete and Backspace clear the focused cell when no edit is open, and edit the text when one is', () => {
    expect(keyAction({ key: 'Delete' }, false, { row: 1, column: 2 }, grid)).toEqual({
      kind: 'clear',
      at: { row: 1, column: 2 },
    });
    expect(keyAction({ key: 'Backspace' }, false, { row: 1, column: 2 }, grid)).toEqual({
      kind: 'clear',
      at: { row: 1, column: 2 },
    });
    expect(keyAction({ key: 'Backspace' }, true, { row: 1, column: 2 }, grid).kind).toBe('native');
  });

  it('Tab moves right and a printable key starts an edit that replaces the value (AG Grid does both)', () => {
    expect(keyAction({ key: 'Tab' }, false, { row: 0, column: 0 }, grid)).toEqual({ kind: 'native', what: 'tab' });
    expect(keyAction({ key: 'н' }, false, { row: 0, column: 0 }, grid)).toEqual({ kind: 'native', what: 'startEdit' });
    expect(keyAction({ key: '5' }, false, { row: 0, column: 0 }, grid)).toEqual({ kind: 'native', what: 'startEdit' });
    expect(keyAction({ key: 'ArrowDown' }, false, { row: 0, column: 0 }, grid)).toEqual({
      kind: 'native',
      what: 'other',
    });
  });
});
