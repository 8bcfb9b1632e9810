import { env, type Env } from './env';
import { lanAddresses, urlHost } from './network';

/**
 * The one address the product prints or sends (access slips, and whatever mails or QR codes come later): the
 * configured `PUBLIC_URL`, else `NEXTAUTH_URL`, else — for a college that configured nothing — this machine's first
 * LAN address (IPv4 first, IPv6 in brackets) with the port, which other PCs of the college can open. Never the
 * address of the incoming request: behind a reverse proxy that is the proxy's internal address (issue #9.10).
 *
 * Returns an origin without a trailing slash, e.g. `https://ezh.college.ru` or `http://192.168.1.10:3000`.
 */
export function publicUrl(config: Pick<Env, 'PUBLIC_URL' | 'NEXTAUTH_URL' | 'PORT'> = env()): string {
  const configured = config.PUBLIC_URL || config.NEXTAUTH_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const lan = lanAddresses()[0]; // IPv4 first; an IPv6-only network's address in brackets
  return `http://${lan ? urlHost(lan.address) : 'localhost'}:${config.PORT}`;
}
