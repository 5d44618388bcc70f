import { expect } from 'vitest';
import type { Cast } from './cast.ts';

// An adjuster's claim on the demo world, from the catalog to the shop's order, as people do it:
// the parts of the vehicle in the catalog's order, those offered where the shop is, assessed,
// quoted, checked by a colleague and ordered by the shop's buyer. Used by the natural-flow walk
// (walk-sourcing.test.ts).

type Page<T> = { items: T[]; nextCursor: string | null };
export type Part = { id: string; oeNo: string; nameZh: string };
type Sourcing = { kind: string; etaDays: number | null; warehouse: { code: string } | null; unsourceableReason: string | null };
export type Candidate = {
  offerId: string;
  productId: string;
  grade: string;
  supplier: { id: string; name: string };
  allowed: boolean;
  reasons: { code: string; text: string }[];
  sourcing: Sourcing | null;
};
export type QuoteLine = {
  id: string;
  partId: string | null;
  description: string;
  needsInquiry: boolean;
  chosenSource: string | null;
  etaDays: number | null;
  approval: { status: string };
  ranking: { chosen: Candidate | null; runnersUp: Candidate[]; excluded: Candidate[] } | null;
};
export type OrderLine = {
  id: string;
  quoteLineId: string | null;
  partId: string | null;
  productId: string;
  supplierOrgId: string;
  shipperOrgId: string;
  warehouseId: string;
  grade: string;
  qty: number;
  status: string;
  source: string;
  dropShip: boolean;
  promisedEtaDate: string | null;
  reservedAt: string | null;
  shipmentId: string;
};
export type Order = { id: string; orderNo: string; status: string; lines: OrderLine[]; shipments: { id: string; warehouseId: string; backorder: boolean; status: string }[] };

// A part that went to inquiry instead of being ordered: which, and why no offer was allowed.
export type Inquired = { part: string; reasons: string[] };
export type ClaimWalk = { claimId: string; orders: Order[]; quoteLines: QuoteLine[]; inquired: Inquired[]; partsLookedAt: number };

