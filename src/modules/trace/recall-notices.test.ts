import { describe, expect, it } from 'vitest';
import type { LotStockAt } from '../inventory/index.ts';
import type { RecipientDto } from './dto.ts';
import { LOT_RECALLED_EVENT, MAX_NOTICE_LINES, recallNotices, type NoticeLine, type RecallFacts } from './recall-notices.ts';

// Organisation ids sort in this order, as UUIDv7 ids made one after another would.
const SUPPLIER = 'o1-supplier';
const PLATFORM = 'o2-platform';
const SHOP_A = 'o3-shop-a';
const SHOP_B = 'o4-shop-b';
const PICC = 'o5-picc';
const CPIC = 'o6-cpic';
const OPERATOR = 'o7-operator';

const VIN_1 = 'LFV2A21K0R4123456';
const VIN_2 = 'LFV2A21K0R4654321';

let seq = 0;
function line(over: Partial<RecipientDto>): RecipientDto {
  seq += 1;
  return {
    lotId: 'lot-1',
    productId: 'p-1',
    orderId: `order-${seq}`,
    orderNo: `SO-${seq}`,
    orderLineId: `line-${String(seq).padStart(3, '0')}`,
    lineNo: 1,
    lineStatus: 'installed',
    qtyShipped: 1,
    qtyReserved: 0,
    shopOrgId: SHOP_A,
    shopName: 'A',
    claimId: null,
    claimNo: null,
    claimVin: null,
    insurerOrgId: null,
    insurerName: null,
    installedVin: null,
    shippedAt: null,
    installedAt: null,
    traceCodes: [],
    ...over,
  };
}

const claimA = line({ shopOrgId: SHOP_A, claimId: 'claim-1', claimNo: 'PICC-1', claimVin: VIN_1, insurerOrgId: PICC, installedVin: VIN_1, traceCodes: ['AP1'] });
const ownA = line({ shopOrgId: SHOP_A, installedVin: VIN_2, traceCodes: ['AP2'] });
const reservedB = line({ shopOrgId: SHOP_B, lineStatus: 'reserved', qtyShipped: 0, qtyReserved: 2 });
const claimB = line({ shopOrgId: SHOP_B, lineStatus: 'shipped', claimId: 'claim-2', claimNo: 'CPIC-2', claimVin: VIN_2, insurerOrgId: CPIC });
const hz: LotStockAt = { warehouseId: 'w-hz', warehouseCode: 'HZ', operatorOrgId: OPERATOR, onHand: 4, reserved: 2 };
const own: LotStockAt = { warehouseId: 'w-sup', warehouseCode: 'SUP', operatorOrgId: SUPPLIER, onHand: 3, reserved: 0 };
const transit: LotStockAt = { warehouseId: null, warehouseCode: null, operatorOrgId: null, onHand: 1, reserved: 0 };

const facts = (over: Partial<RecallFacts> = {}): RecallFacts => ({
  lotNo: 'RC-01',
  lot: { lotId: 'lot-1', productId: 'p-1', productName: '前保险杠皮', brand: '粤通', sku: 'YT-1', supplierOrgId: SUPPLIER, supplierName: '粤通' },
  reason: '卡扣断裂',
  recalledAt: new Date('2026-03-14T02:00:00Z'),
  recalledByOrgId: SUPPLIER,
  platformOrgIds: [PLATFORM],
  recipients: [claimA, ownA, reservedB, claimB],
  recipientsComplete: true,
  stock: [hz, own, transit],
  openLineIds: [reservedB.orderLineId],
  ...over,
});

type Told = { roles: string[]; lines: NoticeLine[]; stock: { warehouseCode: string | null }[]; vehicles: string[]; linesTotal: number; linesTruncated: boolean };
const told = (f: RecallFacts) => new Map(recallNotices(f).map((e) => [e.orgId, e.payload as unknown as Told]));
const lineIds = (t: Told | undefined) => t?.lines.map((l) => l.orderLineId);

