/**
 * The client's address and protocol behind trusted proxies (server/http/clientInfo.ts), on a
 * Hono app answering with what it worked out. One row per case; the peer (the socket's
 * address) is 10.0.0.1 unless the row says otherwise.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientInfo, isHttps } from '../../server/http/clientInfo.ts';

interface Case {
  readonly name: string;
  readonly hops: number;
  readonly headers?: Record<string, string>;
  readonly url?: string;
  readonly peer?: string;
  readonly publicUrl?: string;
  readonly address: string;
  readonly https: boolean;
}

// prettier-ignore
const CASES: Case[] = [
  { name: 'no trust: the peer, headers ignored', hops: 0, headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https', forwarded: 'for=198.51.100.1;proto=https' }, address: '10.0.0.1', https: false },
  { name: 'no trust: TLS to this process', hops: 0, url: 'https://wallet.test/x', address: '10.0.0.1', https: true },
  { name: 'no trust: https public URL', hops: 0, publicUrl: 'https://wallet.example', address: '10.0.0.1', https: true },
  { name: 'one hop: the address it appended', hops: 1, headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }, address: '203.0.113.9', https: false },
  { name: 'one hop: its protocol', hops: 1, headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' }, address: '203.0.113.9', https: true },
  { name: 'one hop: a protocol the client appended to', hops: 1, headers: { 'x-forwarded-proto': 'https, http' }, address: '10.0.0.1', https: false },
  { name: 'two hops: past both proxies', hops: 2, headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.2' }, address: '203.0.113.9', https: false },
  { name: 'more hops trusted than came', hops: 2, headers: {}, address: '10.0.0.1', https: false },
  { name: 'an address with a port', hops: 1, headers: { 'x-forwarded-for': '203.0.113.9:51234' }, address: '203.0.113.9', https: false },
  { name: 'an IPv4-mapped peer', hops: 0, peer: '::ffff:127.0.0.1', address: '127.0.0.1', https: false },
  { name: 'garbage from the proxy', hops: 1, headers: { 'x-forwarded-for': '<script>' }, address: 'unknown', https: false },
  { name: 'Forwarded, one hop', hops: 1, headers: { forwarded: 'for=192.0.2.60;proto=https, for=198.51.100.17' }, address: '198.51.100.17', https: false },
  { name: 'Forwarded, two hops', hops: 2, headers: { forwarded: 'for=192.0.2.60;proto=https, For=198.51.100.17' }, address: '192.0.2.60', https: true },
  { name: 'Forwarded, bracketed IPv6', hops: 1, headers: { forwarded: 'for="[2001:DB8::17]:4711";proto=HTTPS' }, address: '2001:db8::17', https: true },
  { name: 'Forwarded, obfuscated', hops: 1, headers: { forwarded: 'for=_hidden' }, address: '_hidden', https: false },
  { name: 'X-Forwarded-For wins over Forwarded', hops: 1, headers: { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=198.51.100.1' }, address: '203.0.113.9', https: false },
];

function appFor(row: Case): Hono {
  const app = new Hono();
  app.use(
    '*',
    clientInfo({
      trustProxyHops: row.hops,
      publicUrl: row.publicUrl,
      peerAddress: () => row.peer ?? '10.0.0.1',
    }),
  );
  app.get('*', (c) => c.json({ address: clientAddress(c), https: isHttps(c) }));
  return app;
}

describe('clientInfo', () => {
  it.each(CASES)('$name', async (row) => {
    const response = await appFor(row).request(row.url ?? 'http://wallet.test/x', {
      headers: row.headers ?? {},
    });
    expect(await response.json()).toEqual({ address: row.address, https: row.https });
  });
});
