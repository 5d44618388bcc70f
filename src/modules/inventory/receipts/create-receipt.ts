import { and, inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { product } from '../../catalog/index.ts';
import { assertRuns, findWarehouse } from '../access.ts';
import { applyMoves } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import { fillDemands } from '../sourcing/demands.ts';
import { stockLot, stockReceipt } from '../tables.ts';
import { bookReceipt } from './book-receipt.ts';
import { insertTraceUnits } from './issue-trace-codes.ts';
import { MAX_TRACE_CODES_PER_RECEIPT, type CreateReceiptInput, type ReceiptDto } from './schemas.ts';

// An inbound receipt (入库): the supplier's goods arrive at a warehouse, by lot, and each certified
// unit is issued its trace code (answered, for the labels). Every line becomes a move from the
// supplier location into the warehouse's stock, owned by the operator, or by the supplier when on
// consignment (and always at a supplier's own warehouse). Everything is checked before anything is
// written, and every problem is reported at once with its line. Goods that arrive serve the
// backorders waiting for them at the warehouse first, oldest first (fillDemands), whichever
// purchase order or none brought them; what is left is free stock.
//
// A receipt against a purchase order names it (opts.purchaseOrderId): purchasing checks the order
// and passes its supplier and ownership (consignment) in the input, and the price each line was
// bought at (for the books: book-receipt.ts), and keeps the order's lines.
export type ReceiptOptions = { purchaseOrderId?: string; prices?: readonly { unitFen: bigint; vatFen: bigint }[] };

export async function createReceipt(tx: Tx, ctx: Ctx, warehouseId: string, input: CreateReceiptInput, opts: ReceiptOptions = {}): Promise<ReceiptDto> {
  requirePermission(ctx.actor, 'stock.receive');
  const w = await findWarehouse(tx, ctx.actor, warehouseId);
  assertRuns(ctx.actor, w, 'stock.receive');
  const supplierOrgId = w.kind === 'supplier' ? w.operatorOrgId : input.supplierOrgId;
  const errors: FieldError[] = [];
  if (supplierOrgId === undefined) throw new AppError('validation_failed', { count: 1 }, [{ path: 'supplierOrgId', in: 'body', code: 'required' }]);
  if (w.kind === 'supplier' && input.supplierOrgId !== undefined && input.supplierOrgId !== w.operatorOrgId) {
    errors.push({ path: 'supplierOrgId', in: 'body', code: 'invalid' });
  }
  const ownerOrgId = w.kind === 'supplier' || input.consignment ? supplierOrgId : w.operatorOrgId;

  const productIds = [...new Set(input.lines.map((l) => l.productId))];
  const products = new Map(
    (await tx.select({ id: product.id, supplierOrgId: product.supplierOrgId, grade: product.grade }).from(product).where(inArray(product.id, productIds))).map((p) => [p.id, p]),
  );
  let codesToIssue = 0;
  input.lines.forEach((line, i) => {
    const p = products.get(line.productId);
    if (!p) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'unknown_reference', params: { what: 'product', value: line.productId } });
    else if (p.supplierOrgId !== supplierOrgId) errors.push({ path: `lines.${i}.productId`, in: 'body', code: 'product_of_other_supplier', params: { supplier: supplierOrgId } });
    if (p?.grade === 'certified' && line.issueTraceCodes === false) errors.push({ path: `lines.${i}.issueTraceCodes`, in: 'body', code: 'trace_codes_required' });
    if (p?.grade === 'certified' || line.issueTraceCodes) codesToIssue += line.qty;
  });
  if (codesToIssue > MAX_TRACE_CODES_PER_RECEIPT) errors.push({ path: 'lines', in: 'body', code: 'trace_codes_too_many', params: { maximum: MAX_TRACE_CODES_PER_RECEIPT, count: codesToIssue } });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  // Lots are the supplier's labels, shared by every receipt of the same product and lot number.
  const lotKeys = [...new Map(input.lines.map((l) => [`${l.productId}|${l.lotNo}`, { productId: l.productId, lotNo: l.lotNo }])).values()];
  await tx
    .insert(stockLot)
    .values(lotKeys.map((k) => ({ id: newId(), productId: k.productId, lotNo: k.lotNo, supplierOrgId: supplierOrgId, createdAt: ctx.now })))
    .onConflictDoNothing();
  const lots = await tx
    .select({ id: stockLot.id, productId: stockLot.productId, lotNo: stockLot.lotNo })
    .from(stockLot)
    .where(
      and(
        inArray(stockLot.productId, productIds),
        inArray(
          stockLot.lotNo,
          lotKeys.map((k) => k.lotNo),
        ),
      ),
    );
  const lotId = (productId: string, lotNo: string) => lots.find((l) => l.productId === productId && l.lotNo === lotNo)!.id;

  const receiptId = newId();
  const purchaseOrderId = opts.purchaseOrderId ?? null;
  await tx
    .insert(stockReceipt)
    .values({ id: receiptId, warehouseId: w.id, supplierOrgId, consignment: input.consignment, note: input.note ?? null, purchaseOrderId, createdBy: ctx.actor.userId, createdAt: ctx.now });
  await applyMoves(
    tx,
    input.lines.map((l) => ({
      phase: 'single',
      kind: 'receipt',
      productId: l.productId,
      lotId: lotId(l.productId, l.lotNo),
      ownerOrgId,
      qty: l.qty,
      fromLocationId: virtualLocations.supplier.id,
      toLocationId: w.stockLocationId,
      documentId: receiptId,
    })),
    ctx.now,
  );
  // Certified parts always carry codes; other parts when the receipt asked for them.
  const coded = (l: CreateReceiptInput['lines'][number]) => products.get(l.productId)!.grade === 'certified' || l.issueTraceCodes === true;
  const units = input.lines.flatMap((l) =>
    coded(l)
      ? Array.from({ length: l.qty }, () => ({
          productId: l.productId,
          lotId: lotId(l.productId, l.lotNo),
          locationId: w.stockLocationId,
          status: 'in_stock' as const,
          receiptId,
          updatedAt: ctx.now,
        }))
      : [],
  );
  const issued = await insertTraceUnits(tx, units);
  // After the moves, so the goods just received are there to reserve.
  const filled = await fillDemands(tx, ctx, w, productIds);
  // The codes come back in the units' order, which is the lines'.
  let next = 0;
  const lineCodes = input.lines.map((l) => {
    if (!coded(l)) return [];
    next += l.qty;
    return issued.slice(next - l.qty, next);
  });

  const dto: ReceiptDto = {
    id: receiptId,
    warehouseId: w.id,
    supplierOrgId,
    consignment: input.consignment,
    ownerOrgId,
    purchaseOrderId,
    note: input.note ?? null,
    lines: input.lines.map((l, i) => ({ productId: l.productId, qty: l.qty, lotId: lotId(l.productId, l.lotNo), lotNo: l.lotNo, traceCodes: lineCodes[i]! })),
    backordersReserved: filled.map((f) => ({ orderLineId: f.orderLineId, productId: f.productId, qty: f.qty })),
    createdAt: ctx.now.toISOString(),
  };
  const summary = {
    receiptId,
    warehouseId: w.id,
    warehouseCode: w.code,
    supplierOrgId,
    consignment: input.consignment,
    purchaseOrderId,
    units: input.lines.reduce((n, l) => n + l.qty, 0),
    backordersReserved: filled.length,
  };
  // The trail names how many codes each line got; the codes themselves are the trace units' rows.
  const auditLines = dto.lines.map((l) => ({ ...l, traceCodes: l.traceCodes.length }));
  await recordAudit(tx, ctx, { orgId: w.operatorOrgId, objectType: 'stock_receipt', objectId: receiptId, action: 'receive', data: { ...summary, lines: auditLines } });
  const parties = [...new Set([w.operatorOrgId, supplierOrgId])];
  await emitEvents(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, type: 'stock.received', payload: summary })),
  );
  // Goods bought outright: the platform owes the supplier for them from now.
  if (ownerOrgId !== supplierOrgId) {
    await bookReceipt(
      tx,
      ctx,
      { id: receiptId, supplierOrgId, purchaseOrderId },
      input.lines.map((l, i) => ({ productId: l.productId, qty: l.qty, price: opts.prices?.[i] })),
    );
  }
  return dto;
}
