import { describe, expect, it } from 'vitest';
import { parseAttestationInput } from './attestation';
import { parseCurriculumRows } from './curriculum-template';
import { byKeyPosition, quoteTyped, readRussianLayout } from './keyboard-layout';
import { lessonKindOf } from './ktp';
import { parseCellInput } from './marks';
import { parseStudentRows } from './student-import';

describe('text typed with the Latin layout on (issue #9.3)', () => {
  it.each([
    ['y', { attendance: 'н', grade1: null, grade2: null }], // the key «Н»: an absence, never «у»
    ['Y', { attendance: 'н', grade1: null, grade2: null }],
    ['e', { attendance: 'у', grade1: null, grade2: null }], // the key «У»
    [',', { attendance: 'б', grade1: null, grade2: null }],
    ['j', { attendance: 'о', grade1: null, grade2: null }],
    ['j4', { attendance: 'о', grade1: '4', grade2: null }],
    ['px', { attendance: null, grade1: 'зч', grade2: null }],
    ['yp', { attendance: null, grade1: 'нз', grade2: null }],
    ['H', { attendance: 'н', grade1: null, grade2: null }], // Latin H pasted from Excel is the letter Н
    ['o', { attendance: 'о', grade1: null, grade2: null }], // Latin o is the letter о
    ['o4', { attendance: 'о', grade1: '4', grade2: null }],
    ['4/5', { attendance: null, grade1: '4', grade2: '5' }],
    ['4\\5', { attendance: null, grade1: '4', grade2: '5' }], // the same look-alikes of «/» as attestation
    ['4|5', { attendance: null, grade1: '4', grade2: '5' }],
    ['j4\\5', { attendance: 'о', grade1: '4', grade2: '5' }],
    ['4∕5', { attendance: null, grade1: '4', grade2: '5' }], // a division slash (U+2215)
  ])('cell «%s» reads as the key or the same letter', (input, value) => {
    expect(parseCellInput(input)).toEqual({ ok: true, value });
  });

  it('never reads Latin y as «у» (excused absence)', () => {
    const parsed = parseCellInput('y');
    expect(parsed.ok && parsed.value.attendance).not.toBe('у');
  });

  it.each(['h', 'q', 'abc', 'yy'])('refuses «%s» and asks to switch the layout', (input) => {
    const parsed = parseCellInput(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('переключите раскладку');
  });

  it('leaves text without a layout slip to the caller', () => {
    expect(readRussianLayout('4,5', () => false)).toEqual({ ok: true, text: '4,5' });
    expect(parseCellInput('4,5').ok).toBe(false);
    expect(byKeyPosition('pfxntyj')).toBe('зачтено');
  });

  it.each([
    ['sem', 'y/f', 'н/а'],
    ['credit', 'pfxntyj', 'зачтено'],
    ['credit', 'yp', 'не зачтено'],
    ['exam', 'jcd.', 'осв.'],
    ['qual', 'jcdjty', 'освоен'],
    ['sem', 'H/A', 'н/а'], // the same letters
    // Issue #26.6a: Shift missed on the Russian layout's «/» key (Shift+«\»), or the Latin layout's «|» there.
    ['sem', 'н\\а', 'н/а'],
    ['sem', 'н\\a', 'н/а'], // a Latin «a» too
    ['sem', 'y\\f', 'н/а'],
    ['sem', 'H\\A', 'н/а'],
    ['exam', 'Н|А', 'н/а'],
    ['dz', 'y|f', 'н/а'],
    ['kp', 'н／а', 'н/а'], // a full-width solidus from a phone's keyboard
  ] as const)('attestation %s «%s» → %s', (field, input, value) => {
    expect(parseAttestationInput(field, input)).toEqual({ ok: true, value });
  });

  it('refuses attestation text that reads as nothing in either way', () => {
    const parsed = parseAttestationInput('sem', 'hello');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('переключите раскладку');
  });

  it('reads a curriculum row whose code, cycle and form hold Latin twins of Cyrillic letters', () => {
    // «OП.04» with a Latin O, cycle «OП» likewise, form «KП» with a Latin K: the same letters, read as Cyrillic.
    const { items, errors } = parseCurriculumRows([
      { row: 2, cells: ['OП', 'OП.04', 'Основы алгоритмизации', '', '3', '72', '', '', '', '', 'KП'] },
    ]);
    expect(errors).toEqual([]);
    expect(items[0]!.code).toBe('ОП.04');
    expect(items[0]!.semesters[0]!.attestationForm).toBe('КП');
  });

  it("reads a parent's «кем приходится» in the student import by the same rule (Latin layout, same letters)", () => {
    const row = (relation: string) =>
      parseStudentRows(
        [{ row: 2, cells: ['Ким', 'Артур', '', '', '', '', '', 'Ким Ольга Петровна', relation, ''] }],
        '2026-11-29',
      );
    expect(row('vfnm').students[0]?.guardian?.relation).toBe('мать');
    expect(row('jntw').students[0]?.guardian?.relation).toBe('отец');
    expect(row('dog').errors[0]?.message).toContain('переключите раскладку');
  });

  it('quotes a typed text with its line breaks shown (a cell written with Alt+Enter)', () => {
    expect(quoteTyped(' 4\r\n5\n')).toBe('«4⏎5»');
    const parsed = parseCellInput('4\n5');
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('«4⏎5» — не отметка') });
    expect(parseCellInput('4\n')).toEqual({ ok: true, value: { attendance: null, grade1: '4', grade2: null } });
    expect(parseAttestationInput('credit', 'не\nзачтено')).toEqual({ ok: true, value: 'не зачтено' });
  });

  it('reads the kind of lesson in a КТП import by the same rule', () => {
    expect(lessonKindOf('gp')).toBe('practical'); // «пз» with the Latin layout on
    expect(lessonKindOf('KР')).toBe('test'); // a Latin K
    expect(lessonKindOf('Зачёт \\ экзамен')).toBe('exam');
    expect(lessonKindOf('lecture')).toBe('lecture'); // the code itself stays readable
    expect(lessonKindOf('экскурсия')).toBeNull();
  });
});
