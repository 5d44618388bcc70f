import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRow } from '../src/modules/catalog/import/parse-row.ts';
import { rowSchemas, type ImportKind } from '../src/modules/catalog/import/formats.ts';
import { namePinyin } from '../src/modules/catalog/pinyin.ts';
import { normaliseOe } from '../src/modules/catalog/oe-number.ts';
import { offer, part } from '../src/modules/catalog/tables.ts';
import { GuideRow, parseGuideRow } from '../src/modules/quoting/insurer-rules/guide-csv.ts';
import { quoteLine } from '../src/modules/quoting/tables.ts';
import { moneyBounds, MAX_UNIT_PRICE_FEN, quantityBounds } from '../src/platform/bounds.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { newId } from '../src/platform/ids.ts';
import { vatOfGross } from '../src/platform/money.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { vinFor } from './support/catalog-fixture.ts';
import { inlineRefs } from './support/openapi-cases.ts';

// Issue 9, point 1: every money and quantity input has a domain bound (platform/bounds.ts), so no
// arithmetic on stored values can overflow what a DTO shows; offers stored before the bounds are
// ignored where buyers and quotes see offers; an expired offer stops counting at once.
//
// The input side is not listed by hand: the fields are found in the OpenAPI document (request
// bodies and query strings) and in the CSV row schemas, by name: money ends in `Fen` (`_fen`), a
// quantity is `qty`, `quantity`, `…Qty` or `counted` (`…_qty`). A new field named so is checked
// without anyone adding it here.

const MONEY = /Fen$|_fen$/;
const QUANTITY = /(^|[a-z_])(qty|Qty|quantity|Quantity|counted)$/;
const kindOf = (name: string): 'money' | 'quantity' | null => (MONEY.test(name) ? 'money' : QUANTITY.test(name) ? 'quantity' : null);
const boundsOf = { money: Object.values(moneyBounds) as number[], quantity: Object.values(quantityBounds) as number[] };

// --- The OpenAPI document, walked ----------------------------------------------------------------

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
};
type Operation = { parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Field = { route: string; method: string; url: string; in: 'body' | 'querystring'; path: (string | number)[]; name: string; kind: 'money' | 'quantity'; schema: Schema };

const variants = (s: Schema): Schema[] => s.anyOf ?? s.oneOf ?? s.allOf ?? [s];
const isObject = (s: Schema) => s.type === 'object' || s.properties !== undefined;

// Every property named as money or a quantity, wherever it sits in the schema.
function fieldsOf(s: Schema, path: (string | number)[], found: { path: (string | number)[]; name: string; schema: Schema }[]): void {
  for (const v of variants(s)) {
    if (v !== s) {
      fieldsOf(v, path, found);
      continue;
    }
    if (isObject(v)) {
      for (const [name, prop] of Object.entries(v.properties ?? {})) {
        if (kindOf(name)) found.push({ path: [...path, name], name, schema: prop });
        fieldsOf(prop, [...path, name], found);
      }
      if (typeof v.additionalProperties === 'object') fieldsOf(v.additionalProperties, [...path, '*'], found);
    }
    if (v.type === 'array' && v.items) fieldsOf(v.items, [...path, 0], found);
  }
}

// The schema's integer variant (a nullable field is `nullable: true` or an anyOf with null).
function integerOf(s: Schema): Schema | undefined {
  return variants(s).find((v) => v.type === 'integer');
}

const today = chinaDate(new Date());
const SAMPLE_STRINGS = ['310115', today, 'x', 'X1', '5G0 807 221 B'];

// A minimal value the schema accepts as far as the document tells (refinements it cannot show
// may still refuse it: that is fine, each check below looks at its own field's errors only).
function minimal(s: Schema): unknown {
  const v = variants(s).find((x) => x.type !== 'null') ?? s;
  if (v.const !== undefined) return v.const;
  if (v.enum) return v.enum[0];
  switch (v.type) {
    case 'string': {
      if (v.format === 'uuid') return newId();
      if (v.format === 'date') return today;
      if (v.format === 'date-time') return new Date().toISOString();
      if (v.format === 'email') return 'bounds@example.com';
      if (v.format === 'uri') return 'https://example.com/';
      const fits = (c: string) => (!v.pattern || new RegExp(v.pattern, 'u').test(c)) && c.length >= (v.minLength ?? 0) && c.length <= (v.maxLength ?? Infinity);
      return SAMPLE_STRINGS.find(fits) ?? 'x'.repeat(Math.max(1, v.minLength ?? 1));
    }
    case 'integer':
    case 'number':
      return v.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: v.minItems ?? 0 }, () => minimal(v.items ?? {}));
    default: {
      const out: Record<string, unknown> = {};
      for (const key of v.required ?? []) out[key] = minimal(v.properties?.[key] ?? {});
      return out;
    }
  }
}

