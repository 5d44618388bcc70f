import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import type { FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseOe, part } from './catalog-port.ts';
import { labourTenthsOf, type AssessmentLineInput } from './schemas.ts';
import type { assessmentLine } from './tables.ts';

export type LineRow = typeof assessmentLine.$inferInsert;

export type ResolvedLines = { ok: true; rows: LineRow[] } | { ok: false; errors: FieldError[] };

// Turns the lines of a request into rows. A part id must name a catalog part (else 400, listing
// every bad line at once). An OE number is looked up in its normalised form: found, the line is
// that part; not found, the line is kept as free text, flagged, with the OE number as typed, because
// an adjuster at a teardown must not be blocked by a gap in the catalog. A line's description is
// the caller's, or else the part's Chinese name, or else the OE number itself.
export async function resolveLines(exec: Executor, assessmentId: string, lines: readonly AssessmentLineInput[]): Promise<ResolvedLines> {
  const ids = [...new Set(lines.flatMap((l) => (l.partId ? [l.partId] : [])))];
  const norms = [...new Set(lines.flatMap((l) => (l.oeNo ? [normaliseOe(l.oeNo)] : [])))];
  const byId = new Map(ids.length === 0 ? [] : (await exec.select({ id: part.id, nameZh: part.nameZh }).from(part).where(inArray(part.id, ids))).map((p) => [p.id, p]));
  const byOe = new Map(
    norms.length === 0 ? [] : (await exec.select({ id: part.id, oeNorm: part.oeNorm, nameZh: part.nameZh }).from(part).where(inArray(part.oeNorm, norms))).map((p) => [p.oeNorm, p]),
  );

  const errors: FieldError[] = [];
  const rows: LineRow[] = lines.map((line, i) => {
    const known = line.partId ? byId.get(line.partId) : line.oeNo ? byOe.get(normaliseOe(line.oeNo)) : undefined;
    if (line.partId && !known) {
      errors.push({ path: `lines.${i}.partId`, in: 'body', code: 'unknown_reference', params: { what: 'part', value: line.partId } });
    }
    return {
      id: newId(),
      assessmentId,
      lineNo: i + 1,
      partId: known?.id ?? null,
      oeNoRaw: line.oeNo ?? null,
      description: line.description ?? known?.nameZh ?? line.oeNo ?? '',
      isFreeText: known === undefined,
      quantity: line.quantity,
      operation: line.operation,
      labourTenths: labourTenthsOf(line.labourHours),
      photoUrls: line.photoUrls ?? [],
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
