import { describe, expect, it } from 'vitest';
import { clientKey, traceLookupLimits } from './lookup-limit.ts';

describe('clientKey', () => {
  const cases: [string, string, string][] = [
    ['an IPv4 address is itself', '203.0.113.7', '203.0.113.7'],
    ['IPv4 written as IPv6 is the IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['the same, in hex groups', '::ffff:cb00:7107', '203.0.113.7'],
    ['an IPv6 address is its /64', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['every address of that /64 is the same client', '2001:db8:85a3:8d3::1', '2001:db8:85a3:8d3::/64'],
    ['leading zeros and upper case do not matter', '2001:0DB8:85A3:08D3::ffff', '2001:db8:85a3:8d3::/64'],
    ['a compressed prefix is expanded', '2001:db8::1', '2001:db8:0:0::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['a zone index is dropped', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['an embedded IPv4 tail', '64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
    ['anything else is kept as it is', 'unknown', 'unknown'],
  ];
  it.each(cases)('%s: %s', (_name, ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});

describe('traceLookupLimits', () => {
  it('counts the client first, then everyone', () => {
    expect(traceLookupLimits('2001:db8::7').map((l) => l.key)).toEqual(['trace-lookup:ip:2001:db8:0:0::/64', 'trace-lookup:all']);
  });
});
