import type { FieldError } from '../../../platform/errors.ts';
import type { NewMove } from '../apply-moves.ts';
import { virtualLocations } from '../locations.ts';
import type { stockCount } from '../tables.ts';
import { countAdjustments } from './count-adjustments.ts';
import type { CountDto, CreateCountInput } from './schemas.ts';

// A count line as loaded: what was found of one lot, and the locked quants of that lot on the
// warehouse's shelf (one per owner) with their totals.
export type CountLine = {
  index: number;
  line: CreateCountInput['lines'][number];
  lotId: string;
  held: { ownerOrgId: string; onHand: number; reserved: number }[];
  expected: number;
  reserved: number;
};

// Lots whose units carry trace codes are counted by scanning them: the codes found are the count,
// and each must be a unit of that lot on this warehouse's shelf (new units come in by a receipt,
// not by a count). The units not found are written off with the stock (`lost`), so no code stays
// "in stock" for goods that are gone. Pure: the errors (each on its line's field) and the codes lost.
export function checkScannedCodes(lines: readonly CountLine[], onShelf: readonly { code: string; lotId: string }[]): { errors: FieldError[]; lost: string[] } {
  const errors: FieldError[] = [];
  const lost: string[] = [];
  for (const p of lines) {
    const shelfCodes = onShelf.filter((u) => u.lotId === p.lotId).map((u) => u.code);
    const scanned = p.line.traceCodes;
    if (shelfCodes.length === 0 && scanned === undefined) continue;
    if (scanned === undefined) {
      errors.push({ path: `lines.${p.index}.traceCodes`, in: 'body', code: 'trace_codes_required' });
      continue;
    }
    if (scanned.length !== p.line.counted) errors.push({ path: `lines.${p.index}.traceCodes`, in: 'body', code: 'trace_codes_count', params: { count: scanned.length, qty: p.line.counted } });
    const shelf = new Set(shelfCodes);
    const seen = new Set<string>();
    scanned.forEach((code, j) => {
      if (seen.has(code)) errors.push({ path: `lines.${p.index}.traceCodes.${j}`, in: 'body', code: 'trace_code_taken', params: { value: code } });
      else if (!shelf.has(code)) errors.push({ path: `lines.${p.index}.traceCodes.${j}`, in: 'body', code: 'trace_code_not_in_stock', params: { value: code } });
      seen.add(code);
    });
    lost.push(...shelfCodes.filter((code) => !seen.has(code)));
  }
  return { errors, lost };
}

// What a count posts: per line, the differences booked among the owners (countAdjustments) as
// adjustment moves to or from the 盘亏 (loss) location, and the lines as stored, one per owner with
// its books before and after. Pure.
export function decideCount(
  lines: readonly CountLine[],
  at: { countId: string; stockLocationId: string; operatorOrgId: string },
): { moves: NewMove[]; stored: (typeof stockCount.$inferInsert)['lines']; adjustments: CountDto['adjustments'] } {
  const moves: NewMove[] = [];
  const adjustments: CountDto['adjustments'] = [];
  const stored: (typeof stockCount.$inferInsert)['lines'] = [];
  for (const p of lines) {
    const changes = countAdjustments(p.held, p.line.counted, at.operatorOrgId);
    const owners = new Set([...p.held.map((q) => q.ownerOrgId), ...changes.map((c) => c.ownerOrgId)]);
    if (owners.size === 0) owners.add(at.operatorOrgId);
    for (const ownerOrgId of owners) {
      const before = p.held.find((q) => q.ownerOrgId === ownerOrgId)?.onHand ?? 0;
      const delta = changes.find((c) => c.ownerOrgId === ownerOrgId)?.delta ?? 0;
      stored.push({ productId: p.line.productId, lotId: p.lotId, ownerOrgId, expected: before, counted: before + delta });
    }
    for (const c of changes) {
      const loss = c.delta < 0;
      moves.push({
        phase: 'single',
        kind: 'adjustment',
        productId: p.line.productId,
        lotId: p.lotId,
        ownerOrgId: c.ownerOrgId,
        qty: Math.abs(c.delta),
        fromLocationId: loss ? at.stockLocationId : virtualLocations.loss.id,
        toLocationId: loss ? virtualLocations.loss.id : at.stockLocationId,
        documentId: at.countId,
      });
      adjustments.push({ productId: p.line.productId, lotId: p.lotId, lotNo: p.line.lotNo, ownerOrgId: c.ownerOrgId, direction: loss ? 'loss' : 'surplus', qty: Math.abs(c.delta) });
    }
  }
  return { moves, stored, adjustments };
}
