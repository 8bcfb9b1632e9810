/**
 * What a browser sees when a route it opened refuses (issue #26, item 9): a parent who edits a report card's address,
 * a teacher whose session ended, a link to a certified copy mistyped — not raw JSON `{"error": …}` but a small page in
 * Russian that says what happened and how to go on. Clients of the API (the app's own `fetch`, scripts, calendar
 * apps) keep the JSON answer. The server turns a refusal into one or the other (server/policy/refusal.ts).
 */

/** The request headers that tell a browser's navigation from a client of the API. */
export interface RequestKind {
  /** `Sec-Fetch-Mode` (Fetch Metadata): `navigate` for an address typed, a link or a bookmark opened. */
  secFetchMode: string | null;
  /** `Accept`. */
  accept: string | null;
}

/**
 * True for a browser's navigation: `Sec-Fetch-Mode: navigate`; a browser that sends no Fetch Metadata (Chromium and
 * Firefox send it only to HTTPS and localhost: a college PC opening `http://192.168.1.10:3000` does not) is known by
 * an `Accept` that lists `text/html`. Anything else — `fetch` (mode `cors`, `same-origin`…), `*\/*`, JSON — is an API
 * client.
 */
export function wantsPage(request: RequestKind): boolean {
  if (request.secFetchMode) return request.secFetchMode === 'navigate';
  return /(^|[,\s])text\/html(\s*(;|,|$))/i.test(request.accept ?? '');
}

/** The page's only style (the server allows exactly this text by its hash in the page's Content-Security-Policy). */
export const REFUSAL_PAGE_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1f2328}' +
  'main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}' +
  'h1{font-size:1.4rem;margin:0 0 .75rem}p{margin:.5rem 0}.muted{color:#59636e;font-size:.9rem}' +
  'a.button{display:inline-block;margin-top:1rem;padding:.5rem 1rem;background:#0969da;color:#fff;border-radius:6px;text-decoration:none}';

const HEADINGS: Record<number, { title: string; hint: string }> = {
  400: {
    title: 'Неверная ссылка',
    hint: 'Возможно, адрес изменили вручную или он устарел. Откройте отчёт из журнала.',
  },
  401: { title: 'Нужно войти', hint: 'Сеанс закончился или вы вышли. После входа откроется эта же страница.' },
  403: {
    title: 'Нет доступа',
    hint: 'Эти данные вам не открыты. Если доступ должен быть, обратитесь к куратору или администратору колледжа.',
  },
  404: { title: 'Не найдено', hint: 'Ссылка устарела или набрана с ошибкой.' },
  409: { title: 'Не удалось выполнить', hint: 'Данные изменились. Обновите страницу, с которой пришли, и повторите.' },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/**
 * The page of a refusal: its heading by status (400, 401, 403, 404, 409), the refusal's own message (escaped: a 400
 * may quote what was typed), a hint, and the way on — for 401 «Войти» to `/login?callbackUrl=<returnPath>` (the login
 * page takes only a path of this site: domain/login.ts), else «На главную» (`/`). No script, no external resource.
 */
export function refusalPageHtml(refusal: {
  status: number;
  message: string;
  returnPath: string;
  /** The page's Content-Security-Policy for its `<meta>` (domain/security-headers.ts, delivery 'meta'). */
  metaPolicy?: string;
}): string {
  const heading = HEADINGS[refusal.status] ?? HEADINGS[400]!;
  const link =
    refusal.status === 401
      ? { href: `/login?callbackUrl=${encodeURIComponent(refusal.returnPath)}`, text: 'Войти' }
      : { href: '/', text: 'На главную' };
  const message = refusal.message.replace(/[.!]?$/, '.');
  return [
    '<!doctype html>',
    '<html lang="ru"><head><meta charset="utf-8">',
    refusal.metaPolicy ? `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(refusal.metaPolicy)}">` : '',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(heading.title)} — Электронный журнал</title>`,
    `<style>${REFUSAL_PAGE_STYLE}</style>`,
    '</head><body><main>',
    `<h1>${escapeHtml(heading.title)}</h1>`,
    `<p>${escapeHtml(message)}</p>`,
    `<p class="muted">${escapeHtml(heading.hint)}</p>`,
    `<a class="button" href="${escapeHtml(link.href)}">${link.text}</a>`,
    `<p class="muted">Код ответа: ${refusal.status}</p>`,
    '</main></body></html>',
  ].join('');
}
