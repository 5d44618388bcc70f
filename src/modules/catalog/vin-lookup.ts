import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { FieldCode } from '../../platform/messages.ts';
import { format } from '../../platform/i18n.ts';
import { fieldCatalog } from '../../platform/messages.ts';
import { VehicleModelDto } from './dto.ts';
import { matchVehicleModels } from './vehicle-models.ts';
import { decodeVin, type DecodedVin, type VinFailure } from './vin/index.ts';

export const VinDto = z
  .object({
    vin: z.string(),
    checkDigitValid: z.boolean(),
    checkDigitRequired: z.boolean(),
    warnings: z.array(z.string()),
    wmi: z.string(),
    vds: z.string(),
    manufacturer: z.string().nullable(),
    manufacturerEn: z.string().nullable(),
    country: z.string().nullable(),
    countryName: z.string().nullable(),
    modelYear: z.number().int().nullable(),
    plant: z.string(),
    serial: z.string(),
    vehicleModels: z.array(VehicleModelDto),
  })
  .meta({ id: 'VinDecode' });
export type VinDto = z.infer<typeof VinDto>;

const failureCodes: Record<VinFailure['code'], FieldCode> = {
  length: 'vin_length',
  forbidden_letter: 'vin_forbidden_letter',
  invalid_character: 'vin_invalid_character',
  check_digit: 'vin_check_digit',
};

// A malformed VIN is a 422 that names the position at fault, in the caller's language.
export function vinProblem(input: string, failure: VinFailure, where: 'params' | 'querystring', locale: Ctx['locale']): AppError {
  const code = failureCodes[failure.code];
  const params = { ...failure.params, position: 'position' in failure ? failure.position : undefined };
  return new AppError('invalid_vin', { vin: input, reason: format(fieldCatalog[code][locale], params) }, [{ path: 'vin', in: where, code, params }]);
}

// Decodes a VIN or refuses it; shared by the VIN lookup and VIN-scoped part search.
export function decodeOrRefuse(input: string, where: 'params' | 'querystring', locale: Ctx['locale']): DecodedVin {
  const decoded = decodeVin(input);
  if (!decoded.ok) throw vinProblem(input, decoded, where, locale);
  return decoded;
}

export async function lookupVin(db: Executor, ctx: Ctx, input: string): Promise<VinDto> {
  requirePermission(ctx.actor, 'catalog.read');
  const decoded = decodeOrRefuse(input, 'params', ctx.locale);
  return {
    vin: decoded.vin,
    checkDigitValid: decoded.checkDigit.valid,
    checkDigitRequired: decoded.checkDigitRequired,
    warnings: decoded.warnings,
    wmi: decoded.wmi,
    vds: decoded.vds,
    manufacturer: decoded.manufacturer,
    manufacturerEn: decoded.manufacturerEn,
    country: decoded.country,
    countryName: decoded.countryName,
    modelYear: decoded.modelYear,
    plant: decoded.plant,
    serial: decoded.serial,
    vehicleModels: await matchVehicleModels(db, decoded),
  };
}
