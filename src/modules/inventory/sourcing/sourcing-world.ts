import { executePrepared, type Executor } from '../../../platform/db.ts';
import { stmt, type Stmt } from '../../../platform/stmt.ts';
import { org } from '../../identity/index.ts';
import { regionPath } from '../../regions/index.ts';
import { stockLot, stockQuant, warehouse, warehouseCoverage, warehouseNetwork, type WarehouseKind } from '../tables.ts';
import type { SourcingWarehouse, SourcingWorld } from './plan-sourcing.ts';

// What planSourcing needs to know, read from the database: the platform's warehouses and the
// given suppliers' own, how many days each takes to the buyer's region and to one another, and the
// available stock of the products there (lots under recall left out). With `lock`, the quants are
// locked in key order (as applyMoves locks them, so no two writers deadlock) and the plan made on
// what the lock shows is safe to carry out in the same transaction: concurrent orders for the last
// units queue on the same rows, and each sees what the one before it left.

// A transfer between two platform warehouses when the source's coverage does not name the
// destination's region: a line haul across the country.
export const DEFAULT_LINE_HAUL_DAYS = 3;
// A supplier's goods to a platform warehouse, when its own warehouse does not say: the same
// province in a day, elsewhere in three.
export const INBOUND_DAYS_SAME_PROVINCE = 1;
export const INBOUND_DAYS_ELSEWHERE = 3;

type WarehouseRow = { id: string; code: string; name: string; kind: WarehouseKind; operator_org_id: string; region_code: string; cover_code: string | null; transit_days: number | null };
type QuantRow = { product_id: string; location_id: string; lot_id: string; owner_org_id: string; available: number; warehouse_id: string };
// One statement's rows of three kinds: the network's version (`v`, in version), a quant (`q`), a
// supplier organisation's region (`s`, its id in product_id).
type StockRow = { k: 'v' | 'q' | 's'; version: string | null; region_code: string | null } & { [K in keyof QuantRow]: QuantRow[K] | null };

export type SourcingWorldInput = { regionCode: string; productIds: readonly string[]; supplierOrgIds: readonly string[]; lock: boolean };

// The warehouse network (every warehouse with its coverage) changes a few times a year and is read
// by every order and quote: each process keeps the copies it has read, by version, and the statement
// that reads the stock says which version is current. A few versions are kept, for processes that
// open several databases (tests, the benchmarks).
const networks = new Map<string, WarehouseRow[]>();
const MAX_NETWORKS = 8;

// Short names for the tables the statements below read. The statements spell the schema's names
// through drizzle's tables, so tsc checks them; the row keys the code reads are given with `as`,
// so that they stay the same if a column is renamed.
const w = warehouse;
const c = warehouseCoverage;
const q = stockQuant;

async function networkOf(exec: Executor, version: string): Promise<WarehouseRow[]> {
  const cached = networks.get(version);
  if (cached) return cached;
  const rows = await executePrepared<WarehouseRow & { version: string }>(exec, networkStmt());
  // Read in a later statement than the version asked for, it may be newer: it is kept under its own.
  const current = rows[0]?.version ?? version;
  if (networks.size >= MAX_NETWORKS) networks.delete(networks.keys().next().value!);
  networks.set(current, rows);
  return rows;
}

// The statements (exported for the test that prepares every named statement): every warehouse
// with its coverage and the network's version, and stockStmt below.
export function networkStmt(): Stmt {
  return stmt`select ${warehouseNetwork.version} as version, ${w.id} as id, ${w.code} as code, ${w.name} as name, ${w.kind} as kind,
          ${w.operatorOrgId} as operator_org_id, ${w.regionCode} as region_code, ${c.regionCode} as cover_code, ${c.transitDays} as transit_days
        from ${warehouseNetwork} cross join ${w} left join ${c} on ${c.warehouseId} = ${w.id}`;
}

export async function loadSourcingWorld(exec: Executor, input: SourcingWorldInput): Promise<SourcingWorld> {
  const suppliers = [...new Set(input.supplierOrgIds)];
  const productIds = [...new Set(input.productIds)];
  // The stock (locked, for an order), the suppliers' regions and the network's version in one
  // round trip; the network itself from this process's copy.
  const rows = await executePrepared<StockRow>(exec, stockStmt(productIds, suppliers, input.lock));
  const version = rows.find((r) => r.k === 'v')?.version;
  if (!version) throw new Error('loadSourcingWorld: the warehouse network has no version (migration 0019)');
  const supplierSet = new Set(suppliers);
  const network = (await networkOf(exec, version)).filter((r) => r.kind !== 'supplier' || supplierSet.has(r.operator_org_id));
  const quants = rows.filter((r) => r.k === 'q') as unknown as QuantRow[];
  const supplierRegions = new Map(rows.filter((r) => r.k === 's').map((r) => [r.product_id!, r.region_code!]));
  return worldOf(network, quants, supplierRegions, input.regionCode);
}