describe('recallNotices', () => {
  it('writes one lot.recalled event per organisation: supplier, platform, then the others by id', () => {
    const events = recallNotices(facts());
    expect(events.map((e) => [e.orgId, e.type])).toEqual([SUPPLIER, PLATFORM, SHOP_A, SHOP_B, PICC, CPIC, OPERATOR].map((o) => [o, LOT_RECALLED_EVENT]));
    expect(events[0]!.payload).toMatchObject({ lotNo: 'RC-01', reason: '卡扣断裂', recalledAt: '2026-03-14T02:00:00.000Z', supplierName: '粤通' });
  });

  const cases: [string, string, { roles: string[]; lines: RecipientDto[]; stock: (string | null)[]; vehicles: string[] }][] = [
    [
      'the supplier is told everything, and of its own warehouse as its supplier',
      SUPPLIER,
      { roles: ['supplier', 'operator'], lines: [claimA, ownA, reservedB, claimB], stock: ['HZ', 'SUP', null], vehicles: [VIN_1, VIN_2] },
    ],
    ['the platform is told everything', PLATFORM, { roles: ['platform'], lines: [claimA, ownA, reservedB, claimB], stock: ['HZ', 'SUP', null], vehicles: [VIN_1, VIN_2] }],
    ['a shop is told its own lines, claims and its own purchases alike, with their vehicles', SHOP_A, { roles: ['shop'], lines: [claimA, ownA], stock: [], vehicles: [VIN_1, VIN_2] }],
    ['a shop whose line only holds units is told too', SHOP_B, { roles: ['shop'], lines: [reservedB, claimB], stock: [], vehicles: [VIN_2] }],
    ['an insurer is told the lines of its own claims only, with the vehicle', PICC, { roles: ['insurer'], lines: [claimA], stock: [], vehicles: [VIN_1] }],
    ['another insurer, its own claim only', CPIC, { roles: ['insurer'], lines: [claimB], stock: [], vehicles: [VIN_2] }],
    ['a warehouse operator is told its stock and no order lines', OPERATOR, { roles: ['operator'], lines: [], stock: ['HZ'], vehicles: [] }],
  ];
  it.each(cases)('%s', (_name, orgId, expected) => {
    const t = told(facts()).get(orgId);
    expect(t?.roles).toEqual(expected.roles);
    expect(lineIds(t)).toEqual(expected.lines.map((l) => l.orderLineId));
    expect(t?.stock.map((s) => s.warehouseCode)).toEqual(expected.stock);
    expect(t?.vehicles).toEqual(expected.vehicles);
  });

  it('names each line’s vehicle in full (the installed VIN, else the claim’s) and marks the lines being re-sourced', () => {
    const a = told(facts()).get(SHOP_A)!;
    expect(a.lines[0]).toMatchObject({ claimNo: 'PICC-1', vin: VIN_1, traceCodes: ['AP1'], resourced: false });
    expect(a.lines[1]).toMatchObject({ claimNo: null, vin: VIN_2, resourced: false });
    const b = told(facts()).get(SHOP_B)!;
    expect(b.lines.map((l) => [l.orderLineId, l.resourced, l.vin])).toEqual([
      [reservedB.orderLineId, true, null],
      [claimB.orderLineId, false, VIN_2],
    ]);
  });

  it('never tells a party of another shop’s or insurer’s lines', () => {
    const all = told(facts());
    for (const [orgId, t] of all) {
      if (orgId === SUPPLIER || orgId === PLATFORM) continue;
      for (const l of t.lines) expect(l.shopOrgId === orgId || l.insurerOrgId === orgId).toBe(true);
    }
  });

  it('tells the supplier and the platform once when the recall is also by the platform or they hold stock', () => {
    const events = recallNotices(facts({ recalledByOrgId: PLATFORM, stock: [{ ...hz, operatorOrgId: PLATFORM }] }));
    expect(events.filter((e) => e.orgId === PLATFORM)).toHaveLength(1);
    expect((events.find((e) => e.orgId === PLATFORM)!.payload as unknown as Told).roles).toEqual(['platform', 'operator']);
  });

  it('still tells the supplier and the platform of a lot that reached nobody', () => {
    const events = recallNotices(facts({ recipients: [], stock: [], openLineIds: [] }));
    expect(events.map((e) => e.orgId)).toEqual([SUPPLIER, PLATFORM]);
  });

  it('lists at most MAX_NOTICE_LINES lines per event and says how many there are', () => {
    const many = Array.from({ length: MAX_NOTICE_LINES + 3 }, () => line({ shopOrgId: SHOP_A }));
    const t = told(facts({ recipients: many, openLineIds: [] }));
    expect(t.get(SHOP_A)).toMatchObject({ linesTotal: MAX_NOTICE_LINES + 3, linesTruncated: true });
    expect(t.get(SHOP_A)!.lines).toHaveLength(MAX_NOTICE_LINES);
  });

  it('tells the supplier and the platform when the recall could not read every recipient', () => {
    const t = told(facts({ recipientsComplete: false }));
    expect(t.get(SUPPLIER)!.linesTruncated).toBe(true);
    expect(t.get(PLATFORM)!.linesTruncated).toBe(true);
    expect(t.get(SHOP_A)!.linesTruncated).toBe(false);
  });
});