// A minimal value with `value` at `path`, taking the variant of a union that has the path's key.
function withValue(s: Schema, path: (string | number)[], value: number): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const v = variants(s).find((x) => x.type === 'array')!;
    const items = [withValue(v.items ?? {}, rest, value)];
    while (items.length < (v.minItems ?? 0)) items.push(minimal(v.items ?? {}));
    return items;
  }
  const v = variants(s).find((x) => isObject(x) && (head! in (x.properties ?? {}) || (head === '*' && typeof x.additionalProperties === 'object')))!;
  const out = minimal(v) as Record<string, unknown>;
  if (head === '*') out.x = withValue(v.additionalProperties as Schema, rest, value);
  else out[head!] = withValue(v.properties![head!]!, rest, value);
  return out;
}

function requestFieldsOf(doc: { paths: Record<string, Record<string, Operation>> }): Field[] {
  const fields: Field[] = [];
  for (const [route, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const url = route.replace(/\{[^}]+\}/g, () => newId());
      const found: { path: (string | number)[]; name: string; schema: Schema }[] = [];
      for (const media of Object.values(op.requestBody?.content ?? {})) fieldsOf(media.schema, [], found);
      for (const f of found) fields.push({ route, method: method.toUpperCase(), url, in: 'body', ...f, kind: kindOf(f.name)! });
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' && kindOf(p.name)) fields.push({ route, method: method.toUpperCase(), url, in: 'querystring', path: [p.name], name: p.name, kind: kindOf(p.name)!, schema: p.schema });
      }
    }
  }
  // One entry per route and path: the branches of a union repeat their shared fields.
  return [...new Map(fields.map((f) => [`${f.method} ${f.route} ${f.in} ${f.path.join('.')}`, f])).values()];
}

function requestOf(doc: { paths: Record<string, Record<string, Operation>> }, f: Field, value: number): { url: string; payload?: unknown } {
  const op = doc.paths[f.route]![f.method.toLowerCase()]!;
  if (f.in === 'querystring') {
    const query = new URLSearchParams();
    for (const p of op.parameters ?? []) if (p.in === 'query' && p.required && p.name !== f.name) query.set(p.name, String(minimal(p.schema)));
    query.set(f.name, String(value));
    return { url: `${f.url}?${query}` };
  }
  const body = Object.values(op.requestBody!.content)[0]!.schema;
  return { url: f.url, payload: withValue(body, f.path, value) };
}

