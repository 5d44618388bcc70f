import { describe, expect, it } from 'vitest';
import { checkHost, embeddedIPv4, ipv6Groups, isPublicAddress, isPublicName, PUBLIC_ONLY, type Resolve } from './address-guard.ts';

// No test here sends a packet or a DNS query: literal hosts never reach a resolver, and names go to
// injected resolvers.
const noResolver: Resolve = async (name) => {
  throw new Error(`resolver consulted for ${name}`);
};
const never = new AbortController().signal;

describe('a URL with a literal or special host, in every notation, is judged without resolving', () => {
  // Each written the way an attacker might, to slip past a check that reads the text: the WHATWG URL
  // parser normalises the notation first, and the check reads its result.
  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[::1]:8080/', '::1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://１２７.０.０.１/', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://0300.0250.0.1/', '192.168.0.1'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://0/', '0.0.0.0'],
    ['http://[::]/', '::'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://[0:0:0:0:0:ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://[::127.0.0.1]/', '::7f00:1'],
    ['http://[::ffff:0:7f00:1]/', '::ffff:0:7f00:1'],
    ['http://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1'],
    ['http://[2002:7f00:1::1]/', '2002:7f00:1::1'],
    ['http://[2002:a9fe:a9fe::]/', '2002:a9fe:a9fe::'],
    ['http://10.0.0.5:5432/', '10.0.0.5'],
    ['http://172.16.0.1/', '172.16.0.1'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://100.127.255.254/', '100.127.255.254'],
    ['http://192.0.0.8/', '192.0.0.8'],
    ['http://192.0.2.1/', '192.0.2.1'],
    ['http://198.51.100.7/', '198.51.100.7'],
    ['http://203.0.113.9/', '203.0.113.9'],
    ['http://198.18.0.1/', '198.18.0.1'],
    ['http://192.88.99.1/', '192.88.99.1'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://255.255.255.255/', '255.255.255.255'],
    ['http://[fc00::1]/', 'fc00::1'],
    ['http://[fd12:3456::1]/', 'fd12:3456::1'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://[fec0::1]/', 'fec0::1'],
    ['http://[ff02::1]/', 'ff02::1'],
    ['http://[2001:db8::1]/', '2001:db8::1'],
    ['http://[2001::1]/', '2001::1'],
    ['http://[3fff::1]/', '3fff::1'],
    ['http://[64:ff9b:1::1]/', '64:ff9b:1::1'],
    ['http://[100::1]/', '100::1'],
    ['http://[5f00::1]/', '5f00::1'],
    ['http://[4000::1]/', '4000::1'],
  ])('%s → not public (%s)', async (url, address) => {
    expect(await checkHost(new URL(url), PUBLIC_ONLY, noResolver, never)).toEqual({ ok: false, reason: 'not_public', host: address, address });
  });

  it.each([
    'http://localhost/',
    'http://LOCALHOST./',
    'http://a.localhost/',
    'http://metadata.google.internal/',
    'http://db.internal./',
    'http://printer.local/',
    'http://router.home.arpa/',
    'http://nas.lan/',
    'http://db/',
    'https://redis:6379/',
  ])('%s → not public, by its name alone', async (url) => {
    expect(await checkHost(new URL(url), PUBLIC_ONLY, noResolver, never)).toMatchObject({ ok: false, reason: 'not_public', address: null });
  });

  it.each([
    ['http://8.8.8.8/', '8.8.8.8'],
    ['http://0x08080808/', '8.8.8.8'],
    ['http://114.114.114.114/', '114.114.114.114'],
    ['http://100.128.0.1/', '100.128.0.1'],
    ['http://172.32.0.1/', '172.32.0.1'],
    ['http://[2400:3200::1]/', '2400:3200::1'],
    ['http://[::ffff:8.8.8.8]/', '::ffff:808:808'],
    ['http://[64:ff9b::8.8.8.8]/', '64:ff9b::808:808'],
    ['http://[2002:808:808::1]/', '2002:808:808::1'],
  ])('%s → public', async (url, address) => {
    expect(await checkHost(new URL(url), PUBLIC_ONLY, noResolver, never)).toEqual({ ok: true, host: address, addresses: [{ address, family: address.includes(':') ? 6 : 4 }] });
  });
});

describe('isPublicAddress, on what resolvers return', () => {
  it.each([
    ['127.0.0.1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['fe80::1%eth0', false],
    ['0:0:0:0:0:0:0:1', false],
    ['2606:4700:4700::1111', true],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', false],
    ['not-an-ip', false],
    ['', false],
  ])('%s → %s', (ip, expected) => expect(isPublicAddress(ip)).toBe(expected));
});

describe('IPv6 parsing', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['1::', [1, 0, 0, 0, 0, 0, 0, 0]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]],
    ['2001:db8:1:2:3:4:5:6', [0x2001, 0xdb8, 1, 2, 3, 4, 5, 6]],
    ['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
  ])('%s', (ip, groups) => expect(ipv6Groups(ip)).toEqual(groups));

  it.each([
    ['::ffff:a00:1', '10.0.0.1'],
    ['::ffff:0:a00:1', '10.0.0.1'],
    ['64:ff9b::a00:1', '10.0.0.1'],
    ['2002:a00:1::', '10.0.0.1'],
    ['2400:3200::1', null],
    ['::a00:1', null],
  ])('%s embeds %s', (ip, v4) => expect(embeddedIPv4(ipv6Groups(ip))).toBe(v4));
});

describe('isPublicName', () => {
  it.each([
    ['hooks.example.com', true],
    ['example.com.', true],
    ['picc.com.cn', true],
    ['localhost', false],
    ['x.localhost', false],
    ['internal', false],
    ['a.b.internal', false],
    ['myinternal.com', true],
    ['intranet', false],
    ['db', false],
  ])('%s → %s', (name, expected) => expect(isPublicName(name)).toBe(expected));
});

describe('a name is judged by every address it resolves to', () => {
  const resolver =
    (answer: string[] | Error): Resolve =>
    async () => {
      if (answer instanceof Error) throw answer;
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
  const check = (resolve: Resolve, signal = never) => checkHost(new URL('https://hooks.example.com/in'), PUBLIC_ONLY, resolve, signal);

  it('public addresses only: allowed, and the checked addresses are returned for the connection', async () => {
    expect(await check(resolver(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']))).toEqual({
      ok: true,
      host: 'hooks.example.com',
      addresses: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    });
  });

  it.each([
    [['10.1.2.3'], '10.1.2.3'],
    [['93.184.215.14', '169.254.169.254'], '169.254.169.254'],
    [['::ffff:127.0.0.1'], '::ffff:127.0.0.1'],
  ])('%j → refused, naming %s', async (answer, address) => {
    expect(await check(resolver(answer))).toEqual({ ok: false, reason: 'not_public', host: 'hooks.example.com', address });
  });

  it('a name that does not resolve, or to nothing, is unresolvable', async () => {
    expect(await check(resolver(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })))).toEqual({
      ok: false,
      reason: 'unresolvable',
      host: 'hooks.example.com',
      error: 'ENOTFOUND',
    });
    expect(await check(resolver([]))).toMatchObject({ ok: false, reason: 'unresolvable' });
  });

  it('a resolver that hangs is given up when the caller’s signal fires', async () => {
    const controller = new AbortController();
    const pending = check(() => new Promise(() => {}), controller.signal);
    controller.abort(new Error('budget spent'));
    await expect(pending).rejects.toThrow('budget spent');
  });
});
