import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { claim as claimTable } from '../../modules/claims/index.ts';
import { traceUnit, warehouse } from '../../modules/inventory/index.ts';
import type { Executor } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { DEMO_PASSWORD, demoOrgs } from '../demo-data.ts';

// The demo's claims: a few per insurer at each step of the claim flow, so every workbench opens on
// work — the adjuster's list on claims filed, being assessed and quoted; the price checker's queue
// on a quote over the policy's thresholds; the shop's buyer on an approved quote to order, and its
// receiver on a delivery to sign (picked, packed with its trace codes, shipped and delivered by
// the warehouses' staff). They are made the way people make them, through the API as the demo
// adjusters, price checkers and shop buyers (the real commands, rules and audit trail; nothing
// written around them), on the demo catalog: each claim's vehicle is a demo model with its sample VIN, and its
// parts are the first of the model's parts offered where the shop is (the dearest, for the claim
// meant to wait for a price checker).
//
// Run by the demo's start (serve.ts) while some claim is missing, and safe to run again: a claim
// whose number is already filed is left as it is.

type Step = 'open' | 'assessing' | 'quoted' | 'approved' | 'ordered' | 'delivered' | 'received';
export type DemoClaim = {
  insurer: 'picc' | 'cpic';
  claimNo: string;
  // Index into the demo vehicle models (GET /api/v1/vehicle-models, catalog order).
  model: number;
  shop: 'sh-anda' | 'hz-shunjie' | 'gz-junchi' | 'cd-chengxin' | 'bj-jingan';
  plate: string;
  accidentDaysAgo: number;
  parts: number;
  // The dearest offered parts rather than the first: a front-end collision on a premium car,
  // whose total is over the insurer's threshold, so a price checker must look at it.
  dearest?: boolean;
  // At `received`, the receiver rejects this many of the delivered lines (the last ones) with a reason.
  rejectLines?: number;
  until: Step;
};

// Not 浙A plates: the claims journey searches 浙A on the demo world and expects no match.
export const demoClaims: readonly DemoClaim[] = [
  { insurer: 'picc', claimNo: 'RDAA2026310115000101', model: 0, shop: 'sh-anda', plate: '沪A·D5821', accidentDaysAgo: 9, parts: 3, until: 'delivered' },
  { insurer: 'picc', claimNo: 'RDAA2026310115000102', model: 1, shop: 'sh-anda', plate: '沪B·7Q2L9', accidentDaysAgo: 5, parts: 3, until: 'approved' },
  { insurer: 'picc', claimNo: 'RDAA2026310115000103', model: 4, shop: 'sh-anda', plate: '沪A·F0931', accidentDaysAgo: 3, parts: 6, dearest: true, until: 'quoted' },
  { insurer: 'picc', claimNo: 'RDAA2026330106000104', model: 2, shop: 'hz-shunjie', plate: '浙B·3K9P1', accidentDaysAgo: 2, parts: 2, until: 'assessing' },
  { insurer: 'picc', claimNo: 'RDAA2026330106000105', model: 3, shop: 'hz-shunjie', plate: '浙C·6M2T8', accidentDaysAgo: 1, parts: 0, until: 'open' },
  { insurer: 'cpic', claimNo: 'APIC2026440106000201', model: 6, shop: 'gz-junchi', plate: '粤A·8H3C6', accidentDaysAgo: 4, parts: 2, until: 'approved' },
  { insurer: 'cpic', claimNo: 'APIC2026510107000202', model: 7, shop: 'cd-chengxin', plate: '川A·2N7W5', accidentDaysAgo: 1, parts: 0, until: 'open' },
];

// The demo claim numbers already filed (one read).
async function filedDemoClaims(db: Executor): Promise<Set<string>> {
  const rows = await db
    .select({ claimNo: claimTable.claimNo })
    .from(claimTable)
    .where(
      inArray(
        claimTable.claimNo,
        demoClaims.map((c) => c.claimNo),
      ),
    );
  return new Set(rows.map((r) => r.claimNo));
}

// Whether some demo claim is not filed yet (asked at every demo start).
export async function demoClaimsMissing(db: Executor): Promise<boolean> {
  return (await filedDemoClaims(db)).size < demoClaims.length;
}

const steps: Step[] = ['open', 'assessing', 'quoted', 'approved', 'ordered', 'delivered', 'received'];
const reached = (c: DemoClaim, step: Step) => steps.indexOf(c.until) >= steps.indexOf(step);

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would; a type per answer would restate the DTOs.
type Json = Record<string, any>;
type Part = { id: string; nameZh: string; oePriceFen: number | null };

class DemoStoryError extends Error {}

