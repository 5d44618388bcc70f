import type { DomainEvent } from '../../platform/outbox.ts';
import type { LotStockAt } from '../inventory/index.ts';
import type { RecallLotDto, RecipientDto } from './dto.ts';

// Who is told of a recall, and what each is told: one `lot.recalled` event per organisation (the
// outbox delivers it to that organisation's webhooks), as a pure function of what the recall found.
//
// - the lot's supplier and the platform: everything, as the recipients list shows them (every line
//   with shop, claim, full VIN, insurer and trace codes) and where the stock is;
// - each repair shop: its own order lines that received or hold units of the lot, with the vehicle
//   each went into (the claim's VIN, or the one it fitted the part to) and the trace codes to find
//   them on its shelf or in its customers' cars;
// - each insurer: the lines of its own claims, with the claim and the vehicle, so it can reach the
//   owner and decide on the repair;
// - each warehouse operator holding units of the lot: its stock to take off the shelf.
//
// Nobody is told of another party's lines: a shop never learns which other shops or claims received
// the lot. Every VIN a party is told is one of its own claims' or orders', or one the recipients
// list already shows it (the supplier and the platform), so VINs go in full; the public lookup is
// the only place a VIN is masked.

export const LOT_RECALLED_EVENT = 'lot.recalled';
// Lines listed in one event. A lot that reached more lines than this names the first ones (oldest
// orders first), says how many there are, and leaves the rest to the recipients list.
export const MAX_NOTICE_LINES = 500;

export type RecallRole = 'supplier' | 'platform' | 'shop' | 'insurer' | 'operator';

export type RecallFacts = {
  lotNo: string;
  lot: RecallLotDto;
  reason: string;
  recalledAt: Date;
  recalledByOrgId: string;
  platformOrgIds: readonly string[];
  recipients: readonly RecipientDto[];
  // False when the lot reached more lines than the recall read (see recall-lot.ts).
  recipientsComplete: boolean;
  stock: readonly LotStockAt[];
  // The lines whose reservations of the lot are handed over to be re-sourced.
  openLineIds: readonly string[];
};

export type NoticeLine = {
  orderId: string;
  orderNo: string;
  orderLineId: string;
  lineNo: number;
  lineStatus: string;
  qtyShipped: number;
  qtyReserved: number;
  // Its units of the lot are taken back and the line is sourced again (other lots, or backordered).
  resourced: boolean;
  shopOrgId: string;
  claimId: string | null;
  claimNo: string | null;
  insurerOrgId: string | null;
  // The vehicle: where the units were fitted, else the claim's.
  vin: string | null;
  installedAt: string | null;
  traceCodes: string[];
};

function noticeLine(r: RecipientDto, open: ReadonlySet<string>): NoticeLine {
  return {
    orderId: r.orderId,
    orderNo: r.orderNo,
    orderLineId: r.orderLineId,
    lineNo: r.lineNo,
    lineStatus: r.lineStatus,
    qtyShipped: r.qtyShipped,
    qtyReserved: r.qtyReserved,
    resourced: open.has(r.orderLineId),
    shopOrgId: r.shopOrgId,
    claimId: r.claimId,
    claimNo: r.claimNo,
    insurerOrgId: r.insurerOrgId,
    vin: r.installedVin ?? r.claimVin,
    installedAt: r.installedAt,
    traceCodes: r.traceCodes,
  };
}

type Party = { roles: Set<RecallRole>; lines: Set<RecipientDto>; stock: Set<LotStockAt> };

// The parties in a stable order (supplier, platform, then by organisation id), each with the lines
// and stock it is told of.
export function recallParties(facts: RecallFacts): Map<string, Party> {
  const parties = new Map<string, Party>();
  const party = (orgId: string, role: RecallRole): Party => {
    let p = parties.get(orgId);
    if (!p) {
      p = { roles: new Set(), lines: new Set(), stock: new Set() };
      parties.set(orgId, p);
    }
    p.roles.add(role);
    return p;
  };
  const everything = (p: Party) => {
    p.lines = new Set(facts.recipients);
    p.stock = new Set(facts.stock);
  };
  everything(party(facts.lot.supplierOrgId, 'supplier'));
  for (const id of facts.platformOrgIds) everything(party(id, 'platform'));
  const rest: [string, RecallRole, RecipientDto | LotStockAt][] = [];
  for (const r of facts.recipients) {
    rest.push([r.shopOrgId, 'shop', r]);
    if (r.insurerOrgId) rest.push([r.insurerOrgId, 'insurer', r]);
  }
  for (const s of facts.stock) if (s.operatorOrgId) rest.push([s.operatorOrgId, 'operator', s]);
  rest.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [orgId, role, item] of rest) {
    const known = parties.get(orgId);
    const sees = known && (known.roles.has('supplier') || known.roles.has('platform'));
    const p = party(orgId, role);
    // The supplier and the platform already have everything; others gather their own.
    if (sees) continue;
    if ('orderLineId' in item) p.lines.add(item);
    else p.stock.add(item);
  }
  return parties;
}

export function recallNotices(facts: RecallFacts): DomainEvent[] {
  const open = new Set(facts.openLineIds);
  const order: RecallRole[] = ['supplier', 'platform', 'shop', 'insurer', 'operator'];
  return [...recallParties(facts)].map(([orgId, p]) => {
    const all = [...p.lines];
    const lines = all.slice(0, MAX_NOTICE_LINES).map((r) => noticeLine(r, open));
    return {
      orgId,
      type: LOT_RECALLED_EVENT,
      payload: {
        roles: order.filter((r) => p.roles.has(r)),
        lotId: facts.lot.lotId,
        lotNo: facts.lotNo,
        productId: facts.lot.productId,
        productName: facts.lot.productName,
        brand: facts.lot.brand,
        sku: facts.lot.sku,
        supplierOrgId: facts.lot.supplierOrgId,
        supplierName: facts.lot.supplierName,
        reason: facts.reason,
        recalledAt: facts.recalledAt.toISOString(),
        recalledByOrgId: facts.recalledByOrgId,
        lines,
        linesTotal: all.length,
        // More lines than are listed here, or than the recall could read: the recipients list
        // (GET /api/v1/lots/{lotNo}/recipients, the platform and the supplier) has them all.
        linesTruncated: all.length > lines.length || (!facts.recipientsComplete && (p.roles.has('supplier') || p.roles.has('platform'))),
        vehicles: [...new Set(lines.map((l) => l.vin).filter((v): v is string => v !== null))].sort(),
        stock: [...p.stock].map((s) => ({ warehouseId: s.warehouseId, warehouseCode: s.warehouseCode, onHand: s.onHand, reserved: s.reserved })),
      },
    };
  });
}
