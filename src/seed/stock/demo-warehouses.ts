import { listRegions } from '../../modules/regions/index.ts';
import type { DemoSupplierIds } from '../catalog/index.ts';
import { partTemplates } from '../catalog/part-templates.ts';
import type { LatLon } from './transit-days.ts';

// The demo world's warehouses: the platform's two (run by the demo operators, stocked by receipts)
// and each demo supplier's own (stocked by the supplier's stock levels, for drop-ship).

// East China, one or two days from Hangzhou.
const EAST_CHINA_DAYS: Record<string, number> = { '310000': 1, '320000': 1, '330000': 1, '340000': 2, '350000': 2, '360000': 2, '370000': 2 };
// The far north-east, north-west, south-west and Hainan: four days; the rest of the mainland three.
const FAR_PROVINCES = new Set(['150000', '220000', '230000', '460000', '530000', '540000', '620000', '630000', '640000', '650000']);
// Taiwan, Hong Kong and Macao are left out: parts cross a customs border there, not a warehouse's
// delivery round.
export const ACROSS_CUSTOMS: ReadonlySet<string> = new Set(['710000', '810000', '820000']);

export function mainlandProvinces(): string[] {
  return listRegions({ level: 1 })
    .map((p) => p.code)
    .filter((code) => !ACROSS_CUSTOMS.has(code));
}

export type Lot = { suffix: string; yyyymm: string; at: Date };
const lot = (yyyymm: string, suffix: string, day: number): Lot => ({ suffix, yyyymm, at: new Date(Date.UTC(Number(yyyymm.slice(0, 4)), Number(yyyymm.slice(4)) - 1, day, 2)) });

// The parts adjusters list most (定损常用件): a front-end collision's bumpers, grilles, bonnet,
// wings, lamps and mirrors, by template key. A platform warehouse holds every product of these
// parts that is offered in its own region, for every demo model, so a claim's commonest parts are
// in stock from the first day.
const COMMON_FRONT = ['front-bumper-cover', 'rear-bumper-cover', 'headlamp-lh', 'headlamp-rh', 'fender-lh', 'fender-rh', 'mirror-lh', 'mirror-rh'] as const;
const COMMON_ALL = [...COMMON_FRONT, 'front-lower-grille', 'radiator-grille', 'hood', 'fog-lamp-lh', 'fog-lamp-rh', 'tail-lamp-lh', 'tail-lamp-rh'] as const;

function partNamesOf(keys: readonly string[]): string[] {
  return keys.map((key) => {
    const template = partTemplates.find((t) => t.key === key);
    if (!template) throw new Error(`demo stock: no part template ${key}`);
    return template.nameZh;
  });
}

export type DemoWarehouse = {
  code: string;
  name: string;
  kind: 'central' | 'front';
  regionCode: string;
  adminEmail: string;
  coverage: () => { regionCode: string; transitDays: number }[];
  // The names of the common parts it holds every regional product of.
  commonParts: readonly string[];
  // How many other products (offered in its region), drawn at random, it holds besides.
  extras: number;
  // Lots received, oldest first; each product gets one or two of them.
  lots: Lot[];
  consignmentShare: number;
};

export const demoWarehouses: DemoWarehouse[] = [
  {
    code: 'HZ-CENTRAL',
    name: '华东中心仓（杭州）',
    kind: 'central',
    regionCode: '330100',
    adminEmail: 'admin@hz-ops.demo',
    coverage: () => mainlandProvinces().map((code) => ({ regionCode: code, transitDays: EAST_CHINA_DAYS[code] ?? (FAR_PROVINCES.has(code) ? 4 : 3) })),
    commonParts: partNamesOf(COMMON_ALL),
    extras: 200,
    lots: [lot('202609', 'HZ', 8), lot('202611', 'HZ', 10)],
    consignmentShare: 0.4,
  },
  {
    code: 'CD-FRONT',
    name: '西南前置仓（成都）',
    kind: 'front',
    regionCode: '510100',
    adminEmail: 'admin@cd-ops.demo',
    coverage: () => [
      { regionCode: '510000', transitDays: 1 },
      { regionCode: '500000', transitDays: 1 },
      { regionCode: '520000', transitDays: 2 },
      { regionCode: '530000', transitDays: 2 },
      { regionCode: '540000', transitDays: 2 },
    ],
    commonParts: partNamesOf(COMMON_FRONT),
    extras: 100,
    lots: [lot('202610', 'CD', 15)],
    consignmentShare: 0.3,
  },
];

export type DemoSupplierWarehouse = {
  code: string;
  name: string;
  supplier: keyof DemoSupplierIds;
  // The supplier's city, where its goods leave from.
  regionCode: string;
  origin: LatLon;
  adminEmail: string;
  // The share of the supplier's products it holds stock of.
  share: number;
  // Units per product: from one to this many.
  maxQty: number;
};

// Each supplier's own stock, in its own city: what it drop-ships from. It delivers wherever its
// offers do (nationwide offers: the whole mainland), in days by distance.
export const demoSupplierWarehouses: DemoSupplierWarehouse[] = [
  { code: 'HJ-CHANGCHUN', name: '华骏自有仓（长春）', supplier: 'huajun', regionCode: '220100', origin: [43.82, 125.32], adminEmail: 'admin@huajun.demo', share: 0.5, maxQty: 20 },
  { code: 'YT-GUANGZHOU', name: '粤通自有仓（广州）', supplier: 'yuetong', regionCode: '440100', origin: [23.13, 113.26], adminEmail: 'admin@yuetong.demo', share: 0.4, maxQty: 20 },
  { code: 'AX-CHANGZHOU', name: '安信自有仓（常州）', supplier: 'anxin', regionCode: '320400', origin: [31.81, 119.97], adminEmail: 'admin@anxin.demo', share: 0.5, maxQty: 12 },
];

// When the demo warehouses opened (their audit rows' time); stock arrives in the months after.
export const OPENED_AT = new Date(Date.UTC(2026, 7, 1, 2));
// When the suppliers first told the platform their stock levels.
export const LEVELS_AT = new Date(Date.UTC(2026, 9, 20, 2));
