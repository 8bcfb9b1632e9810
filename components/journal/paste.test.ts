import { describe, expect, it } from 'vitest';
import { isBlock, parseClipboardTable, placeBlock } from './paste';

describe('parseClipboardTable', () => {
  it('reads an Excel block with a trailing line break and Windows line ends', () => {
    expect(parseClipboardTable('5\t4\tн\r\n4/5\t\tб\r\n')).toEqual([
      ['5', '4', 'н'],
      ['4/5', '', 'б'],
    ]);
  });

  it('tells a block from a single value', () => {
    expect(isBlock('5\n')).toBe(false);
    expect(isBlock('5\t4')).toBe(true);
    expect(isBlock('5\n4\n')).toBe(true);
  });
});

describe('placeBlock', () => {
  it('lays a block from the focused cell, row by row', () => {
    expect(
      placeBlock(
        [
          ['5', '4'],
          ['', 'н'],
        ],
        { row: 1, column: 2 },
        { rows: 5, columns: 6 },
      ),
    ).toEqual({
      ok: true,
      cells: [
        { row: 1, column: 2, text: '5' },
        { row: 1, column: 3, text: '4' },
        { row: 2, column: 2, text: '' },
        { row: 2, column: 3, text: 'н' },
      ],
    });
  });

  it('refuses a block that falls past the bottom or the right edge, naming its size', () => {
    expect(placeBlock([['5'], ['4'], ['3']], { row: 3, column: 0 }, { rows: 5, columns: 6 })).toEqual({
      ok: false,
      message: 'Ничего не вставлено: блок 3×1 выходит за край журнала от выбранной ячейки.',
    });
    expect(placeBlock([['5', '4', '3']], { row: 0, column: 4 }, { rows: 5, columns: 6 }).ok).toBe(false);
    expect(placeBlock([['5', '4']], { row: 4, column: 4 }, { rows: 5, columns: 6 }).ok).toBe(true);
  });
});
