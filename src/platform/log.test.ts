import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { describeError, loggerOptions, maskUrl, scrubText, serializeError } from './log.ts';

const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
const TOKEN = 'st_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dQ';
const KEY = 'ak_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3OA';
const VIN = 'LFV2A21K0R1234567';
const PHONE = '13812345678';
const UUID = '0195f3a2-7c4e-7a8b-9c13-812345678901';

describe('scrubText', () => {
  it.each([
    ['an argon2 hash', `params: ${HASH},x`, 'params: [redacted hash],x'],
    ['a session token', `token ${TOKEN}.`, 'token st_[redacted].'],
    ['an API key', `"${KEY}"`, '"ak_[redacted]"'],
    ['a bearer credential', 'authorization: Bearer abc.def', 'authorization: Bearer [redacted]'],
    ['a SHA-256 digest', `hash ${'ab'.repeat(32)}`, 'hash [redacted hash]'],
    ['a connection string password', 'postgres://anpei:s3cret@db:5432/anpei', 'postgres://anpei:[redacted]@db:5432/anpei'],
    ['a VIN, to its last four', `VIN ${VIN} 已报案`, 'VIN *************4567 已报案'],
    ['a lower-case VIN', `vin=${VIN.toLowerCase()}`, 'vin=*************4567'],
    ['a mobile number, to 3+4 digits', `电话${PHONE}，`, '电话138****5678，'],
  ])('masks %s', (_, input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });

  it.each([
    ['a UUID with a phone-like run', `request ${UUID}`],
    ['a 17-digit amount', 'amount 12345678901234567 fen'],
    ['a longer digit run', 'no 138123456789'],
    ['a VIN tail someone searched for', 'q=234567'],
    ['an OE number', '5G0 807 221 B'],
    ['a claim number', 'PICC-Q-pglite-1'],
  ])('leaves %s alone', (_, input) => {
    expect(scrubText(input)).toBe(input);
  });
});

describe('maskUrl', () => {
  it.each([
    ['a VIN in the path', `/api/v1/vin/${VIN}`, '/api/v1/vin/*************4567'],
    ['a VIN and a phone in the query', `/api/v1/parts?vin=${VIN}&q=${PHONE}&limit=5`, '/api/v1/parts?vin=*************4567&q=138****5678&limit=5'],
    ['an encoded phone among Chinese text', `/api/v1/claims?q=${encodeURIComponent(`王${PHONE}`)}`, `/api/v1/claims?q=${encodeURIComponent('王138****5678')}`],
    ['a token in the query', '/api/v1/me?token=abc&x=1', '/api/v1/me?token=[redacted]&x=1'],
    ['nothing to mask', `/api/v1/claims/${UUID}?q=%E4%BF%9D%E9%99%A9%E6%9D%A0`, `/api/v1/claims/${UUID}?q=%E4%BF%9D%E9%99%A9%E6%9D%A0`],
  ])('masks %s', (_, input, expected) => {
    expect(maskUrl(input)).toBe(expected);
  });
});

// A failed query as drizzle reports it: the message and the fields carry the parameters, the
// driver's error the failing row.
function failedQuery(): Error {
  const driver = Object.assign(new Error('new row for relation "app_user" violates check constraint "app_user_name_ck"'), {
    code: '23514',
    severity: 'ERROR',
    constraint: 'app_user_name_ck',
    table: 'app_user',
    detail: `Failing row contains (${UUID}, ${HASH}, ${PHONE}).`,
    query: 'insert into "app_user" ...',
    params: [HASH, PHONE],
  });
  class DrizzleQueryError extends Error {
    constructor(
      readonly query: string,
      readonly params: unknown[],
      override readonly cause: Error,
    ) {
      super(`Failed query: ${query}\nparams: ${params.join(',')}`);
    }
  }
  return new DrizzleQueryError('insert into "app_user" ("id", "password_hash", "name")\nvalues ($1, $2, $3)', [UUID, HASH, PHONE], driver);
}

describe('errors', () => {
  it('keeps the statement’s first line and the SQLSTATE code, and drops parameters and detail', () => {
    const out = serializeError(failedQuery()) as Record<string, unknown> & { cause: Record<string, unknown> };
    expect(out).toMatchObject({ type: 'DrizzleQueryError', message: 'Failed query: insert into "app_user" ("id", "password_hash", "name")' });
    expect(out.cause).toMatchObject({ code: '23514', constraint: 'app_user_name_ck', table: 'app_user', message: 'new row for relation "app_user" violates check constraint "app_user_name_ck"' });
    const text = JSON.stringify(out);
    for (const secret of ['$argon2', PHONE, 'params', 'Failing row']) expect(text).not.toContain(secret);
    expect(out.stack).toMatch(/^DrizzleQueryError: Failed query: insert into "app_user" \("id", "password_hash", "name"\)\n\s+at /);
  });

  it('describes an error for the terminal without its parameters', () => {
    const text = describeError(failedQuery());
    expect(text).toContain('caused by: Error [23514]: new row for relation "app_user" violates check constraint');
    expect(text).not.toContain('$argon2');
    expect(text).not.toContain(PHONE);
  });

  it('keeps every way of logging an error free of its parameters', () => {
    const lines: string[] = [];
    const log = pino(
      loggerOptions('info'),
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const err = failedQuery();
    log.error(err);
    log.error({ err });
    log.error({ err }, 'webhook pass failed');
    log.warn({ error: err, deliveryId: UUID }, 'attempt failed');
    log.info({ user: { email: 'a@b.cn', passwordHash: HASH, phone: PHONE } }, `signed in with ${TOKEN}`);
    log.info('printf %s and %s', HASH, KEY);
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      for (const secret of ['$argon2', PHONE, TOKEN, KEY, 'params:', 'Failing row']) expect(line).not.toContain(secret);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'Failed query: insert into "app_user" ("id", "password_hash", "name")', err: { cause: { code: '23514' } } });
    expect(JSON.parse(lines[3]!)).toMatchObject({ deliveryId: UUID, error: { type: 'DrizzleQueryError' } });
    expect(JSON.parse(lines[4]!)).toMatchObject({ user: { email: 'a@b.cn', passwordHash: '[redacted]', phone: '138****5678' }, msg: 'signed in with st_[redacted]' });
  });
});
