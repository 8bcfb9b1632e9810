import os from 'node:os';
import { env, type Env } from './env';

/**
 * The one address the product prints or sends (access slips, and whatever mails or QR codes come later): the
 * configured `PUBLIC_URL`, else `NEXTAUTH_URL`, else — for a college that configured nothing — this machine's first
 * LAN address with the port, which other PCs of the college can open. Never the address of the incoming request:
 * behind a reverse proxy that is the proxy's internal address (issue #9.10).
 *
 * Returns an origin without a trailing slash, e.g. `https://ezh.college.ru` or `http://192.168.1.10:3000`.
 */
export function publicUrl(config: Pick<Env, 'PUBLIC_URL' | 'NEXTAUTH_URL' | 'PORT'> = env()): string {
  const configured = config.PUBLIC_URL || config.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `http://${lanAddress() ?? 'localhost'}:${config.PORT}`;
}

function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}
