import { describe, expect, it } from 'vitest';
import { attestationColumns, parseAttestationInput } from './attestation';

describe('attestation', () => {
  it('has a semester column and the form’s own column', () => {
    expect(attestationColumns('Э').map((c) => c.header)).toEqual(['Сем.', 'Экз.']);
    expect(attestationColumns('ДЗ').map((c) => c.header)).toEqual(['Сем.', 'ДЗ']);
    expect(attestationColumns(null).map((c) => c.header)).toEqual(['Сем.']);
  });

  it.each([
    ['exam', '5', '5'],
    ['credit', 'зачт', 'зачтено'],
    ['credit', 'НЗ', 'не зачтено'],
    ['dz', 'н/а', 'н/а'],
    ['sem', 'осв', 'осв.'],
    ['qual', 'освоен', 'освоен'],
    ['exam', '', null],
  ] as const)('%s accepts «%s» as %s', (field, input, value) => {
    expect(parseAttestationInput(field, input)).toEqual({ ok: true, value });
  });

  it.each([
    ['exam', 'зачтено'],
    ['credit', '5'],
    ['sem', '6'],
  ] as const)('%s refuses «%s» in Russian', (field, input) => {
    const r = parseAttestationInput(field, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('Допустимо');
  });
});
