import { eq } from 'drizzle-orm';
import { chinaDate } from '../../platform/china-date.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { certBody, gradeNames, product } from '../catalog/index.ts';
import { org } from '../identity/index.ts';
import { readTraceCode, stockLot, traceUnit } from '../inventory/index.ts';
import { orderLine, shipment } from '../orders/index.ts';
import type { TraceLookupDto } from './dto.ts';
import { countTraceLookup } from './lookup-limit.ts';
import { recalledWarning, recalledWords, revokedWarning, traceStatusWords } from './status-words.ts';
import { maskVin } from './vin-mask.ts';

// The code to look up, as stored, read however it was typed (inventory's readTraceCode: case,
// dashes, spaces, full-width characters, I/L for 1 and O for 0). A code whose check character
// disagrees is refused as mistyped, and anything that cannot be a code at all is unknown, both
// without asking the database.
export function codeToLookUp(raw: string): string {
  const reading = readTraceCode(raw);
  if (reading.kind === 'mistyped') throw new AppError('trace_code_mistyped');
  if (reading.kind === 'invalid') throw new AppError('trace_code_unknown');
  return reading.code;
}

export type TraceLookupRequest = { rawCode: string; clientIp: string; locale: Locale; now: Date };

// The public lookup behind GET /api/v1/trace/{code}. It takes no actor: a car owner checking the
// part in their car has no account. What it returns is therefore what the owner needs to know
// their part and their car (see dto.ts), no more. Every lookup that reaches the database counts
// against the lookup limits (lookup-limit.ts).
export async function lookupTraceCode(db: Executor, req: TraceLookupRequest): Promise<TraceLookupDto> {
  const code = codeToLookUp(req.rawCode);
  await countTraceLookup(db, req.clientIp, req.now);
  const { locale, now } = req;
  const [row] = await db
    .select({
      code: traceUnit.code,
      status: traceUnit.status,
      installedVin: traceUnit.installedVin,
      installedAt: traceUnit.installedAt,
      revokedReason: traceUnit.revokedReason,
      productName: product.name,
      brand: product.brand,
      grade: product.grade,
      certNo: product.certNo,
      certValidFrom: product.certValidFrom,
      certValidTo: product.certValidTo,
      certBodyName: certBody.name,
      certBodyNameEn: certBody.nameEn,
      supplierName: org.name,
      lotNo: stockLot.lotNo,
      lotRecalledAt: stockLot.recalledAt,
      shippedAt: shipment.shippedAt,
    })
    .from(traceUnit)
    .innerJoin(stockLot, eq(stockLot.id, traceUnit.lotId))
    .innerJoin(product, eq(product.id, traceUnit.productId))
    .innerJoin(org, eq(org.id, product.supplierOrgId))
    .leftJoin(certBody, eq(certBody.id, product.certBodyId))
    // The shipment the unit was packed into, for the day it left the warehouse.
    .leftJoin(orderLine, eq(orderLine.id, traceUnit.orderLineId))
    .leftJoin(shipment, eq(shipment.id, orderLine.shipmentId))
    .where(eq(traceUnit.code, code))
    .limit(1);
  if (!row) throw new AppError('trace_code_unknown');

  const today = chinaDate(now);
  // The catalog refuses a certified product without all four certificate fields; a product of
  // another grade may still name one, and then it is shown the same way.
  const certification =
    row.certNo && row.certValidFrom && row.certValidTo && row.certBodyName
      ? {
          body: locale === 'en' ? (row.certBodyNameEn ?? row.certBodyName) : row.certBodyName,
          number: row.certNo,
          validFrom: row.certValidFrom,
          validTo: row.certValidTo,
          // Dates are YYYY-MM-DD, so string order is calendar order.
          validToday: row.certValidFrom <= today && today <= row.certValidTo,
        }
      : null;
  const revoked = row.status === 'revoked';
  // A recall is of the lot, not stored on each unit: the unit keeps where it is (the warehouse
  // still counts it), and the owner hears the recall first. Neither the reason (the supplier's
  // words to the trade) nor who recalled it is public.
  const recalled = row.lotRecalledAt !== null;
  return {
    code: row.code,
    status: recalled ? 'recalled' : row.status,
    statusText: recalled ? recalledWords[locale] : traceStatusWords[row.status][locale],
    product: { name: row.productName, brand: row.brand },
    grade: row.grade,
    gradeText: gradeNames[row.grade][locale],
    certification,
    supplier: { name: row.supplierName },
    lotNo: row.lotNo,
    // A unit fitted and later decertified was still installed: the owner needs to know both.
    // The day in China it left the warehouse for a repair shop; null while it has not.
    shippedOn: row.shippedAt ? chinaDate(row.shippedAt) : null,
    installed: row.installedAt !== null,
    // The day in China, not the moment: the owner knows their car's repair by its day.
    installedOn: row.installedAt ? chinaDate(row.installedAt) : null,
    vinMasked: maskVin(row.installedVin),
    revoked,
    revokedReason: revoked ? row.revokedReason : null,
    warning: recalled ? recalledWarning[locale] : revoked ? revokedWarning[locale] : null,
  };
}