// Everything the database holds, as one string per table: any insert, update or delete shows.
async function fingerprint(t: TestApp): Promise<Map<string, string>> {
  // Both drivers answer raw SQL with { rows }.
  const rowsOf = async <T>(query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const out = new Map<string, string>();
  for (const { tablename } of await rowsOf<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`)) {
    const [row] = await rowsOf<{ n: string; h: string }>(sql`select count(*)::text as n, coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as h from ${sql.identifier(tablename)} x`);
    if (!row) throw new Error(`no count of ${tablename}`);
    out.set(tablename, `${row.n}:${row.h}`);
  }
  return out;
}

type Problem = { code: string; status: number; errors?: { path: string; code: string; in: string }[] };

// --- The CSV formats, walked ---------------------------------------------------------------------

// The largest value a cell accepts, by bisection over what its schema parses (cells are strings).
function largestAccepted(schema: { safeParse(v: unknown): { success: boolean } }): number {
  let lo = 0;
  let hi = Number.MAX_SAFE_INTEGER;
  if (schema.safeParse(String(hi)).success) return hi;
  if (!schema.safeParse(String(lo)).success) lo = 1;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (schema.safeParse(String(mid)).success) lo = mid;
    else hi = mid;
  }
  // Bisection assumes the accepted numbers are one range starting at 0 or 1.
  if (!schema.safeParse(String(lo)).success) throw new Error('no accepted value to bisect from');
  return lo;
}

type CsvFormat = { name: string; shape: Record<string, { safeParse(v: unknown): { success: boolean } }>; errorsOf(cells: Record<string, string>): { column: string | null; code: string }[] };
const csvFormats: CsvFormat[] = [
  ...(Object.keys(rowSchemas) as ImportKind[]).map((k) => ({ name: `catalog import: ${k}`, shape: rowSchemas[k].shape, errorsOf: (cells: Record<string, string>) => parseRow(k, cells).errors })),
  {
    name: 'price guide',
    shape: GuideRow.shape,
    errorsOf: (cells: Record<string, string>) => {
      const r = parseGuideRow(cells);
      return r.ok ? [] : r.errors;
    },
  },
];

describe('CSV money and quantity cells (generated from the row schemas)', () => {
  const columns = csvFormats.flatMap((f) =>
    Object.keys(f.shape)
      .filter((c) => kindOf(c))
      .map((column) => ({ format: f, column, kind: kindOf(column)! })),
  );

  it('finds the money and quantity columns', () => {
    expect(columns.map((c) => `${c.format.name}.${c.column}`)).toEqual(expect.arrayContaining(['catalog import: offers.price_fen', 'catalog import: parts.oe_price_fen', 'price guide.oes_max_fen']));
  });

  it.each(columns.map((c) => [`${c.format.name}: ${c.column}`, c] as const))('%s accepts at most a domain bound and names the column above it', (_name, { format, column, kind }) => {
    const max = largestAccepted(format.shape[column]!);
    expect(boundsOf[kind]).toContain(max);
    expect(format.errorsOf({ [column]: String(max) })).not.toContainEqual(expect.objectContaining({ column }));
    expect(format.errorsOf({ [column]: String(max + 1) })).toContainEqual(expect.objectContaining({ column, code: 'too_big_number' }));
  });
});

for (const kind of databaseKinds()) {
  describe(`money and quantity bounds on ${kind}`, () => {
    let t: TestApp;
    let doc: { paths: Record<string, Record<string, Operation>> };
    let fields: Field[];
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await users.signIn({
        insurer: 'admin@picc.demo',
        adjuster: 'adjuster@picc.demo',
        supplier: 'admin@huajun.demo',
        sales: 'sales@huajun.demo',
        yuetong: 'sales@yuetong.demo',
        platform: 'admin@anpei.demo',
        shop: 'buyer@sh-anda.demo',
      });
      // Shared schemas are components: each route's schemas are walked whole, references inlined.
      doc = inlineRefs((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
      fields = requestFieldsOf(doc);
    });
    afterAll(() => t?.close());

    it('finds the money and quantity fields of the API in its OpenAPI document', () => {
      const names = fields.map((f) => `${f.method} ${f.route} ${f.path.join('.')}`);
      expect(names).toEqual(
        expect.arrayContaining(['POST /api/v1/products/{id}/offers priceFen', 'POST /api/v1/claims/{id}/assessments lines.0.quantity', 'PUT /api/v1/insurer/policy approval.claimPartsTotalAboveFen']),
      );
      expect(fields.length).toBeGreaterThanOrEqual(20);
    });

    it('declares every one as an integer with a maximum among the domain bounds', () => {
      const wrong = fields.flatMap((f) => {
        const int = integerOf(f.schema);
        if (!int) return [`${f.method} ${f.route} ${f.path.join('.')}: not an integer`];
        if (int.maximum === undefined) return [`${f.method} ${f.route} ${f.path.join('.')}: no maximum`];
        return boundsOf[f.kind].includes(int.maximum) ? [] : [`${f.method} ${f.route} ${f.path.join('.')}: maximum ${int.maximum} is not a domain bound`];
      });
      expect(wrong).toEqual([]);
    });

    it('answers a value one above the bound with a 400 problem naming the field, and changes nothing', async () => {
      const wrong: string[] = [];
      // At the bound, the field itself is never the complaint (the request may fail for its made-up
      // ids and other fields, but never with a 5xx).
      for (const f of fields) {
        const max = integerOf(f.schema)!.maximum!;
        const req = requestOf(doc, f, max);
        const res = await call('insurer', f.method as 'POST', req.url, req.payload);
        const where = `${f.method} ${f.route} ${f.path.join('.')} = ${max}`;
        if (res.statusCode >= 500) wrong.push(`${where}: ${res.statusCode}`);
        if (res.statusCode === 400 && res.json<Problem>().errors?.some((e) => e.path === f.path.join('.'))) wrong.push(`${where}: refused at the bound: ${res.body}`);
      }
      const before = await fingerprint(t);
      expect(before.size).toBeGreaterThan(20);
      for (const f of fields) {
        // One above the field's own bound, and one above the largest bound of its kind (which a
        // field declaring no domain bound would accept).
        const max = integerOf(f.schema)!.maximum!;
        const values = [...new Set([max + 1, Math.max(...boundsOf[f.kind]) + 1])];
        // As callers of every kind: validation comes before any permission, for all of them.
        for (const [value, who] of values.flatMap((v) => ['insurer', 'supplier', 'platform', 'shop'].map((w) => [v, w] as const))) {
          const req = requestOf(doc, f, value);
          const res = await call(who, f.method as 'POST', req.url, req.payload);
          const where = `${f.method} ${f.route} ${f.path.join('.')} = ${value} as ${who}`;
          const body = res.json<Problem>();
          if (res.statusCode !== 400 || !String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          else if (!body.errors?.some((e) => e.path === f.path.join('.') && e.code === 'too_big_number' && e.in === f.in)) wrong.push(`${where}: errors ${JSON.stringify(body.errors)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(await fingerprint(t)).toEqual(before);
    });

    // The probe's reproduction, with the part it used: 5GM 853 651 M, quoted for 上海浦东安达.
    describe('one supplier’s absurd price', () => {
      const partId = newId();
      let shopId: string;
      let productId: string;
      let fairOfferId: string;
      const vin = vinFor('LFV', '3A2B7', 'N'); // a 2022 FAW-VW; no catalog model needed

      beforeAll(async () => {
        shopId = users.orgs.shop!;
        await t.database.db.insert(part).values({
          id: partId,
          oeNo: '5GM 853 651 M',
          oeNorm: normaliseOe('5GM 853 651 M'),
          nameZh: '中网',
          nameEn: 'Radiator grille',
          ...namePinyin('中网'),
          category: 'body',
          oePriceFen: 104_200n,
        });
        const product = await call('sales', 'POST', '/api/v1/products', { sku: 'BOUNDS-5GM853651M', brand: '华骏', name: '中网 适用', grade: 'aftermarket', warrantyMonths: 6, partIds: [partId] });
        expect(product.statusCode, product.body).toBe(201);
        productId = product.json().id;
        const other = await call('yuetong', 'POST', '/api/v1/products', { sku: 'BOUNDS-YT-5GM853651M', brand: '粤通', name: '中网 适用', grade: 'aftermarket', warrantyMonths: 6, partIds: [partId] });
        const fair = await call('yuetong', 'POST', `/api/v1/products/${other.json().id}/offers`, { priceFen: 81_600, leadTimeDays: 1, validFrom: today, regionCodes: ['310000'] });
        expect(fair.statusCode, fair.body).toBe(201);
        fairOfferId = fair.json().id;
      });

      const quoteOf = async (claimNo: string, quantity: number) => {
        const claim = await call('adjuster', 'POST', '/api/v1/claims', {
          claimNo,
          policyNo: 'PDAA2026BOUNDS',
          accidentDate: addDays(today, -3),
          accidentRegionCode: '310115',
          vin,
          plate: '沪A12345',
          repairShopOrgId: shopId,
        });
        expect(claim.statusCode, claim.body).toBe(201);
        const assessment = await call('adjuster', 'POST', `/api/v1/claims/${claim.json().id}/assessments`, { lines: [{ partId, quantity, operation: 'replace', labourHours: 1 }] });
        expect(assessment.statusCode, assessment.body).toBe(201);
        return call('adjuster', 'POST', `/api/v1/assessments/${assessment.json().id}/quote`);
      };
      type Candidate = { offerId: string; priceFen: number; lineAmountFen: number };
      const candidatesOf = (q: { lines: { ranking: { chosen: Candidate | null; runnersUp: Candidate[]; excluded: Candidate[] } }[] }) =>
        q.lines.flatMap((l) => [l.ranking.chosen, ...l.ranking.runnersUp, ...l.ranking.excluded]).filter((c): c is Candidate => c !== null);

      it('refuses the offer the probe made (2^53 − 1 fen), naming priceFen, and stores nothing', async () => {
        const res = await call('sales', 'POST', `/api/v1/products/${productId}/offers`, { priceFen: Number.MAX_SAFE_INTEGER, leadTimeDays: 1, validFrom: today, regionCodes: ['310000'] });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json<Problem>()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'priceFen', code: 'too_big_number', in: 'body' }] });
        expect(await t.database.db.select().from(offer).where(eq(offer.productId, productId))).toEqual([]);
      });

      it('quotes the part at quantity 2 although such an offer is already stored, leaving it out', async () => {
        // As it would be in a database written before the bounds.
        const absurd = BigInt(Number.MAX_SAFE_INTEGER);
        const absurdId = newId();
        await t.database.db.insert(offer).values({
          id: absurdId,
          productId,
          supplierOrgId: users.orgs.sales!,
          priceFen: absurd,
          vatFen: vatOfGross(absurd),
          minQty: 1,
          leadTimeDays: 1,
          regionCodes: ['310000'],
          regionKey: '310000',
          validFrom: today,
        });
        const res = await quoteOf(`BOUNDS-PROBE-${kind}`, 2);
        expect(res.statusCode, res.body).toBe(201);
        const q = res.json();
        // Neither chosen nor listed as excluded: the fair offer is the only candidate.
        expect(candidatesOf(q).map((c) => [c.offerId, c.lineAmountFen])).toEqual([[fairOfferId, 163_200]]);
        const [line] = await t.database.db.select({ candidates: quoteLine.candidates }).from(quoteLine).where(eq(quoteLine.quoteId, q.id));
        expect(JSON.stringify(line!.candidates)).not.toContain(absurdId);
        // Buyers' lists leave it out too; the supplier still sees it, to correct or expire it.
        const listed = await call('adjuster', 'GET', `/api/v1/parts/${partId}/offers?regionCode=310115`);
        expect(listed.statusCode, listed.body).toBe(200);
        expect(listed.json().items.map((o: { offerId: string }) => o.offerId)).toEqual([fairOfferId]);
        const own = await call('sales', 'GET', `/api/v1/offers?productId=${productId}`);
        expect(own.json().items.map((o: { id: string; priceFen: number }) => [o.id, o.priceFen])).toEqual([[absurdId, Number.MAX_SAFE_INTEGER]]);
        // And a shop buying the product for itself finds no price for it.
        const order = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId, qty: 2 }] });
        expect(order.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.productId', code: 'no_offer_for_region' }] });
        await t.database.db.delete(offer).where(eq(offer.id, absurdId));
      });

      it('quotes the largest price at the largest quantity exactly', async () => {
        const res = await call('sales', 'POST', `/api/v1/products/${productId}/offers`, { priceFen: MAX_UNIT_PRICE_FEN, leadTimeDays: 1, validFrom: today, regionCodes: ['310000'] });
        expect(res.statusCode, res.body).toBe(201);
        const q = await quoteOf(`BOUNDS-MAX-${kind}`, 999);
        expect(q.statusCode, q.body).toBe(201);
        expect(candidatesOf(q.json()).find((c) => c.offerId === res.json().id)).toMatchObject({ priceFen: MAX_UNIT_PRICE_FEN, lineAmountFen: MAX_UNIT_PRICE_FEN * 999 });
        await call('sales', 'POST', `/api/v1/offers/${res.json().id}/expire`);
      });

      it('stops counting an expired offer at once: quotes, buyers’ lists and shop orders', async () => {
        const created = await call('sales', 'POST', `/api/v1/products/${productId}/offers`, { priceFen: 70_000, leadTimeDays: 1, validFrom: addDays(today, -10), regionCodes: ['310115'] });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().id as string;
        const listedIds = async () => (await call('adjuster', 'GET', `/api/v1/parts/${partId}/offers?regionCode=310115`)).json().items.map((o: { offerId: string }) => o.offerId);
        expect(await listedIds()).toContain(id);

        // Priced for the shop (only a warehouse to deliver it is missing in this world, which is not
        // this test's matter)…
        const shopOrder = () => call('shop', 'POST', '/api/v1/orders', { lines: [{ productId, qty: 1 }] });
        expect((await shopOrder()).json()).toMatchObject({ code: 'unsourceable' });

        const expired = await call('sales', 'POST', `/api/v1/offers/${id}/expire`);
        expect(expired.statusCode, expired.body).toBe(200);
        // Today it no longer applies anywhere.
        expect(await listedIds()).not.toContain(id);
        const q = await quoteOf(`BOUNDS-EXPIRED-${kind}`, 1);
        expect(q.statusCode, q.body).toBe(201);
        expect(candidatesOf(q.json()).map((c) => c.offerId)).not.toContain(id);
        // …and no longer.
        expect((await shopOrder()).json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'lines.0.productId', code: 'no_offer_for_region' }] });
        // Its last valid day is yesterday.
        expect(expired.json().validTo).toBe(addDays(today, -1));
        // Asked again, nothing changes.
        expect((await call('sales', 'POST', `/api/v1/offers/${id}/expire`)).json().validTo).toBe(addDays(today, -1));
      });

      it('withdraws an offer that starts today, or later, with an empty range', async () => {
        const created = await call('sales', 'POST', `/api/v1/products/${productId}/offers`, { priceFen: 70_000, leadTimeDays: 1, validFrom: today, regionCodes: ['320000'] });
        const expired = await call('sales', 'POST', `/api/v1/offers/${created.json().id}/expire`);
        expect(expired.json()).toMatchObject({ validFrom: today, validTo: addDays(today, -1) });
        const listed = await call('adjuster', 'GET', `/api/v1/parts/${partId}/offers?regionCode=320100`);
        expect(listed.json().items.map((o: { offerId: string }) => o.offerId)).not.toContain(created.json().id);
      });
    });
  });
}
