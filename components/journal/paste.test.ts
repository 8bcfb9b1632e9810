import { describe, expect, it } from 'vitest';
import { isBlock, parseClipboardTable } from './paste';

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
