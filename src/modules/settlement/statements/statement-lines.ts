import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenToJson } from '../../../platform/money.ts';
import { product } from '../../catalog/index.ts';
import { claim } from '../../claims/index.ts';
import { orderLine, partsOrder } from '../../orders/index.ts';
import { quoteLine } from '../../quoting/index.ts';
import { statementLine } from '../tables.ts';
import type { StatementLineDto } from './dto.ts';

export type LineKey = { orderLineId: string; kind: 'sale' | 'credit' | 'return' };

// A statement's lines in a stable order (by order line, then kind: credit, return, sale), a chunk at a
// time after a key: for the paged list and for the exports, which read every line. Each with what
// a payer checks it by: claim no., order no., the part, its grade and quantity, and the saving
// against the OE reference the price check recorded.
export async function readStatementLines(exec: Executor, statementId: string, after: LineKey | undefined, limit: number): Promise<(StatementLineDto & { key: LineKey })[]> {
  const l = statementLine;
  const rows = await exec
    .select({
      orderLineId: l.orderLineId,
      kind: l.kind,
      creditId: l.creditId,
      claimNo: claim.claimNo,
      orderNo: partsOrder.orderNo,
      productName: product.name,
      grade: orderLine.grade,
      qty: orderLine.qty,
      netFen: l.netFen,
      vatFen: l.vatFen,
      handlingFeeFen: l.handlingFeeFen,
      totalFen: l.totalFen,
      savingFen: quoteLine.savingFen,
      postedAt: l.postedAt,
    })
    .from(l)
    .innerJoin(orderLine, eq(orderLine.id, l.orderLineId))
    .innerJoin(partsOrder, eq(partsOrder.id, l.orderId))
    .innerJoin(product, eq(product.id, orderLine.productId))
    .leftJoin(claim, eq(claim.id, l.claimId))
    .leftJoin(quoteLine, eq(quoteLine.id, orderLine.quoteLineId))
    .where(and(eq(l.statementId, statementId), after ? or(gt(l.orderLineId, after.orderLineId), and(eq(l.orderLineId, after.orderLineId), gt(l.kind, after.kind))) : undefined))
    .orderBy(asc(l.orderLineId), asc(l.kind), asc(sql`${l.creditId}`))
    .limit(limit);
  return rows.map((r) => ({
    key: { orderLineId: r.orderLineId, kind: r.kind },
    orderLineId: r.orderLineId,
    kind: r.kind,
    claimNo: r.claimNo,
    orderNo: r.orderNo,
    productName: r.productName,
    grade: r.grade,
    qty: r.qty,
    netFen: fenToJson(r.netFen),
    vatFen: fenToJson(r.vatFen),
    handlingFeeFen: fenToJson(r.handlingFeeFen),
    totalFen: fenToJson(r.totalFen),
    savingFen: r.kind === 'sale' && r.savingFen !== null ? fenToJson(r.savingFen) : null,
    postedAt: r.postedAt.toISOString(),
  }));
}

// The page cursor: the last line's key, opaque to callers.
export function lineCursor(key: LineKey): string {
  return Buffer.from(`${key.orderLineId}|${key.kind}`, 'utf8').toString('base64url');
}

export function readLineCursor(cursor: string | undefined): LineKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const [id, kind] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || (kind !== 'sale' && kind !== 'credit' && kind !== 'return')) {
    throw new AppError('validation_failed', { count: 1 }, [{ path: 'cursor', in: 'querystring', code: 'invalid_cursor' }]);
  }
  return { orderLineId: id, kind };
}
