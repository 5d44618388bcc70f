import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLine } from '../src/modules/quoting/tables.ts';
import { queryRows } from '../src/platform/db.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// Quotes rank what can be delivered, walked on the demo world as a new user meets it: the whole
// demo seed (catalog and stock as `npm start` makes them), the first vehicle model's sample VIN, a
// repair shop in Shanghai, and the first parts of that vehicle that suppliers offer there. Nothing
// is a fixture made to fit: the stock is whatever the seed gives, read back from the database to
// check each line's source against it.

type Page<T> = { items: T[]; nextCursor: string | null };
type Reason = { code: string; text: string; params: Record<string, unknown> };
type Sourcing = { kind: string; etaDays: number | null; warehouse: { code: string; name: string } | null; fromWarehouse: { code: string; name: string } | null };
type Candidate = { offerId: string; productId: string; supplier: { id: string }; grade: string; priceFen: number; reasons: Reason[]; etaDays: number | null; sourcing: Sourcing | null };
type Line = {
  id: string;
  partId: string | null;
  quantity: number;
  needsInquiry: boolean;
  chosenSource: string | null;
  etaDays: number | null;
  ranking: { chosen: Candidate | null; runnersUp: Candidate[]; excluded: Candidate[] };
};
type Quote = { id: string; deliveryRegionCode: string; lines: Line[] };

const LINES = 20;
// The words each source's reason starts with, in each language (rules/reasons.ts).
const SOURCE_TEXT: Record<string, { en: RegExp; zh: RegExp }> = {
  stock: { en: /^in stock at [A-Z0-9-]+, (\d+) days?$/, zh: /^现货 .+ (\d+) 天$/ },
  drop_ship: { en: /^drop-shipped by the supplier, (\d+) days?$/, zh: /^供应商直发 (\d+) 天$/ },
  transfer: { en: /^transfer [A-Z0-9-]+ → [A-Z0-9-]+, about (\d+) days?$/, zh: /^调拨 .+→.+，预计 (\d+) 天$/ },
  purchase: { en: /^to be bought from the supplier, about (\d+) days?$/, zh: /^需向供应商采购，预计 (\d+) 天$/ },
};

