/**
 * Text typed with the wrong keyboard layout. One rule for every parser of typed or pasted codes (journal cells,
 * attestation cells, the curriculum import's code, cycle and form, the student import's «кем приходится»):
 *
 * 0. Look-alikes of `/` are `/`: `\` (on the Russian ЙЦУКЕН layout `/` is Shift + the `\` key, so a missed Shift
 *    gives `н\а`, `4\5`), `|` (the same key with Shift in the Latin layout: `y|f`), and the slashes of other fonts and
 *    keyboards (`／` full-width, `∕` division, `⁄` fraction, `＼` full-width backslash). No code has any of them.
 * 1. Latin letters that are the same letter as a Cyrillic one (`H` and `Н`, `O`/`o` and `О`/`о`, `K` and `К` …, as
 *    Excel exports and fonts produce them) are read as that Cyrillic letter.
 * 2. Otherwise, a text with Latin letters is read by key position (ЙЦУКЕН over QWERTY: `y` → н, `e` → у, `,` → б,
 *    `j` → о, `px` → зч) — what the teacher pressed with the Latin layout on — but only when the whole text then reads
 *    as a valid value.
 * 3. Anything else with Latin letters is refused with «переключите раскладку».
 *
 * Never a look-alike that is another letter: Latin `y` looks like «у» (excused absence) but is the key «н» (absence),
 * so reading it by its look would turn an unexcused absence into an excused one (issue #9.3). Digits, `/` and `.` keep
 * their meaning in both layouts.
 */

/** Rule 0: the characters read as `/` (issue #26.6a). */
const SLASH_LOOK_ALIKES = /[\\|／∕⁄＼]/g;

/** Rule 0 alone: every look-alike of `/` replaced by `/`. */
export function slashLookAlikes(text: string): string {
  return text.replace(SLASH_LOOK_ALIKES, '/');
}

/** A typed text as a message quotes it: trimmed, a line break inside (Alt+Enter in Excel) shown as `⏎`. */
export function quoteTyped(raw: string): string {
  return `«${raw.trim().replace(/\r\n|\r|\n/g, '⏎')}»`;
}

/** Latin → Cyrillic: the same letter in both alphabets (upper and lower case as written). */
const SAME_LETTER: Record<string, string> = {
  A: 'А',
  a: 'а',
  B: 'В',
  C: 'С',
  c: 'с',
  E: 'Е',
  e: 'е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  o: 'о',
  P: 'Р',
  p: 'р',
  T: 'Т',
  X: 'Х',
  x: 'х',
};

/** The key under each Latin character → the character it gives in the Russian (ЙЦУКЕН) layout. */
const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,`";
const JCUKEN = 'йцукенгшщзхъфывапролджэячсмитьбё';
const QWERTY_SHIFT = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<~';
const JCUKEN_SHIFT = 'ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЁ';
const BY_KEY = new Map<string, string>([
  ...[...QWERTY].map((c, i) => [c, JCUKEN[i]!] as const),
  ...[...QWERTY_SHIFT].map((c, i) => [c, JCUKEN_SHIFT[i]!] as const),
]);

const LATIN = /[A-Za-z]/;

export function hasLatinLetters(text: string): boolean {
  return LATIN.test(text);
}

/** Rule 1: same letters read as Cyrillic; null when a Latin letter has no Cyrillic twin. */
export function sameLetters(text: string): string | null {
  let out = '';
  for (const c of text) {
    if (LATIN.test(c)) {
      const twin = SAME_LETTER[c];
      if (!twin) return null;
      out += twin;
    } else out += c;
  }
  return out;
}

/** Rule 2: what the same keys give in the Russian layout (letters and the letter keys `,;'[]<>` …; digits, `/`, `.` kept). */
export function byKeyPosition(text: string): string {
  let out = '';
  for (const c of text) out += BY_KEY.get(c) ?? c;
  return out;
}

export type LayoutRead = { ok: true; text: string } | { ok: false; error: string };

export const SWITCH_LAYOUT = 'переключите раскладку клавиатуры на русскую';

/**
 * Reads `raw` under the rules above. `isValid` says whether a candidate (already in Cyrillic, `/` for its look-alikes)
 * is a valid value for the field. Text without Latin letters comes back with rule 0 applied and otherwise unchanged
 * (the caller validates it and gives its own message).
 */
export function readRussianLayout(raw: string, isValid: (candidate: string) => boolean): LayoutRead {
  const text = slashLookAlikes(raw);
  if (![...text].some((c) => BY_KEY.has(c))) return { ok: true, text };
  const same = sameLetters(text);
  if (same !== null && isValid(same)) return { ok: true, text: same };
  const keyed = byKeyPosition(text);
  if (isValid(keyed)) return { ok: true, text: keyed };
  if (!hasLatinLetters(text)) return { ok: true, text }; // «4,5»: no layout slip, the caller explains
  return { ok: false, error: `${quoteTyped(raw)}: латинские буквы — ${SWITCH_LAYOUT}` };
}
