import { describe, expect, it } from 'vitest';
import { canonicalJson, describeChange, normalizeCode, snapshotDiff, verificationCode } from './copy-snapshot';

describe('copy snapshots', () => {
  const before = {
    'j:7': 'ОП.01 Операционные системы',
    'l:3:date': '2026-10-12',
    'l:3:journal': '7',
    'l:3:topic': 'Процессы',
    's:7:11': '5',
    'n:11': 'Антонова Анна Сергеевна',
    'c:3:11': '4',
  };

  it('is canonical: the order keys were added in does not matter', () => {
    const reordered = Object.fromEntries(Object.entries(before).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(before));
  });

  it('names what changed, with the student’s name only for staff', () => {
    const after = { ...before, 'c:3:11': '5', 'l:3:topic': 'Потоки' };
    delete (after as Record<string, string>)['l:3:date'];
    const diff = snapshotDiff(before, after);
    expect(diff.map((d) => d.key)).toEqual(['c:3:11', 'l:3:date', 'l:3:topic']);
    expect(describeChange('c:3:11', before, after, false)).toBe(
      'ОП.01 Операционные системы, занятие 12.10.2026: строка 5',
    );
    expect(describeChange('c:3:11', before, after, true)).toBe(
      'ОП.01 Операционные системы, занятие 12.10.2026: Антонова Анна Сергеевна',
    );
    expect(describeChange('l:3:topic', before, after, false)).toBe(
      'ОП.01 Операционные системы, занятие 12.10.2026: тема',
    );
  });

  it('makes codes of 10 unambiguous characters and reads them back forgivingly', () => {
    const code = verificationCode(new Uint8Array([0, 1, 2, 3, 4, 31, 32, 33, 200, 255]));
    expect(code).toBe('ABCDE-9ABJ9'); // 200 % 32 = 8 → J (no I in the alphabet)
    expect(normalizeCode('abcde9abj9')).toBe('ABCDE-9ABJ9');
    expect(normalizeCode('ABCDE-9ABJO')).toBeNull();
    expect(normalizeCode('short')).toBeNull();
  });
});
