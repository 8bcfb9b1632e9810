/**
 * This machine's addresses, for where `npm start` listens and for the addresses the product prints (the start's line
 * for colleagues, access slips, the dev server's allowed origins). No `server-only`: scripts/start.ts and
 * next.config.ts use it too.
 */
import net from 'node:net';
import os from 'node:os';

export interface LanAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
}

/**
 * The addresses other computers can open this one by: not loopback, and for IPv6 not link-local (`fe80::…` needs a
 * zone, «%eth0», that browsers do not take in a URL). IPv4 first, each family in the system's order.
 */
export function lanAddresses(): LanAddress[] {
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  const usable = all.filter((a) => !a.internal && !(a.family === 'IPv6' && (a.scopeid ?? 0) !== 0));
  return [
    ...usable.filter((a) => a.family === 'IPv4').map((a) => ({ address: a.address, family: 'IPv4' as const })),
    ...usable.filter((a) => a.family === 'IPv6').map((a) => ({ address: a.address, family: 'IPv6' as const })),
  ];
}

/** An address as the host of a URL: an IPv6 address in brackets (`[2001:db8::5]`, RFC 3986 §3.2.2). */
export function urlHost(address: string): string {
  return net.isIPv6(address) ? `[${address}]` : address;
}

/** Whether this machine can listen on IPv6 (a kernel with IPv6 disabled refuses `::` with EAFNOSUPPORT). */
export function canListenIpv6(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host: '::', port: 0 }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Where to listen: `HOST` when it is set; else every address of the machine — `::`, which Node opens dual-stack
 * (IPv6 and, as IPv4-mapped, IPv4: `http://[::1]:3000`, `http://127.0.0.1:3000` and the LAN's addresses of both
 * families), or `0.0.0.0` on a machine without IPv6.
 */
export async function listenHost(
  configured: string | undefined,
  ipv6: () => Promise<boolean> = canListenIpv6,
): Promise<string> {
  const host = configured?.trim();
  if (host) return host;
  return (await ipv6()) ? '::' : '0.0.0.0';
}

/**
 * The addresses of the LAN that a server listening on `host` answers on, as URLs: both families on `::`, IPv4 on
 * `0.0.0.0`, none on one address of the machine's own (`HOST=127.0.0.1`).
 */
export function lanUrls(host: string, port: number | string, addresses: LanAddress[] = lanAddresses()): string[] {
  const families: string[] = host === '::' ? ['IPv4', 'IPv6'] : host === '0.0.0.0' ? ['IPv4'] : [];
  return addresses.filter((a) => families.includes(a.family)).map((a) => `http://${urlHost(a.address)}:${port}`);
}
