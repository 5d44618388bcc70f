import { asc, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vehicleModel } from '../src/modules/catalog/index.ts';
import { verifyIncoming, verifyStock } from '../src/modules/inventory/index.ts';
import { expectedIncoming } from '../src/modules/purchasing/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { deliverBackorder } from './support/backorder-walk.ts';
import { cast } from './support/cast.ts';
import { claimAndOrder, offeredParts, type ClaimWalk, type Order, type OrderLine, type QuoteLine } from './support/claim-walk.ts';
import { demoPeople, type DemoPeople } from './support/demo-people.ts';

type Model = { id: string; code: string; sampleVin: string };
type Shop = { id: string; name: string; regionCode: string };
type Warehouse = { id: string; code: string; kind: string; operatorOrgId: string; coverage: { regionCode: string }[] };

const PARTS = 5;
const SOURCES = ['stock', 'drop_ship', 'transfer', 'purchase'];

// Issue 10's natural flow, walked on the demo world exactly as `npm start` seeds it, with data the
// walk does not choose: every demo vehicle model (its sample VIN), the first five parts of it in
// catalog order that suppliers offer where the first demo repair shop is (Shanghai), assessed by
// the insurer's adjuster, quoted, checked by a colleague and ordered by the shop's buyer. Every
// order is taken (201) and every line is reserved or backordered with its source and promised day;
// then a backordered line of the first vehicle's order is carried through the supplier's side and
// the warehouse's to the shop's bench. The same for the first vehicle at each shop in another
// province. A part that goes to inquiry (no offer the insurer's policy allows) is said so and
// replaced by the next offered part.
for (const kind of databaseKinds()) {
  describe(`the natural flow of sourcing on the demo world on ${kind}`, () => {
    let t: TestApp;
    let people: DemoPeople;
    let models: Model[];
    let shops: Shop[];
    let warehouses: Warehouse[];
    const users = cast(() => t);
    const { call } = users;
    const today = chinaDate(new Date());
    const firstOrders = new Map<string, ClaimWalk>();

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await users.signIn({ adjuster: 'adjuster@picc.demo', checker: 'checker@picc.demo', platform: 'admin@anpei.demo' });
      people = await demoPeople(users, 'platform');
      models = (await t.database.db.select().from(vehicleModel).where(isNotNull(vehicleModel.sampleVin)).orderBy(asc(vehicleModel.id))).map((m) => ({
        id: m.id,
        code: m.code,
        sampleVin: m.sampleVin!,
      }));
      shops = people.orgs.filter((o) => o.kind === 'repair_shop');
      warehouses = (await call('platform', 'GET', '/api/v1/warehouses')).json<{ items: Warehouse[] }>().items;
    }, 240_000);
    afterAll(() => t?.close());

    const expectStockConsistent = async () => {
      expect((await verifyStock(t.database.db)).ok, 'stock verify').toBe(true);
      expect((await verifyIncoming(t.database.db, await expectedIncoming(t.database.db))).ok, 'incoming verify').toBe(true);
    };

    // One claim of `model` at `shop`, ordered; every line checked against what the quote promised.
    const walkClaim = async (model: Model, shop: Shop, n: number): Promise<ClaimWalk> => {
      const buyer = await people.as(shop.id, 'buyer');
      const walk = await claimAndOrder(users, {
        claimNo: `WALK10-${kind}-${shop.regionCode}-${n}`,
        model,
        shop,
        accidentDate: addDays(today, -1),
        parts: PARTS,
        who: { adjuster: 'adjuster', checker: 'checker', buyer },
      });
      const lines = walk.orders.flatMap((o) => o.lines);
      expect(lines, `${model.code} in ${shop.regionCode}: ${PARTS} parts ordered`).toHaveLength(PARTS);
      for (const l of lines)
        checkLine(
          model,
          shop,
          l,
          walk.quoteLines.find((q) => q.id === l.quoteLineId),
        );
      return walk;
    };

    const checkLine = (model: Model, shop: Shop, l: OrderLine, quoted: QuoteLine | undefined) => {
      const at = `${model.code} in ${shop.regionCode}, part ${quoted?.description ?? l.partId}`;
      expect(SOURCES, at).toContain(l.source);
      const ready = l.source === 'stock' || l.source === 'drop_ship';
      expect(l.status, at).toBe(ready ? 'reserved' : 'awaiting_stock');
      expect(l.reservedAt === null, at).toBe(!ready);
      expect(l.promisedEtaDate, at).not.toBeNull();
      expect(l.promisedEtaDate! > today, at).toBe(true);
      // Drop-ship leaves from the supplier's own warehouse; anything else from a platform one
      // that delivers to the shop's province.
      const wh = warehouses.find((w) => w.id === l.warehouseId);
      expect(l.dropShip, at).toBe(l.source === 'drop_ship');
      expect(wh?.kind === 'supplier', at).toBe(l.source === 'drop_ship');
      if (l.source === 'drop_ship') expect(l.shipperOrgId, at).toBe(l.supplierOrgId);
      else
        expect(
          wh?.coverage.map((c) => c.regionCode),
          at,
        ).toContain(`${shop.regionCode.slice(0, 2)}0000`);
      // What the quote promised is what the order does: the same source, the same day.
      expect(quoted, at).toBeDefined();
      expect({ source: l.source, promisedEtaDate: l.promisedEtaDate }, `${at}: the order keeps the quote's promise`).toEqual({
        source: quoted!.chosenSource,
        promisedEtaDate: addDays(today, quoted!.etaDays!),
      });
    };

    const tally = (model: Model, walk: ClaimWalk) => {
      const lines = walk.orders.flatMap((o) => o.lines);
      const count = (s: string) => lines.filter((l) => l.source === s).length;
      return {
        model: model.code,
        looked: walk.partsLookedAt,
        inquiry: walk.inquired.length,
        stock: count('stock'),
        drop_ship: count('drop_ship'),
        transfer: count('transfer'),
        purchase: count('purchase'),
        orders: walk.orders.length,
      };
    };

    // A backordered line of the walk's orders on a purchase; failing that, one the shop's buyer
    // makes by ordering the first product offered for the vehicle there that no warehouse holds
    // (the platform's stock list has none of it).
    const backorderOf = async (model: Model, shop: Shop, walk: ClaimWalk): Promise<{ order: Order; line: OrderLine }> => {
      for (const order of walk.orders) {
        const line = order.lines.find((l) => l.source === 'purchase');
        if (line) return { order, line };
      }
      let unstocked: string | undefined;
      for await (const part of offeredParts(users, 'adjuster', model.id, shop.regionCode)) {
        const offers = (await call('adjuster', 'GET', `/api/v1/parts/${part.id}/offers?regionCode=${shop.regionCode}`)).json<{ items: { product: { id: string } }[] }>().items;
        for (const o of offers) {
          const stock = await call('platform', 'GET', `/api/v1/stock?productId=${o.product.id}&limit=1`);
          expect(stock.statusCode, stock.body).toBe(200);
          if (stock.json<{ items: unknown[] }>().items.length === 0) unstocked = o.product.id;
          if (unstocked) break;
        }
        if (unstocked) break;
      }
      expect(unstocked, `${model.code} in ${shop.regionCode}: some product offered there is in no warehouse`).toBeDefined();
      const placed = await call(await people.as(shop.id, 'buyer'), 'POST', '/api/v1/orders', { lines: [{ productId: unstocked!, qty: 1 }] });
      expect(placed.statusCode, `${shop.regionCode}: the shop orders a product no warehouse holds: ${placed.body}`).toBe(201);
      const order = placed.json<Order>();
      expect(order.lines[0], 'a product no warehouse holds is bought from its supplier').toMatchObject({ status: 'awaiting_stock', source: 'purchase' });
      return { order, line: order.lines[0]! };
    };

    it('orders five offered parts of every demo vehicle in Shanghai: 201, every line reserved or backordered with its source and day', async () => {
      const shop = shops[0]!;
      expect(shop.regionCode.slice(0, 2), 'the first demo repair shop is in Shanghai').toBe('31');
      expect(models.length).toBeGreaterThan(0);
      const summary: ReturnType<typeof tally>[] = [];
      const inquired: string[] = [];
      for (const [i, model] of models.entries()) {
        const walk = await walkClaim(model, shop, i);
        if (i === 0) firstOrders.set(shop.id, walk);
        summary.push(tally(model, walk));
        inquired.push(...walk.inquired.map((q) => `${model.code} ${q.part}: ${q.reasons.join('; ')}`));
      }
      console.log(`The natural flow in ${shop.regionCode} (${kind}): ${PARTS} parts ordered for each of ${models.length} models`);
      console.table(summary);
      const sum = (k: 'inquiry' | 'stock' | 'drop_ship' | 'transfer' | 'purchase') => summary.reduce((s, r) => s + r[k], 0);
      console.log(`Went to inquiry and were replaced by the next offered part:\n${inquired.join('\n')}`);
      console.log(`inquiry ${sum('inquiry')} · stock ${sum('stock')} · drop-ship ${sum('drop_ship')} · transfer ${sum('transfer')} · purchase ${sum('purchase')}`);
      expect(sum('stock') + sum('drop_ship') + sum('transfer') + sum('purchase')).toBe(models.length * PARTS);
      await expectStockConsistent();
    }, 120_000);

    it('carries a backordered line of the first vehicle’s order from the purchase order to the shop in Shanghai', async () => {
      const shop = shops[0]!;
      const { order, line } = await backorderOf(models[0]!, shop, firstOrders.get(shop.id)!);
      const done = await deliverBackorder(users, people, t.database.db, { order, line, shop, warehouses, today });
      console.log(
        `${order.orderNo}: a ${line.grade} line bought via ${done.documents.join(', ')}, promised ${line.promisedEtaDate}, reserved ${done.line.reservedAt}, accepted by the shop; ${done.traceCodes.length} trace codes scanned`,
      );
      await expectStockConsistent();
    }, 60_000);

    it('does the same for the first vehicle at each shop in another province', async () => {
      const others = shops.filter((s) => s.regionCode.slice(0, 2) !== shops[0]!.regionCode.slice(0, 2));
      expect(others.length, 'the demo world has shops in other provinces').toBeGreaterThan(0);
      const summary: unknown[] = [];
      const inquired: string[] = [];
      for (const shop of others) {
        const walk = await walkClaim(models[0]!, shop, 0);
        const { order, line } = await backorderOf(models[0]!, shop, walk);
        const done = await deliverBackorder(users, people, t.database.db, { order, line, shop, warehouses, today });
        summary.push({ shop: shop.name, region: shop.regionCode, ...tally(models[0]!, walk), walked: `${line.source} via ${done.documents.join(', ')}`, traceCodes: done.traceCodes.length });
        inquired.push(...walk.inquired.map((q) => `${shop.regionCode} ${q.part}: ${q.reasons.join('; ')}`));
      }
      console.table(summary);
      console.log(`Went to inquiry and were replaced by the next offered part:\n${inquired.join('\n')}`);
      await expectStockConsistent();
    }, 120_000);
  });
}
