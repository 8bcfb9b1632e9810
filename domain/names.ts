export interface PersonName {
  lastName: string;
  firstName: string;
  middleName?: string | null;
}

/** «Иванова А. С.» — the form journals and lists use. */
export function shortName(p: PersonName): string {
  const initials = [p.firstName, p.middleName]
    .filter((part): part is string => Boolean(part && part.trim()))
    .map((part) => `${part.trim()[0]!.toUpperCase()}.`)
    .join(' ');
  return initials ? `${p.lastName} ${initials}` : p.lastName;
}

/** «Иванова Анна Сергеевна». */
export function fullName(p: PersonName): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** Russian alphabetical order of people, as journals list them (ё sorts with е). */
export function compareByName(a: PersonName, b: PersonName): number {
  return collator.compare(fullName(a), fullName(b));
}

const collator = new Intl.Collator('ru', { sensitivity: 'base' });

// Characters that look like a hyphen or an apostrophe (Word and phones put them in names), and invisible ones.
const HYPHEN_LIKE = /[\u2010-\u2015\u2043\u2212\uFE58\uFE63\uFF0D]/g;
const APOSTROPHE_LIKE = /[\u0060\u00B4\u02B9\u02BB\u02BC\u02BD\u2018\u2019\u201B\u2032\uFF07]/g;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A name as it is stored: trimmed, spaces collapsed (no spaces around a hyphen), hyphen and apostrophe look-alikes
 * replaced by `-` and `'`, invisible characters dropped. Letters, ё and capitals stay as typed.
 */
export function cleanName(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(HYPHEN_LIKE, '-')
    .replace(APOSTROPHE_LIKE, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ?- ?/g, '-')
    .trim();
}

/** A name (or one part of it) after `cleanName`: Russian words joined by a space or a hyphen. */
export const RUSSIAN_NAME = /^[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+)*$/u;

/** What two names are compared by (duplicates, searches): the clean name, ё as е, lower case. Never stored or shown. */
export function nameKey(text: string | null | undefined): string {
  return cleanName(text ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е');
}

/** One person's full name as a comparison key: «Семёнов Артём Ильич» = «СЕМЕНОВ АРТЕМ ИЛЬИЧ». */
export function personKey(p: PersonName): string {
  return [p.lastName, p.firstName, p.middleName].map(nameKey).join('|');
}

/**
 * A phone as a comparison key: its digits; a Russian number as 7 and ten digits («8 927…», «+7 927…» and «927…» are
 * one number). Null when there are no digits.
 */
export function phoneKey(text: string | null | undefined): string | null {
  const digits = (text ?? '').replace(/\D/g, '');
  if (digits === '') return null;
  if (digits.length === 10) return `7${digits}`;
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) return `7${digits.slice(1)}`;
  return digits;
}

/** Text as a search compares it: any case, ё as е, runs of spaces as one («Семёнов  А.» finds «семенов а.»). */
export function searchKey(text: string): string {
  return text.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}
