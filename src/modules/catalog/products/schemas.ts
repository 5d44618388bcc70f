import { z } from 'zod';
import { MAX_MIN_QTY, MAX_UNIT_PRICE_FEN } from '../../../platform/bounds.ts';
import { fenNumber } from '../../../platform/money.ts';
import { httpUrlField } from '../../../platform/http-url.ts';
import { isRegionCode } from '../../regions/index.ts';
import { grades } from '../grades.ts';

// Input fields shared by the product and offer commands. Refinement messages are field codes from
// platform/messages.ts, translated at the HTTP edge.

export const MAX_PARTS_PER_PRODUCT = 50;
export const MAX_PICTURES = 10;
export const MAX_REGIONS_PER_OFFER = 100;
// Offers are per region set, so a product sold in every province separately needs 34; 100 leaves
// room for city-level pricing without letting one product's detail grow without bound.
export const MAX_OFFERS_PER_PRODUCT = 100;

export const gradeField = z.enum(grades);

// A calendar date as the API and the DATE columns carry it. Dates compare correctly as strings.
export const dateField = z.iso.date();

export const skuField = z.string().trim().min(1).max(100);
export const textField = z.string().trim().min(1).max(200);
export const warrantyMonthsField = z.number().int().min(0).max(240);

// Pictures are shown in the console and to insurers' adjusters, so only web addresses make sense.
export const pictureUrlsField = z.array(httpUrlField).max(MAX_PICTURES);

export const partIdsField = z.array(z.uuid()).max(MAX_PARTS_PER_PRODUCT);
export const oeNosField = z.array(z.string().trim().min(1).max(60)).max(MAX_PARTS_PER_PRODUCT);

export const certBodyCodeField = z.string().trim().min(1).max(40);
export const certNoField = z.string().trim().min(1).max(100);

// A price must be positive, and at most the domain's bound for a unit (bounds.ts), so that no
// quote or order of it can leave the exact range of JSON numbers. It stays a JSON number here and
// becomes a bigint in the command (fenOf): runCommand fingerprints the parsed body for
// Idempotency-Key, and JSON has no bigint, so fenInput's bigint in a body would make every such
// request fail.
export const priceFenField = fenNumber(MAX_UNIT_PRICE_FEN, 1);

export function fenOf(amount: number): bigint {
  return BigInt(amount);
}

export const regionCodesField = z
  .array(
    z
      .string()
      .regex(/^\d{6}$/)
      .refine(isRegionCode, { message: 'region_unknown' }),
  )
  .max(MAX_REGIONS_PER_OFFER);

export const minQtyField = z.number().int().min(1).max(MAX_MIN_QTY);
export const leadTimeDaysField = z.number().int().min(0).max(365);