function chinaDay(now: Date, daysAgo: number): string {
  return new Date(now.getTime() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

// Calls the API as a demo user (signed in on first use), in Chinese, each write with its own
// Idempotency-Key; anything but a success is an error naming the call.
export type DemoCaller = (email: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => Promise<Json>;

export function demoCaller(app: FastifyInstance): DemoCaller {
  const tokens = new Map<string, string>();
  return async (email, method, url, payload) => {
    if (!tokens.has(email)) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
      if (login.statusCode !== 200) throw new DemoStoryError(`demo claims: ${email} cannot sign in: ${login.body}`);
      tokens.set(email, login.json<{ token: string }>().token);
    }
    const res = await app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: { authorization: `Bearer ${tokens.get(email)}`, 'accept-language': 'zh-CN', ...(method !== 'GET' ? { 'idempotency-key': newId() } : {}) },
    });
    if (res.statusCode >= 300) throw new DemoStoryError(`demo claims: ${method} ${url} as ${email}: ${res.statusCode} ${res.body}`);
    return res.json<Json>();
  };
}

type Shipment = { id: string; warehouseId: string; shipperOrgId: string };

// Who works each warehouse: the operators' warehouse staff and the suppliers' sales (who ship from
// their own stock), by organisation; asked once per caller.
const staffByCaller = new WeakMap<DemoCaller, Promise<Map<string, string>>>();

function shippingStaff(as: DemoCaller): Promise<Map<string, string>> {
  let staff = staffByCaller.get(as);
  if (!staff) {
    staff = (async () => {
      const byOrg = new Map<string, string>();
      for (const o of demoOrgs) {
        const user = o.users.find((u) => u.roles.includes('warehouse') || (o.kind === 'supplier' && u.roles.includes('sales')));
        if (user) byOrg.set(((await as(user.email, 'GET', '/api/v1/me')).org as Json).id, user.email);
      }
      return byOrg;
    })();
    staffByCaller.set(as, staff);
  }
  return staff;
}

// A shipment, from the shelf to the shop's door, as the warehouse's staff and the carrier report
// it: the picker takes the reserved lots' units, scanning their labels (read here from the units
// on the warehouse's shelf, as a scanner would), packs, ships; the carrier reports it in transit
// and delivered.
export async function deliverShipment(as: DemoCaller, db: Executor, shipment: Shipment): Promise<void> {
  const picker = (await shippingStaff(as)).get(shipment.shipperOrgId);
  if (!picker) throw new DemoStoryError(`demo claims: no demo staff ships for organisation ${shipment.shipperOrgId}`);
  const pickList = (await as(picker, 'GET', `/api/v1/warehouses/${shipment.warehouseId}/pick-list`)).items as Json[];
  const [shelf] = await db.select({ id: warehouse.stockLocationId }).from(warehouse).where(eq(warehouse.id, shipment.warehouseId));
  const lines = [];
  for (const item of pickList.filter((i) => i.shipmentId === shipment.id)) {
    const codes: string[] = [];
    for (const lot of item.traceCodeRequired ? (item.lots as Json[]) : []) {
      const units = await db
        .select({ code: traceUnit.code })
        .from(traceUnit)
        .where(and(eq(traceUnit.lotId, lot.lotId), eq(traceUnit.status, 'in_stock'), eq(traceUnit.locationId, shelf!.id)))
        .orderBy(asc(traceUnit.code))
        .limit(lot.qty);
      codes.push(...units.map((u) => u.code));
    }
    lines.push({ orderLineId: item.orderLineId, ...(codes.length > 0 ? { traceCodes: codes } : {}) });
  }
  // Nothing reserved yet (the goods are on backorder, waiting for stock): nothing to pick today.
  if (lines.length === 0) return;
  await as(picker, 'POST', `/api/v1/shipments/${shipment.id}/pack`, { lines });
  await as(picker, 'POST', `/api/v1/shipments/${shipment.id}/ship`, { carrier: '顺丰速运', trackingNo: `SF${shipment.id.replaceAll('-', '').slice(-12).toUpperCase()}` });
  await as(picker, 'POST', `/api/v1/shipments/${shipment.id}/events`, { type: 'in_transit', location: '转运中心' });
  await as(picker, 'POST', `/api/v1/shipments/${shipment.id}/events`, { type: 'delivered' });
}

// What a walk through the claim flow needs to know once: the demo vehicle models, in catalog order.
export async function demoModels(as: DemoCaller): Promise<Json[]> {
  return (await as('adjuster@picc.demo', 'GET', '/api/v1/vehicle-models?limit=50')).items as Json[];
}

// The model's parts that have an offer where the shop is, in catalog order (or dearest first).
async function offeredParts(as: DemoCaller, who: string, modelId: string, regionCode: string, c: DemoClaim): Promise<Part[]> {
  const parts = (await as(who, 'GET', `/api/v1/parts?vehicleModelId=${modelId}&limit=100`)).items as Part[];
  const ordered = c.dearest ? [...parts].sort((a, b) => (b.oePriceFen ?? 0) - (a.oePriceFen ?? 0)) : parts;
  const picked: Part[] = [];
  const names = new Set<string>();
  for (const p of ordered) {
    if (picked.length === c.parts) break;
    // One line per kind of part: the catalog lists some twice (left/right are named apart).
    if (names.has(p.nameZh)) continue;
    const offers = (await as(who, 'GET', `/api/v1/parts/${p.id}/offers?regionCode=${regionCode}`)).items as unknown[];
    if (offers.length === 0) continue;
    picked.push(p);
    names.add(p.nameZh);
  }
  return picked;
}

