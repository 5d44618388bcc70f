import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../platform/db.ts';

export type LotStockAt = {
  // Null for goods in transit between two warehouses (a transfer not yet received).
  warehouseId: string | null;
  warehouseCode: string | null;
  // Who runs the warehouse (an operator, or the supplier for its own stock): told of the recall.
  operatorOrgId: string | null;
  onHand: number;
  reserved: number;
};

// Where a lot's goods still are on the platform's side: on hand and reserved per warehouse, and in
// transit, from the quants. What a recall stops; what the warehouses must take off the shelf.
export async function lotStock(exec: Executor, lotId: string): Promise<LotStockAt[]> {
  const rows = await queryRows<{ warehouse_id: string | null; code: string | null; operator_org_id: string | null; on_hand: number; reserved: number }>(
    exec,
    sql`select w.id as warehouse_id, w.code, w.operator_org_id, sum(q.on_hand)::int as on_hand, sum(q.reserved)::int as reserved
        from stock_quant q
        join stock_location l on l.id = q.location_id
        left join warehouse w on w.id = l.warehouse_id
        where q.lot_id = ${lotId}::uuid and q.on_hand > 0
        group by w.id, w.code, w.operator_org_id
        order by w.code nulls last`,
  );
  return rows.map((r) => ({ warehouseId: r.warehouse_id, warehouseCode: r.code, operatorOrgId: r.operator_org_id, onHand: r.on_hand, reserved: r.reserved }));
}
