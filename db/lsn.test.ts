import { describe, expect, it } from 'vitest';
import { hasReplayed, parseLsn } from './lsn';

describe('WAL positions', () => {
  it('reads X/Y as two hexadecimal halves', () => {
    expect(parseLsn('0/3000148')).toBe(0x3000148n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(parseLsn('A/FFFFFFFF')).toBe((10n << 32n) + 0xffffffffn);
    for (const bad of ['', '0/', '/1', '0x1/2', '1/2/3', 'G/1', '123456789/0', null, undefined])
      expect(parseLsn(bad)).toBeNull();
  });

  it('compares by the whole position, not by the text', () => {
    expect(hasReplayed('0/3000148', '0/3000148')).toBe(true);
    expect(hasReplayed('0/3000149', '0/3000148')).toBe(true);
    expect(hasReplayed('0/3000147', '0/3000148')).toBe(false);
    // As text «0/FF» > «0/100», as positions it is behind.
    expect(hasReplayed('0/FF', '0/100')).toBe(false);
    expect(hasReplayed('1/0', '0/FFFFFFFF')).toBe(true);
    expect(hasReplayed('garbage', '0/1')).toBe(false);
  });
});
