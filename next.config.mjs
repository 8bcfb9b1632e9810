import os from 'node:os';

/**
 * `next dev` serves its scripts only to `localhost` unless told otherwise; a page opened at 127.0.0.1, by the PC's
 * name or by its LAN address would never hydrate. Allow this machine's own names and addresses (dev only; production
 * — `npm start` — has no such block).
 */
function ownAddresses() {
  const hosts = new Set(['127.0.0.1', 'localhost', os.hostname()]);
  for (const list of Object.values(os.networkInterfaces()))
    for (const a of list ?? []) if (a.family === 'IPv4') hosts.add(a.address);
  return [...hosts];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages load from node_modules at run time, not from the bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@node-rs/argon2',
    'postgres',
    '@react-pdf/renderer',
    'exceljs',
    'pg-boss',
    'pg',
  ],
  poweredByHeader: false,
  allowedDevOrigins: ownAddresses(),
};

export default nextConfig;
