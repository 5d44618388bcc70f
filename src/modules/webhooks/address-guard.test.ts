import { describe, expect, it } from 'vitest';
import { isPrivateAddress, publicOnlyFetch } from './address-guard.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['114.114.114.114', false],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['2400:3200::1', false],
    ['not-an-ip', true],
  ])('%s → %s', (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));
});

describe('publicOnlyFetch', () => {
  const reached: string[] = [];
  const fetchImpl = publicOnlyFetch(async (url) => {
    reached.push(url);
    return new Response('ok');
  });

  it('refuses literal private addresses and names that resolve to them, before connecting', async () => {
    await expect(fetchImpl('http://127.0.0.1:8080/hook', {})).rejects.toThrow(/private address 127\.0\.0\.1/);
    await expect(fetchImpl('http://[::1]/hook', {})).rejects.toThrow(/private address ::1/);
    await expect(fetchImpl('http://localhost/hook', {})).rejects.toThrow(/private address/);
    expect(reached).toEqual([]);
  });

  it('lets a public literal address through', async () => {
    await fetchImpl('http://8.8.8.8/hook', {});
    expect(reached).toEqual(['http://8.8.8.8/hook']);
  });
});
