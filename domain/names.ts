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