// The quants of the products with anything available, at platform warehouses and the given
// suppliers' own, in key order (the order they are locked in, as applyMoves locks them, so no two
// writers deadlock), with the suppliers' regions and the network's version beside them.
export function stockStmt(productIds: readonly string[], suppliers: readonly string[], lock: boolean): Stmt {
  const select = stmt`select ${q.productId} as product_id, ${q.locationId} as location_id, ${q.lotId} as lot_id, ${q.ownerOrgId} as owner_org_id,
        (${q.onHand} - ${q.reserved})::int as available, ${w.id} as warehouse_id
      from ${q}
      join ${w} on ${w.stockLocationId} = ${q.locationId}
      join ${stockLot} on ${stockLot.id} = ${q.lotId} and ${stockLot.recalledAt} is null
      where ${q.productId} = any(${productIds}::uuid[]) and ${q.onHand} > ${q.reserved}
        and (${w.kind} <> 'supplier' or ${w.operatorOrgId} = any(${suppliers}::uuid[]))
      order by ${q.productId}, ${q.locationId}, ${q.lotId}, ${q.ownerOrgId}`;
  return stmt`with quants as materialized (${lock ? stmt`${select} for update of ${q}` : select})
    select 'v' as k, ${warehouseNetwork.version} as version, null::uuid as product_id, null::uuid as location_id, null::uuid as lot_id, null::uuid as owner_org_id,
        null::int as available, null::uuid as warehouse_id, null as region_code
      from ${warehouseNetwork}
    union all
    select 'q', null, product_id, location_id, lot_id, owner_org_id, available, warehouse_id, null from quants
    union all
    select 's', null, ${org.id}, null, null, null, null, null, ${org.regionCode} from ${org} where ${org.id} = any(${suppliers}::uuid[])`;
}

// Pure: the rows as planSourcing's world. A coverage entry applies to a region when it names the
// region or one containing it; the most specific one decides the days.
export function worldOf(rows: readonly WarehouseRow[], quants: readonly QuantRow[], supplierRegions: ReadonlyMap<string, string>, buyerRegionCode: string): SourcingWorld {
  type Acc = { w: Omit<SourcingWarehouse, 'transitDays'>; coverage: Map<string, number> };
  const byId = new Map<string, Acc>();
  for (const r of rows) {
    let acc = byId.get(r.id);
    if (!acc) {
      acc = { w: { warehouseId: r.id, code: r.code, name: r.name, kind: r.kind, operatorOrgId: r.operator_org_id, regionCode: r.region_code }, coverage: new Map() };
      byId.set(r.id, acc);
    }
    if (r.cover_code !== null && r.transit_days !== null) acc.coverage.set(r.cover_code, r.transit_days);
  }
  const daysTo = (coverage: ReadonlyMap<string, number>, regionCode: string): number | null => {
    const path = regionPath(regionCode);
    for (let i = path.length - 1; i >= 0; i--) {
      const days = coverage.get(path[i]!.code);
      if (days !== undefined) return days;
    }
    return null;
  };
  const warehouses: SourcingWarehouse[] = [...byId.values()].map((a) => ({ ...a.w, transitDays: daysTo(a.coverage, buyerRegionCode) }));
  const province = (code: string) => regionPath(code)[0]?.code ?? null;
  return {
    warehouses,
    quants: quants.map((q) => ({ warehouseId: q.warehouse_id, productId: q.product_id, locationId: q.location_id, lotId: q.lot_id, ownerOrgId: q.owner_org_id, available: q.available })),
    transferDays: (fromId, toId) => {
      const from = byId.get(fromId);
      const to = byId.get(toId);
      if (!from || !to) throw new Error(`transferDays: unknown warehouse ${from ? toId : fromId}`);
      return daysTo(from.coverage, to.w.regionCode) ?? DEFAULT_LINE_HAUL_DAYS;
    },
    inboundDays: (supplierOrgId, warehouseId) => {
      const to = byId.get(warehouseId);
      if (!to) throw new Error(`inboundDays: unknown warehouse ${warehouseId}`);
      // The supplier's own warehouses say how long they take to the warehouse's region.
      const own = [...byId.values()]
        .filter((a) => a.w.kind === 'supplier' && a.w.operatorOrgId === supplierOrgId)
        .map((a) => daysTo(a.coverage, to.w.regionCode))
        .filter((d): d is number => d !== null);
      if (own.length > 0) return Math.min(...own);
      const from = supplierRegions.get(supplierOrgId);
      return from !== undefined && province(from) === province(to.w.regionCode) ? INBOUND_DAYS_SAME_PROVINCE : INBOUND_DAYS_ELSEWHERE;
    },
  };
}