// The vehicle's parts in catalog order that have at least one offer serving the region, one at a
// time, so the caller asks for the next only when it needs one.
export async function* offeredParts(users: Cast, who: string, vehicleModelId: string, regionCode: string): AsyncGenerator<Part> {
  for (let cursor: string | null = null; ; ) {
    const res = await users.call(who, 'GET', `/api/v1/parts?vehicleModelId=${vehicleModelId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page<Part>>();
    for (const p of page.items) {
      const offers = await users.call(who, 'GET', `/api/v1/parts/${p.id}/offers?regionCode=${regionCode}`);
      expect(offers.statusCode, offers.body).toBe(200);
      if (offers.json<{ items: unknown[] }>().items.length > 0) yield p;
    }
    cursor = page.nextCursor;
    if (!cursor) return;
  }
}

export type ClaimInput = {
  claimNo: string;
  model: { id: string; code: string; sampleVin: string };
  shop: { id: string; regionCode: string };
  accidentDate: string;
  parts: number;
  who: { adjuster: string; checker: string; buyer: string };
};

// Files the claim and assesses `parts` offered parts. A line the quote sends to inquiry (no offer
// the insurer's policy allows) is recorded, and the next offered part is assessed in its place on
// a supplement (追加定损), until that many parts have a chosen offer. The checker then decides what
// waits for a human (accepting chosen offers, sending inquiry lines back), and the shop's buyer
// orders every approved version: each order must be 201.
export async function claimAndOrder(users: Cast, input: ClaimInput): Promise<ClaimWalk> {
  const { call } = users;
  const { model, shop, who } = input;
  const filed = await call(who.adjuster, 'POST', '/api/v1/claims', {
    claimNo: input.claimNo,
    policyNo: `PDAA${input.claimNo.replace(/\W/g, '')}`.slice(0, 60),
    accidentDate: input.accidentDate,
    accidentRegionCode: shop.regionCode,
    vin: model.sampleVin,
    vehicleModelId: model.id,
    plate: '沪A10W01',
    repairShopOrgId: shop.id,
  });
  expect(filed.statusCode, `${model.code}: filing the claim: ${filed.body}`).toBe(201);
  const claimId = filed.json<{ id: string }>().id;

  const offered = offeredParts(users, who.adjuster, model.id, shop.regionCode);
  const inquired: Inquired[] = [];
  const quoteLines: QuoteLine[] = [];
  const versions: { assessmentId: string; lines: QuoteLine[] }[] = [];
  let partsLookedAt = 0;
  for (let wanted = input.parts; wanted > 0; ) {
    const next: Part[] = [];
    while (next.length < wanted) {
      const p = await offered.next();
      expect(p.done, `${model.code}: only ${partsLookedAt + next.length} parts offered in ${shop.regionCode} can be quoted, ${input.parts} wanted`).toBe(false);
      next.push(p.value as Part);
    }
    partsLookedAt += next.length;
    const assessed = await call(who.adjuster, 'POST', `/api/v1/claims/${claimId}/assessments`, {
      lines: next.map((p) => ({ partId: p.id, quantity: 1, operation: 'replace', labourHours: 1 })),
    });
    expect(assessed.statusCode, `${model.code}: assessing ${next.map((p) => p.nameZh)}: ${assessed.body}`).toBe(201);
    const assessmentId = assessed.json<{ id: string }>().id;
    const quoted = await call(who.adjuster, 'POST', `/api/v1/assessments/${assessmentId}/quote`);
    expect(quoted.statusCode, `${model.code}: quoting: ${quoted.body}`).toBe(201);
    const lines = quoted.json<{ lines: QuoteLine[] }>().lines;
    versions.push({ assessmentId, lines });
    for (const l of lines) {
      if (l.ranking?.chosen) {
        quoteLines.push(l);
        continue;
      }
      // Offered in the region, yet no offer allowed: every candidate is excluded for a reason the
      // checker can read, and none for being undeliverable (that would be a hole in the sourcing,
      // not the insurer's policy).
      const excluded = l.ranking?.excluded ?? [];
      const reasons = [...new Set(excluded.flatMap((c) => c.reasons.map((r) => r.text)))];
      const why = `${model.code} in ${shop.regionCode}: ${l.description} went to inquiry (no allowed offer: ${reasons.join('; ')}); the next offered part is assessed instead`;
      expect(l.needsInquiry, why).toBe(true);
      expect(excluded.length, why).toBeGreaterThan(0);
      expect(
        excluded.filter((c) => c.sourcing?.kind === 'none').map((c) => c.sourcing?.unsourceableReason),
        why,
      ).toEqual([]);
      inquired.push({ part: l.description, reasons });
    }
    wanted = lines.filter((l) => !l.ranking?.chosen).length;
  }

  // The price check (核价) by a second person: chosen offers accepted, inquiry lines sent back.
  for (const v of versions) {
    const pending = v.lines.filter((l) => l.approval.status === 'pending');
    if (pending.length === 0) continue;
    const decisions = pending.map((l) => (l.ranking?.chosen ? { quoteLineId: l.id, action: 'accept' } : { quoteLineId: l.id, action: 'send_back', reason: '无可用报价，改换下一配件' }));
    const approved = await call(who.checker, 'POST', `/api/v1/assessments/${v.assessmentId}/approve`, { lines: decisions });
    expect(approved.statusCode, `${model.code}: price check: ${approved.body}`).toBe(200);
  }
  const orders: Order[] = [];
  for (const v of versions) {
    if (!v.lines.some((l) => l.ranking?.chosen)) continue;
    const placed = await call(who.buyer, 'POST', '/api/v1/orders', { assessmentId: v.assessmentId });
    expect(placed.statusCode, `${model.code} in ${shop.regionCode}: placing the order: ${placed.body}`).toBe(201);
    orders.push(placed.json<Order>());
  }
  return { claimId, orders, quoteLines, inquired, partsLookedAt };
}