// One claim taken through the flow as far as its story says, the way people do it: filed by the
// adjuster, assessed, quoted, price-checked by a second person where the policy asks, ordered by
// the shop's buyer, delivered by the warehouses' staff and the carrier, signed for by its receiver.
export async function walkDemoClaim(as: DemoCaller, db: Executor, models: Json[], c: DemoClaim, now: Date): Promise<void> {
  const adjuster = `adjuster@${c.insurer}.demo`;
  const checker = `checker@${c.insurer}.demo`;
  const buyer = `buyer@${c.shop}.demo`;
  const model = models[c.model];
  if (!model?.sampleVin) throw new DemoStoryError(`demo claims: no demo vehicle model ${c.model} with a sample VIN`);
  // The shop's own organisation (its id and region), as its buyer sees it.
  const shop = (await as(buyer, 'GET', '/api/v1/me')).org as Json;
  const claim = await as(adjuster, 'POST', '/api/v1/claims', {
    claimNo: c.claimNo,
    policyNo: `P${c.claimNo.slice(4, 8)}${c.claimNo.slice(8, 14)}${c.claimNo.slice(-6)}`,
    accidentDate: chinaDay(now, c.accidentDaysAgo),
    accidentRegionCode: shop.regionCode,
    vin: model.sampleVin,
    vehicleModelId: model.id,
    plate: c.plate,
    repairShopOrgId: shop.id,
  });
  if (!reached(c, 'assessing')) return;

  const parts = await offeredParts(as, adjuster, model.id, shop.regionCode, c);
  if (parts.length < c.parts) throw new DemoStoryError(`demo claims: ${c.claimNo}: only ${parts.length} of ${c.parts} parts are offered in ${shop.regionCode}`);
  const assessment = await as(adjuster, 'POST', `/api/v1/claims/${claim.id}/assessments`, {
    lines: parts.map((p, i) => ({ partId: p.id, quantity: 1, operation: 'replace', labourHours: i === 0 ? 2 : 1 })),
  });
  if (!reached(c, 'quoted')) return;

  const quote = await as(adjuster, 'POST', `/api/v1/assessments/${assessment.id}/quote`);
  if (!reached(c, 'approved')) return;

  // The price check by a second person, when the policy asks for one: the chosen offers
  // accepted, a line no offer was allowed for sent back.
  const pending = (quote.lines as Json[]).filter((l) => (quote.pendingLineIds as string[]).includes(l.id));
  if (pending.length > 0) {
    const lines = pending.map((l) => (l.ranking?.chosen ? { quoteLineId: l.id, action: 'accept' } : { quoteLineId: l.id, action: 'send_back', reason: '无可用报价，待询价' }));
    await as(checker, 'POST', `/api/v1/assessments/${assessment.id}/approve`, { lines });
  }
  if (!reached(c, 'ordered')) return;

  const order = await as(buyer, 'POST', '/api/v1/orders', { assessmentId: assessment.id });
  if (!reached(c, 'delivered')) return;

  for (const shipment of order.shipments as Shipment[]) await deliverShipment(as, db, shipment);
  if (!reached(c, 'received')) return;

  // The receiver signs for what came: every delivered line accepted, but for the ones the story
  // has rejected at the door.
  const delivered = ((await as(`receiver@${c.shop}.demo`, 'GET', `/api/v1/orders/${order.id}`)).lines as Json[]).filter((l) => l.status === 'delivered');
  if (delivered.length === 0) return;
  const rejected = new Set(delivered.slice(delivered.length - (c.rejectLines ?? 0)).map((l) => l.id as string));
  await as(`receiver@${c.shop}.demo`, 'POST', `/api/v1/orders/${order.id}/receipt`, {
    lines: delivered.map((l) => (rejected.has(l.id) ? { orderLineId: l.id, result: 'rejected', reason: 'damaged' } : { orderLineId: l.id, result: 'accepted' })),
  });
}

export async function seedDemoClaims(app: FastifyInstance, db: Executor, now = new Date()): Promise<{ filed: number; skipped: number }> {
  const as = demoCaller(app);
  const models = await demoModels(as);
  const filedAlready = await filedDemoClaims(db);
  let filed = 0;
  let skipped = 0;
  for (const c of demoClaims) {
    if (filedAlready.has(c.claimNo)) {
      skipped++;
      continue;
    }
    await walkDemoClaim(as, db, models, c, now);
    filed++;
  }
  return { filed, skipped };
}
