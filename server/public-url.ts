import os from 'node:os';

/**
 * The one address the product prints or sends (access slips, and whatever mails or QR codes come later): the
 * configured `PUBLIC_URL`, else `NEXTAUTH_URL`, else — for a college that configured nothing — this machine's first
 * LAN address with the port, which other PCs of the college can open. Never the address of the incoming request:
 * behind a reverse proxy that is the proxy's internal address (issue #9.10).
 *
 * Returns an origin without a trailing slash, e.g. `https://ezh.college.ru` or `http://192.168.1.10:3000`.
 */
export function publicUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.PUBLIC_URL || env.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const port = env.PORT ?? '3000';
  return `http://${lanAddress() ?? 'localhost'}:${port}`;
}

/** A refusal for a configured address that is not an absolute http(s) URL, in Russian; null when it is fine. */
export function publicUrlProblem(env: Record<string, string | undefined> = process.env): string | null {
  for (const name of ['PUBLIC_URL', 'NEXTAUTH_URL'] as const) {
    const value = env[name];
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return `${name}: «${value}» — не адрес. Укажите адрес, по которому пользователи открывают журнал, например https://ezh.college.ru`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${name}: «${value}» — нужен адрес http:// или https://`;
  }
  return null;
}

function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
