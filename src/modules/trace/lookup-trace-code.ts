import { eq } from 'drizzle-orm';
import { chinaDate } from '../../platform/china-date.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { certBody, gradeNames, product } from '../catalog/index.ts';
import { org } from '../identity/index.ts';
import { stockLot, traceCodeField, traceUnit } from '../inventory/index.ts';
import type { TraceLookupDto } from './dto.ts';
import { revokedWarning, traceStatusWords } from './status-words.ts';
import { maskVin } from './vin-mask.ts';

// Codes are printed upper-case and stored so (inventory's traceCodeField); people type them by
// hand from a label or a photo, so surrounding spaces and lower case must still find the unit.
// Anything that cannot be a code at all is unknown without asking the database.
export function normaliseTraceCode(raw: string): string | undefined {
  const parsed = traceCodeField.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

// The public lookup behind GET /api/v1/trace/{code}. It takes no actor: a car owner checking the
// part in their car has no account. What it returns is therefore limited to what the label and the
// certificate already say, plus the unit's fate and a masked VIN (see dto.ts).
export async function lookupTraceCode(db: Executor, rawCode: string, locale: Locale, now: Date): Promise<TraceLookupDto> {
  const code = normaliseTraceCode(rawCode);
  if (!code) throw new AppError('trace_code_unknown');
  const [row] = await db
    .select({
      code: traceUnit.code,
      status: traceUnit.status,
      installedVin: traceUnit.installedVin,
      installedAt: traceUnit.installedAt,
      revokedReason: traceUnit.revokedReason,
      lotNo: stockLot.lotNo,
      productName: product.name,
      brand: product.brand,
      sku: product.sku,
      grade: product.grade,
      certNo: product.certNo,
      certValidFrom: product.certValidFrom,
      certValidTo: product.certValidTo,
      certBodyName: certBody.name,
      certBodyNameEn: certBody.nameEn,
      supplierName: org.name,
    })
    .from(traceUnit)
    .innerJoin(stockLot, eq(stockLot.id, traceUnit.lotId))
    .innerJoin(product, eq(product.id, traceUnit.productId))
    .innerJoin(org, eq(org.id, product.supplierOrgId))
    .leftJoin(certBody, eq(certBody.id, product.certBodyId))
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
  return {
    code: row.code,
    status: row.status,
    statusText: traceStatusWords[row.status][locale],
    product: { name: row.productName, brand: row.brand, sku: row.sku },
    grade: row.grade,
    gradeText: gradeNames[row.grade][locale],
    certification,
    supplier: { name: row.supplierName },
    lotNo: row.lotNo,
    // A unit fitted and later decertified was still installed: the owner needs to know both.
    installed: row.installedAt !== null,
    installedAt: row.installedAt?.toISOString() ?? null,
    vinMasked: maskVin(row.installedVin),
    revoked,
    revokedReason: revoked ? row.revokedReason : null,
    warning: revoked ? revokedWarning[locale] : null,
  };
}
