import os from 'node:os';
import type { NextConfig } from 'next';
import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './domain/security-headers';
import { lanAddresses, urlHost } from './server/network';

/**
 * `next dev` serves its scripts only to `localhost` unless told otherwise; a page opened at 127.0.0.1, by the PC's
 * name or by its LAN address would never hydrate. Allow this machine's own names and addresses (dev only; production
 * — `npm start` — has no such block).
 */
function ownAddresses() {
  const hosts = new Set(['127.0.0.1', '[::1]', 'localhost', os.hostname()]);
  for (const a of lanAddresses()) hosts.add(urlHost(a.address)); // IPv6 as an origin's host: in brackets
  return [...hosts];
}

const nextConfig: NextConfig = {
  // Native and WASM packages load from node_modules at run time, not from the bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'postgres',
    '@react-pdf/renderer',
    // React-PDF's own font engine, which server/reports/pdf-text.ts measures printed text with.
    'fontkit',
    'exceljs',
    'pg-boss',
    'pg',
  ],
  poweredByHeader: false,
  // Security headers of every response (domain/security-headers.ts); a page's Content-Security-Policy comes from
  // proxy.ts with its nonce, everything else gets the non-page policy here.
  headers: () =>
    Promise.resolve([
      { source: '/:path*', headers: [...SECURITY_HEADERS] },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_CONTENT_SECURITY_POLICY }] },
    ]),
  allowedDevOrigins: ownAddresses(),
};

export default nextConfig;
