import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canListenIpv6, lanUrls, listenHost, urlHost } from './network';

const get = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get(url, (res) => resolve(res.statusCode ?? 0)).on('error', reject);
  });

describe('where `npm start` listens (issue #26, item 9)', () => {
  it('listens on every address, IPv6 and IPv4, unless HOST names one; without IPv6 on every IPv4 address', async () => {
    expect(await listenHost(undefined, async () => true)).toBe('::');
    expect(await listenHost('', async () => true)).toBe('::');
    expect(await listenHost(undefined, async () => false)).toBe('0.0.0.0');
    expect(await listenHost(' 127.0.0.1 ', async () => true)).toBe('127.0.0.1');
    expect(await listenHost('0.0.0.0', async () => true)).toBe('0.0.0.0');
  });

  it('a server listening where the start listens answers on 127.0.0.1 and, where the machine has IPv6, on [::1]', async () => {
    const ipv6 = await canListenIpv6();
    const host = await listenHost(undefined);
    expect(host).toBe(ipv6 ? '::' : '0.0.0.0');
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await get(`http://127.0.0.1:${port}`)).toBe(200);
      if (ipv6) expect(await get(`http://[::1]:${port}`)).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('prints the LAN addresses colleagues open, IPv6 in brackets', () => {
    const addresses = [
      { address: '192.168.1.10', family: 'IPv4' as const },
      { address: '2001:db8::10', family: 'IPv6' as const },
    ];
    expect(lanUrls('::', 3000, addresses)).toEqual(['http://192.168.1.10:3000', 'http://[2001:db8::10]:3000']);
    expect(lanUrls('0.0.0.0', 3000, addresses)).toEqual(['http://192.168.1.10:3000']);
    expect(lanUrls('127.0.0.1', 3000, addresses)).toEqual([]);
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('10.0.0.1')).toBe('10.0.0.1');
  });
});