for (const kind of databaseKinds()) {
  describe(`stock-aware quotes on the demo world (${kind})`, () => {
    let t: TestApp;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call, orgs } = users;
    let model: { id: string; sampleVin: string };
    let shopRegion = '';
    let claims = 0;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await users.signIn({
        adjuster: 'adjuster@picc.demo',
        shop: 'buyer@sh-anda.demo',
        platform: 'admin@anpei.demo',
        huajun: 'sales@huajun.demo',
        yuetong: 'sales@yuetong.demo',
        hzAdmin: 'admin@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
      });
      model = (await call('adjuster', 'GET', '/api/v1/vehicle-models?limit=1')).json<Page<{ id: string; sampleVin: string }>>().items[0]!;
      const me = (await call('shop', 'GET', '/api/v1/me')).json<{ org: { regionCode: string } }>();
      shopRegion = me.org.regionCode;
      expect(shopRegion.startsWith('31')).toBe(true);
    }, 240_000);
    afterAll(() => t?.close());

    async function quoteParts(partIds: string[], lang = 'en'): Promise<Quote> {
      claims += 1;
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `SRC-${kind}-${claims}`,
        policyNo: 'PDAA202631010000077777',
        accidentDate: '2026-11-20',
        accidentRegionCode: shopRegion,
        vin: model.sampleVin,
        plate: '沪A5S678',
        repairShopOrgId: orgs.shop,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const assessed = await call('adjuster', 'POST', `/api/v1/claims/${filed.json<{ id: string }>().id}/assessments`, {
        lines: partIds.map((partId) => ({ partId, quantity: 1, operation: 'replace', labourHours: 1 })),
      });
      expect(assessed.statusCode, assessed.body).toBe(201);
      const quoted = await call('adjuster', 'POST', `/api/v1/assessments/${assessed.json<{ id: string }>().id}/quote`, undefined, { 'accept-language': lang });
      expect(quoted.statusCode, quoted.body).toBe(201);
      return quoted.json<Quote>();
    }

    // The first parts of the vehicle that some supplier offers in the shop's region.
    async function offeredParts(): Promise<string[]> {
      const parts = (await call('adjuster', 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=100`)).json<Page<{ id: string }>>().items;
      const offered: string[] = [];
      for (const p of parts) {
        const offers = (await call('adjuster', 'GET', `/api/v1/parts/${p.id}/offers?regionCode=${shopRegion}`)).json<{ items: unknown[] }>();
        if (offers.items.length > 0) offered.push(p.id);
        if (offered.length === LINES) break;
      }
      return offered;
    }

    // Whether the product is ready now for the shop, by the seed's stock: available units of a lot
    // not recalled, in a platform warehouse that delivers to the shop's region, or in the
    // supplier's own warehouse that does.
    async function readyNow(productId: string, supplierOrgId: string, qty: number): Promise<boolean> {
      const province = `${shopRegion.slice(0, 2)}0000`;
      const city = `${shopRegion.slice(0, 4)}00`;
      const rows = await queryRows<{ warehouse_id: string; available: number }>(
        t.database.db,
        sql`select w.id as warehouse_id, sum(q.on_hand - q.reserved)::int as available
            from stock_quant q
            join warehouse w on w.stock_location_id = q.location_id
            join stock_lot l on l.id = q.lot_id and l.recalled_at is null
            where q.product_id = ${productId}
              and (w.kind <> 'supplier' or w.operator_org_id = ${supplierOrgId})
              and exists (select 1 from warehouse_coverage c where c.warehouse_id = w.id and c.region_code in (${province}, ${city}, ${shopRegion}))
            group by w.id`,
      );
      return rows.some((r) => r.available >= qty);
    }

    it('names where every chosen offer comes from and when, as the stock says, and stores it on the line', async () => {
      const partIds = await offeredParts();
      expect(partIds.length).toBeGreaterThan(0);
      const q = await quoteParts(partIds);
      const chosen = q.lines.filter((l) => l.ranking.chosen !== null);
      expect(chosen.length).toBeGreaterThan(0);
      const zh = (await call('adjuster', 'GET', `/api/v1/quotes/${q.id}`, undefined, { 'accept-language': 'zh-CN' })).json<Quote>();
      const stored = await t.database.db.select({ id: quoteLine.id, chosenSource: quoteLine.chosenSource, etaDays: quoteLine.etaDays }).from(quoteLine).where(eq(quoteLine.quoteId, q.id));
      const storedById = new Map(stored.map((r) => [r.id, r]));

      const kinds = new Set<string>();
      for (const line of chosen) {
        const c = line.ranking.chosen!;
        expect(c.sourcing, `line ${line.id}`).not.toBeNull();
        const source = c.sourcing!;
        kinds.add(source.kind);
        // The line says what its chosen offer says, and the row holds the same.
        expect(line).toMatchObject({ chosenSource: source.kind, etaDays: c.etaDays });
        expect(storedById.get(line.id)).toMatchObject({ chosenSource: source.kind, etaDays: c.etaDays });
        expect(c.etaDays).toBe(source.etaDays);
        expect(c.etaDays).toBeGreaterThanOrEqual(0);
        // The default policy delivers within 7 days: the ETA is held to it.
        expect(c.etaDays).toBeLessThanOrEqual(7);

        // Its reasons name the source and the ETA, in both languages.
        const en = c.reasons.find((r) => r.code === 'sourced');
        expect(en, `line ${line.id}: ${JSON.stringify(c.reasons)}`).toBeDefined();
        const enMatch = SOURCE_TEXT[source.kind]!.en.exec(en!.text);
        expect(enMatch, en!.text).not.toBeNull();
        expect(Number(enMatch![1])).toBe(c.etaDays);
        const zhText = zh.lines.find((l) => l.id === line.id)!.ranking.chosen!.reasons.find((r) => r.code === 'sourced')!.text;
        const zhMatch = SOURCE_TEXT[source.kind]!.zh.exec(zhText);
        expect(zhMatch, zhText).not.toBeNull();
        expect(Number(zhMatch![1])).toBe(c.etaDays);
        if (source.kind === 'stock') expect(zhText).toContain(source.warehouse!.name);

        // Goods on hand for the shop are used before anything is moved or bought; goods that are
        // not must be.
        const ready = await readyNow(c.productId, c.supplier.id, line.quantity);
        expect(['stock', 'drop_ship'].includes(source.kind), `line ${line.id}: ${source.kind}, ready ${ready}`).toBe(ready);
      }
      // A line nothing is chosen for has no source.
      for (const line of q.lines.filter((l) => l.ranking.chosen === null)) {
        expect(line).toMatchObject({ chosenSource: null, etaDays: null });
        expect(storedById.get(line.id)).toMatchObject({ chosenSource: null, etaDays: null });
      }
      // Every candidate, chosen or not, carries where it would come from.
      const everyCandidate = q.lines.flatMap((l) => [...(l.ranking.chosen ? [l.ranking.chosen] : []), ...l.ranking.runnersUp, ...l.ranking.excluded]);
      expect(everyCandidate.every((c) => c.sourcing !== null)).toBe(true);
      expect(kinds.size).toBeGreaterThan(0);
    });

    it('between equal prices, the offer in stock beats the one that must be bought', async () => {
      // The first chosen offer of the vehicle's parts: one in stock if the seed stocks any, else
      // the first, put on the shelf of the warehouse that would receive its purchase.
      const partIds = await offeredParts();
      const q = await quoteParts(partIds);
      const chosenLines = q.lines.filter((l) => l.ranking.chosen !== null);
      const line = chosenLines.find((l) => l.chosenSource === 'stock') ?? chosenLines.find((l) => l.chosenSource === 'purchase');
      expect(line, 'a chosen offer in stock or to be bought').toBeDefined();
      const held = line!.ranking.chosen!;
      if (held.sourcing!.kind !== 'stock') {
        const code = held.sourcing!.warehouse!.code;
        const warehouses = (await call('platform', 'GET', '/api/v1/warehouses')).json<{ items: { id: string; code: string; operatorOrgId: string }[] }>().items;
        const w = warehouses.find((x) => x.code === code)!;
        const operator = w.operatorOrgId === orgs.hzAdmin ? 'hzAdmin' : 'cdAdmin';
        expect(w.operatorOrgId).toBe(orgs[operator]);
        const received = await call(operator, 'POST', `/api/v1/warehouses/${w.id}/receipts`, { supplierOrgId: held.supplier.id, lines: [{ productId: held.productId, qty: 3, lotNo: `SRC-${kind}` }] });
        expect(received.statusCode, received.body).toBe(201);
      }

      // Another supplier offers the same part at the same price and grade, nationwide, made to
      // order in 3 days: it has no stock anywhere, so it must be bought.
      const rival = held.supplier.id === orgs.huajun ? 'yuetong' : 'huajun';
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const certBody = (await call('adjuster', 'GET', '/api/v1/cert-bodies')).json<{ items: { code: string }[] }>().items[0];
      const product = await call(rival, 'POST', '/api/v1/products', {
        sku: `SRC-${kind}-${held.offerId.slice(-8)}`,
        brand: '对手',
        name: '同价对手件',
        grade: held.grade,
        partIds: [line!.partId],
        warrantyMonths: 12,
        ...(held.grade === 'certified' ? { certBodyCode: certBody!.code, certNo: `SRC-${kind}-1`, certValidFrom: '2025-01-01', certValidTo: '2030-12-31' } : {}),
      });
      expect(product.statusCode, product.body).toBe(201);
      const offered = await call(rival, 'POST', `/api/v1/products/${product.json<{ id: string }>().id}/offers`, { priceFen: held.priceFen, leadTimeDays: 3, validFrom: today });
      expect(offered.statusCode, offered.body).toBe(201);
      const rivalOfferId = offered.json<{ id: string }>().id;

      const again = await quoteParts([line!.partId!]);
      const l = again.lines[0]!;
      const c = l.ranking.chosen!;
      expect(c.sourcing!.kind).toBe('stock');
      expect(l).toMatchObject({ chosenSource: 'stock', etaDays: c.etaDays });
      const rivalCandidate = l.ranking.runnersUp.find((x) => x.offerId === rivalOfferId);
      expect(rivalCandidate, JSON.stringify(l.ranking)).toBeDefined();
      expect(rivalCandidate).toMatchObject({ priceFen: c.priceFen, sourcing: { kind: 'purchase' } });
      expect(rivalCandidate!.etaDays!).toBeGreaterThan(c.etaDays!);
      // Same price: the ETA decided, and the reasons say so, with where the winner comes from.
      const texts = c.reasons.map((r) => r.text);
      expect(texts).toContain(`in stock at ${c.sourcing!.warehouse!.code}, ${c.etaDays} ${c.etaDays === 1 ? 'day' : 'days'}`);
      if (l.ranking.runnersUp[0]!.priceFen === c.priceFen) expect(c.reasons.find((r) => r.code === 'won_tie')?.text).toMatch(/^same price/);
      // The rival ranks behind every offer of its price that is on hand.
      const samePrice = [c, ...l.ranking.runnersUp].filter((x) => x.priceFen === c.priceFen);
      const rivalAt = samePrice.findIndex((x) => x.offerId === rivalOfferId);
      expect(samePrice.slice(0, rivalAt).every((x) => x.etaDays! <= rivalCandidate!.etaDays!)).toBe(true);

      const [row] = await t.database.db
        .select({ chosenSource: quoteLine.chosenSource, etaDays: quoteLine.etaDays })
        .from(quoteLine)
        .where(inArray(quoteLine.id, [l.id]));
      expect(row).toEqual({ chosenSource: 'stock', etaDays: c.etaDays });
    });

    it("a warehouse's new coverage applies from the next quote on", async () => {
      // The first chosen offer shipped by a platform warehouse (in stock there, or to be moved or
      // bought for it): that warehouse delivers a day slower from now on, and the next quote of the
      // same part says so. The app keeps the warehouse network between requests (sourcing-world.ts);
      // this is its copy being replaced.
      const partIds = await offeredParts();
      const q = await quoteParts(partIds);
      const line = q.lines.find((l) => l.ranking.chosen && l.chosenSource !== 'drop_ship' && l.etaDays! < 7);
      expect(line, 'a chosen offer shipped by a platform warehouse').toBeDefined();
      const held = line!.ranking.chosen!;
      const warehouses = (await call('platform', 'GET', '/api/v1/warehouses')).json<{ items: { id: string; code: string; operatorOrgId: string }[] }>().items;
      const w = warehouses.find((x) => x.code === held.sourcing!.warehouse!.code)!;
      const operator = w.operatorOrgId === orgs.hzAdmin ? 'hzAdmin' : 'cdAdmin';
      const before = await queryRows<{ regionCode: string; transitDays: number }>(
        t.database.db,
        sql`select region_code as "regionCode", transit_days as "transitDays" from warehouse_coverage where warehouse_id = ${w.id} order by region_code`,
      );
      // The entry that decides the shop's days: its most specific one.
      const path = [shopRegion, `${shopRegion.slice(0, 4)}00`, `${shopRegion.slice(0, 2)}0000`];
      const applies = path.map((code) => before.find((c) => c.regionCode === code)).find(Boolean)!;
      const slower = before.map((c) => (c === applies ? { ...c, transitDays: c.transitDays + 1 } : c));
      const set = await call(operator, 'PUT', `/api/v1/warehouses/${w.id}/coverage`, { coverage: slower });
      expect(set.statusCode, set.body).toBe(200);

      const again = await quoteParts([line!.partId!]);
      const r = again.lines[0]!.ranking;
      const same = [...(r.chosen ? [r.chosen] : []), ...r.runnersUp, ...r.excluded].find((c) => c.offerId === held.offerId);
      expect(same, JSON.stringify(r)).toBeDefined();
      expect(same!.sourcing).toMatchObject({ kind: held.sourcing!.kind, warehouse: { code: w.code } });
      expect(same!.etaDays).toBe(held.etaDays! + 1);

      const restored = await call(operator, 'PUT', `/api/v1/warehouses/${w.id}/coverage`, { coverage: before });
      expect(restored.statusCode, restored.body).toBe(200);
      const back = (await quoteParts([line!.partId!])).lines[0]!.ranking;
      expect([...(back.chosen ? [back.chosen] : []), ...back.runnersUp].find((c) => c.offerId === held.offerId)?.etaDays).toBe(held.etaDays);
    });
  });
}
