const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

export function transliterate(text: string): string {
  return [...text.toLowerCase()].map((ch) => TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join('');
}

/** «petrova.an» from Петрова Анна Николаевна. */
export function loginFor(n: { lastName: string; firstName: string; middleName?: string | null }): string {
  return `${transliterate(n.lastName)}.${transliterate(n.firstName)[0] ?? ''}${transliterate(n.middleName ?? '')[0] ?? ''}`;
}

/** The first of «base», «base2», «base3»… that `taken` does not hold. */
export function freeLogin(base: string, taken: (login: string) => boolean): string {
  let login = base;
  for (let n = 2; taken(login); n++) login = `${base}${n}`;
  return login;
}

/**
 * Where to go after signing in: a path of this site given by the page that sent the user to sign in (`?callbackUrl=`),
 * else the home page. Anything that could lead off the site (`//host`, `/\host`, `https://…`) gives the home page.
 */
export function returnPathAfterSignIn(callbackUrl: string | null | undefined): string {
  if (!callbackUrl || !callbackUrl.startsWith('/') || callbackUrl.startsWith('//') || callbackUrl.startsWith('/\\'))
    return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f]/.test(callbackUrl) || callbackUrl.length > 500) return '/';
  return callbackUrl;
}
