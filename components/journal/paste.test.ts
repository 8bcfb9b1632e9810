import { describe, expect, it } from 'vitest';
import { checkCellEdit } from '@/domain/cell-edit';
import { DEFAULT_ATTENDANCE_CODES } from '@/domain/marks';
import { blockPlace, isBlock, parseClipboardTable, placeBlock } from './paste';

describe('parseClipboardTable', () => {
  it('reads an Excel block with a trailing line break and Windows line ends', () => {
    expect(parseClipboardTable('5\t4\tн\r\n4/5\t\tб\r\n')).toEqual([
      ['5', '4', 'н'],
      ['4/5', '', 'б'],
    ]);
  });

  it('reads a cell holding a line break (Alt+Enter), as Excel quotes it, as one cell (issue #26.6b)', () => {
    // Excel's clipboard text for the reported cell «4⏎», alone and in a 2×2 block: no «"4» and no extra row.
    expect(parseClipboardTable('"4\n"\r\n')).toEqual([['4']]);
    expect(parseClipboardTable('5\t"4\n"\r\nн\t"о\n4"\r\n')).toEqual([
      ['5', '4'],
      ['н', 'о\n4'],
    ]);
    expect(parseClipboardTable('"a\tb"\t"5 ""хор."""\n')).toEqual([['a\tb', '5 "хор."']]);
  });

  it('checks the pasted «4⏎» as the mark 4 and refuses «4⏎5» showing the line break', () => {
    const target = {
      studentName: 'Иванов И. И.',
      spans: [{ from: '2026-09-01', to: null }],
      lessonDate: '2026-11-02',
      today: '2026-11-29',
      codes: DEFAULT_ATTENDANCE_CODES,
    };
    const [[cell]] = parseClipboardTable('"4\n"\r\n') as [[string]];
    expect(checkCellEdit(target, cell)).toEqual({ ok: true, value: { attendance: null, grade1: '4', grade2: null } });
    const [[bad]] = parseClipboardTable('"4\n5"\r\n') as [[string]];
    expect(checkCellEdit(target, bad)).toEqual({
      ok: false,
      message: expect.stringMatching(/^Иванов И\. И\., 02\.11: «4⏎5» — не отметка/),
    });
  });

  it('tells a block from a single value', () => {
    expect(isBlock('5\n')).toBe(false);
    expect(isBlock('5\t4')).toBe(true);
    expect(isBlock('5\n4\n')).toBe(true);
    // One cell as a spreadsheet quoted it is not text for the open editor: the quotes must not reach it.
    expect(isBlock('"4\n"\r\n')).toBe(true);
    expect(isBlock('"4')).toBe(false);
  });
});

describe('placeBlock', () => {
  it('lays a block from the focused cell, row by row, each cell with its place in the block', () => {
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
        { row: 1, column: 2, text: '5', place: { row: 1, column: 1 } },
        { row: 1, column: 3, text: '4', place: { row: 1, column: 2 } },
        { row: 2, column: 2, text: '', place: { row: 2, column: 1 } },
        { row: 2, column: 3, text: 'н', place: { row: 2, column: 2 } },
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

describe('blockPlace', () => {
  it('names a cell by its row and column in the pasted block', () => {
    expect(blockPlace({ row: 3, column: 2 })).toBe('Строка 3, столбец 2 вставленного блока');
  });
});
