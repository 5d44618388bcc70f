import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { traceUnit, warehouse } from '../../../src/modules/inventory/index.ts';
import type { Database } from '../../../src/platform/db.ts';
import { DEMO_PASSWORD } from '../../../src/seed/demo-data.ts';

// The API side of the shop's journey, on the demo world as `npm start` seeds it: the insurer's
// adjuster files a claim for the first demo vehicle at the Shanghai shop and assesses parts the
// demo stock carries (checked by the insurer's price checker when a line waits for a human), and
// the platform's East-China warehouse picks, packs (scanning the certified units' codes), ships
// and delivers. The demo users are those of test/demo-first-claim.test.ts and
// test/fulfilment.test.ts.

type Page<T> = { items: T[] };
export type PrepOrder = {
  id: string;
  orderNo: string;
  lines: { id: string; lineNo: number; qty: number; grade: string; productId: string; partNameZh: string | null; shipmentId: string; warehouseId: string; traceCodes: string[]; status: string }[];
  shipments: { id: string; status: string }[];
};

export function apiAs(app: FastifyInstance) {
  const tokens = new Map<string, string>();
  async function token(email: string): Promise<string> {
    if (!tokens.has(email)) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
      tokens.set(email, res.json<{ token: string }>().token);
    }
    return tokens.get(email)!;
  }
  return async function call<T>(email: string, method: 'GET' | 'POST', url: string, payload?: unknown, expected = method === 'POST' ? [200, 201] : [200]): Promise<T> {
    const res = await app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${await token(email)}` } });
    if (!expected.includes(res.statusCode)) throw new Error(`${method} ${url} as ${email}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
}

export const USERS = {
  adjuster: 'adjuster@picc.demo',
  checker: 'checker@picc.demo',
  buyer: 'buyer@sh-anda.demo',
  receiver: 'receiver@sh-anda.demo',
  picker: 'warehouse@hz-ops.demo',
};

// Files and prices a claim: its approved assessment's id, ready for the buyer to order.
export async function approvedClaim(app: FastifyInstance, claimNo: string, partNames: string[]): Promise<{ claimId: string; assessmentId: string; vin: string }> {
  const call = apiAs(app);
  const model = (await call<Page<{ sampleVin: string }>>(USERS.adjuster, 'GET', '/api/v1/vehicle-models?limit=1')).items[0]!;
  const shop = (await call<{ org: { id: string; regionCode: string } }>(USERS.buyer, 'GET', '/api/v1/me')).org;
  const parts = (await call<Page<{ id: string; nameZh: string }>>(USERS.adjuster, 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=100`)).items;
  const named = partNames.map((name) => {
    const p = parts.find((x) => x.nameZh === name);
    if (!p) throw new Error(`the first demo vehicle has no part named ${name}`);
    return p;
  });
  const claim = await call<{ id: string }>(USERS.adjuster, 'POST', '/api/v1/claims', {
    claimNo,
    policyNo: 'PDAA202631010000077001',
    accidentDate: '2026-11-28',
    accidentRegionCode: shop.regionCode,
    vin: model.sampleVin,
    plate: '沪B77S11',
    repairShopOrgId: shop.id,
  });
  const assessment = await call<{ id: string }>(USERS.adjuster, 'POST', `/api/v1/claims/${claim.id}/assessments`, {
    lines: named.map((p) => ({ partId: p.id, quantity: 1, operation: 'replace', labourHours: 1 })),
  });
  const quote = await call<{ lines: { id: string; approval: { status: string } }[] }>(USERS.adjuster, 'POST', `/api/v1/assessments/${assessment.id}/quote`);
  const pending = quote.lines.filter((l) => l.approval.status === 'pending');
  if (pending.length > 0) await call(USERS.checker, 'POST', `/api/v1/assessments/${assessment.id}/approve`, { lines: pending.map((l) => ({ quoteLineId: l.id, action: 'accept' })) });
  return { claimId: claim.id, assessmentId: assessment.id, vin: model.sampleVin };
}

// The warehouse's part: pick and pack each shipment (a certified line with the codes of units of
// its reserved lots, as the picker would scan them off the shelf), ship with a carrier, a tracking
// event on the road, then delivered. Returns the order as the shop then sees it.
export async function deliver(app: FastifyInstance, database: Database, orderId: string): Promise<PrepOrder> {
  const call = apiAs(app);
  const order = await call<PrepOrder>(USERS.buyer, 'GET', `/api/v1/orders/${orderId}`);
  for (const s of order.shipments) {
    const lines = order.lines.filter((l) => l.shipmentId === s.id);
    const wh = lines[0]!.warehouseId;
    const pick = await call<{ items: { orderLineId: string; lots: { lotId: string; qty: number }[]; traceCodeRequired: boolean }[] }>(USERS.picker, 'GET', `/api/v1/warehouses/${wh}/pick-list`);
    const [w] = await database.db.select({ loc: warehouse.stockLocationId }).from(warehouse).where(eq(warehouse.id, wh));
    const packed = [];
    for (const l of lines) {
      const item = pick.items.find((i) => i.orderLineId === l.id);
      if (!item) throw new Error(`line ${l.lineNo} is not on the pick list`);
      let codes: string[] = [];
      if (item.traceCodeRequired) {
        for (const lot of item.lots) {
          const units = await database.db
            .select({ code: traceUnit.code })
            .from(traceUnit)
            .where(and(eq(traceUnit.productId, l.productId), inArray(traceUnit.lotId, [lot.lotId]), eq(traceUnit.locationId, w!.loc), eq(traceUnit.status, 'in_stock')))
            .orderBy(traceUnit.code)
            .limit(lot.qty);
          codes = [...codes, ...units.map((u) => u.code)];
        }
      }
      packed.push({ orderLineId: l.id, ...(codes.length ? { traceCodes: codes } : {}) });
    }
    await call(USERS.picker, 'POST', `/api/v1/shipments/${s.id}/pack`, { lines: packed });
    await call(USERS.picker, 'POST', `/api/v1/shipments/${s.id}/ship`, { carrier: '顺丰速运', trackingNo: `SF${Date.now().toString().slice(-10)}` });
    await call(USERS.picker, 'POST', `/api/v1/shipments/${s.id}/events`, { type: 'in_transit', location: '嘉兴转运中心' });
    await call(USERS.picker, 'POST', `/api/v1/shipments/${s.id}/events`, { type: 'delivered', location: '上海浦东' });
  }
  return call<PrepOrder>(USERS.buyer, 'GET', `/api/v1/orders/${orderId}`);
}
