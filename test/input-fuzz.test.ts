import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { MAX_JSON_DEPTH } from '../src/platform/json-body.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { dotted, operationsOf, sample, sampleWith, stringSlots, urlOf, type Operation } from './support/openapi-cases.ts';

// Hostile input against every route of the OpenAPI document, the way the outside probe of issue 9
// sent it: a NUL or a lone UTF-16 surrogate in every string field, query and path parameter and in
// an object key, an empty PATCH, and 5,000-deep JSON to every POST, PUT and PATCH (body-less ones
// included). Each is sent anonymously and as demo users of every kind of organisation, so that on
// a route the caller may use it gets as far as it can. None may answer 500, and each must be a
// problem; the ones refused centrally must name the field.

// Signed in once per run; null is the anonymous caller.
const PANEL = [null, 'admin@anpei.demo', 'catalog@anpei.demo', 'admin@picc.demo', 'adjuster@picc.demo', 'sales@huajun.demo', 'warehouse@hz-ops.demo', 'buyer@sh-anda.demo'];
// Fewer callers where the role makes less difference, to keep the run short: lone surrogates were
// found in key names (insurer admin), lot numbers and carriers (supplier, warehouse); deep JSON
// broke the fingerprint every signed-in write computes before its permission check.
const SURROGATE_PANEL = [null, 'admin@anpei.demo', 'admin@picc.demo', 'sales@huajun.demo', 'warehouse@hz-ops.demo'];
const DEEP_PANEL = [null, 'admin@anpei.demo'];
const NUL = 'a\u0000b';
const LONE = 'a\ud800b';
// What a lone surrogate becomes in a URL: its would-be UTF-8 bytes, which are not valid UTF-8.
const LONE_IN_URL = '%ED%A0%80';

type Case = {
  label: string;
  op: Operation;
  method: string;
  url: string;
  // The raw request body, sent as application/json unless contentType says otherwise.
  payload?: string;
  contentType?: string;
  // What a correct answer says beyond "a problem, under 500": null when it does, else why not.
  check?: (res: Response) => string | null;
  // A success is a correct answer too (the input is harmless there); an error must still be a problem.
  mayPass?: boolean;
};

type FieldErr = { path: string; in: string; code: string };

function namesField(where: string, path: string, code: string) {
  return (res: Response): string | null => {
    if (res.statusCode !== 400) return `expected 400, got ${res.statusCode}`;
    const errors = (res.json().errors ?? []) as FieldErr[];
    return errors.some((e) => e.in === where && e.path === path && e.code === code) ? null : `no ${code} at ${where} ${path}: ${res.body.slice(0, 300)}`;
  };
}

function hasCode(status: number, code: string) {
  return (res: Response): string | null => {
    if (res.statusCode !== status) return `expected ${status}, got ${res.statusCode}`;
    return res.json().code === code ? null : `expected ${code}: ${res.body.slice(0, 300)}`;
  };
}

function hasFieldCode(code: string) {
  return (res: Response): string | null => (((res.json().errors ?? []) as FieldErr[]).some((e) => e.code === code) ? null : `expected a ${code} field error: ${res.body.slice(0, 300)}`);
}

const isJsonBody = (op: Operation) => op.body?.mediaType === 'application/json';

// Text and key cases: NUL and lone surrogate in every string slot, query and path parameter.
function textCases(op: Operation, bad: string, code: 'nul_character' | 'lone_surrogate'): Case[] {
  const cases: Case[] = [];
  const base = { op, method: op.method };
  if (isJsonBody(op)) {
    for (const slot of stringSlots(op.body!.schema)) {
      cases.push({
        ...base,
        label: `${code} in body ${dotted(slot)}`,
        url: urlOf(op),
        payload: JSON.stringify(sampleWith(op.body!.schema, slot, bad)),
        check: namesField('body', dotted(slot), code),
      });
    }
  }
  for (const p of op.queryParams) {
    cases.push({
      ...base,
      label: `${code} in query ${p.name}`,
      url: urlOf(op, { query: { [p.name]: code === 'nul_character' ? encodeURIComponent(bad) : LONE_IN_URL } }),
      // A surrogate cannot travel in a URL: its bytes are not UTF-8, so the query parser keeps them
      // as the literal text `%ED%A0%80`, which is harmless. Only "no 500" is asked.
      check: code === 'nul_character' ? namesField('querystring', p.name, code) : undefined,
      mayPass: code !== 'nul_character',
    });
  }
  for (const p of op.pathParams) {
    cases.push({
      ...base,
      label: `${code} in path ${p.name}`,
      url: urlOf(op, { path: { [p.name]: code === 'nul_character' ? encodeURIComponent(bad) : LONE_IN_URL } }),
      check: code === 'nul_character' ? namesField('params', p.name, code) : hasCode(400, 'bad_url'),
    });
  }
  return cases;
}

function keyCases(op: Operation): Case[] {
  if (!['POST', 'PUT', 'PATCH'].includes(op.method) || (op.body && !isJsonBody(op))) return [];
  const body = op.body ? sample(op.body.schema) : {};
  const withKey = { ...(body as object), [`k${LONE}`]: 1 };
  return [{ op, method: op.method, label: 'lone surrogate in an object key', url: urlOf(op), payload: JSON.stringify(withKey), check: hasFieldCode('lone_surrogate') }];
}

function emptyPatchCases(op: Operation): Case[] {
  if (op.method !== 'PATCH') return [];
  return [{ op, method: op.method, label: 'empty PATCH', url: urlOf(op), payload: '{}', check: namesField('body', '', 'nothing_to_change') }];
}

function deepCases(op: Operation): Case[] {
  if (!['POST', 'PUT', 'PATCH'].includes(op.method)) return [];
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  return [
    { op, method: op.method, label: 'deep JSON array', url: urlOf(op), payload: deep, check: hasCode(400, 'json_too_deep') },
    { op, method: op.method, label: 'deep JSON object', url: urlOf(op), payload: deepObject, check: hasCode(400, 'json_too_deep') },
  ];
}

// CSV uploads: a NUL in a header cell and in a data cell.
function csvCases(op: Operation): Case[] {
  if (op.body?.mediaType !== 'text/csv') return [];
  return [
    { op, method: op.method, label: 'NUL in a CSV header', url: urlOf(op), contentType: 'text/csv', payload: `name${NUL},x\nx,y\n` },
    { op, method: op.method, label: 'NUL in a CSV cell', url: urlOf(op), contentType: 'text/csv', payload: `name,x\n${NUL},y\n` },
  ];
}

for (const kind of databaseKinds()) {
  describe(`hostile input against every route on ${kind}`, () => {
    let t: TestApp;
    let operations: Operation[];
    const tokens = new Map<string | null, string | null>([[null, null]]);

    beforeAll(async () => {
      t = await startTestApp(kind);
      for (const email of PANEL) if (email) tokens.set(email, await t.login(email));
      const spec = (await t.app.inject({ url: '/api/openapi.json' })).json();
      // Signing out would end a panel member's session for the cases after it: last.
      operations = operationsOf(spec).sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    });
    afterAll(() => t?.close());

    // Sends every case as every caller of the panel, a few at a time; returns what went wrong, one
    // line each.
    async function run(cases: Case[], panel = PANEL): Promise<string[]> {
      const failures: string[] = [];
      const jobs = cases.flatMap((c) => panel.map((who) => ({ c, who })));
      const worker = async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          const { c, who } = job;
          const token = tokens.get(who);
          const res = await t.app.inject({
            method: c.method as 'GET',
            url: c.url,
            headers: { ...(token ? bearer(token) : {}), ...(c.payload !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}) },
            payload: c.payload,
          });
          const where = `${c.method} ${c.url.slice(0, 120)} (${c.label}) as ${who ?? 'anonymous'}`;
          const type = String(res.headers['content-type'] ?? '');
          if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (c.mayPass && res.statusCode < 400) continue;
          else if (!type.startsWith('application/problem+json')) failures.push(`${where}: ${res.statusCode} ${type}`);
          else {
            const wrong = c.check?.(res);
            if (wrong) failures.push(`${where}: ${wrong}`);
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      return failures.sort();
    }

    it('reads every operation of the OpenAPI document', () => {
      expect(operations.length).toBeGreaterThan(80);
      expect(operations.filter((op) => op.body && !['application/json', 'text/csv'].includes(op.body.mediaType))).toEqual([]);
    });

    // Thousands of requests: minutes on a busy machine.
    const SWEEP_TIMEOUT_MS = 300_000;

    it('refuses a NUL in every string field, query parameter and path parameter, naming it', { timeout: SWEEP_TIMEOUT_MS }, async () => {
      const cases = operations.flatMap((op) => textCases(op, NUL, 'nul_character'));
      expect(cases.length).toBeGreaterThan(250);
      expect(await run(cases)).toEqual([]);
    });

    it('refuses a lone surrogate in every string field and object key, and answers a problem for one in a URL', { timeout: SWEEP_TIMEOUT_MS }, async () => {
      const cases = operations.flatMap((op) => [...textCases(op, LONE, 'lone_surrogate'), ...keyCases(op)]);
      expect(await run(cases, SURROGATE_PANEL)).toEqual([]);
    });

    it('refuses an empty PATCH on every PATCH route as nothing to change', async () => {
      const cases = operations.flatMap(emptyPatchCases);
      expect(cases.length).toBeGreaterThanOrEqual(5);
      expect(await run(cases)).toEqual([]);
    });

    it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels on every POST, PUT and PATCH, body-less ones included`, { timeout: SWEEP_TIMEOUT_MS }, async () => {
      const cases = operations.flatMap(deepCases);
      expect(cases.filter((c) => !c.op.body).length).toBeGreaterThan(5);
      expect(await run(cases, DEEP_PANEL)).toEqual([]);
    });

    it('answers a NUL in an uploaded CSV with a problem', async () => {
      const cases = operations.flatMap(csvCases);
      expect(cases.length).toBeGreaterThanOrEqual(2);
      expect(await run(cases)).toEqual([]);
    });

    it('names the row and column of a NUL in an otherwise valid CSV and imports nothing', async () => {
      const catalog = tokens.get('catalog@anpei.demo')!;
      const csv = `name_zh,name_en,oe_no,category,oe_price_fen\n前${NUL}保险杠,Bumper,FUZZ-NUL-1,body,1000\n`;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/imports?kind=parts', headers: { ...bearer(catalog), 'content-type': 'text/csv' }, payload: csv });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'rows.2.name_zh', code: 'nul_character' })]);
      const found = await t.app.inject({ url: '/api/v1/parts?q=FUZZ-NUL-1', headers: bearer(catalog) });
      expect(found.json().items).toEqual([]);
    });

    it('refuses the sign-in the probe sent, in the caller’s language', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en' }, payload: { email: 'a\u0000b@x.cn', password: 'x' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'email', in: 'body', code: 'nul_character', message: 'must not contain the NUL character (U+0000)' }]);
    });
  });
}
