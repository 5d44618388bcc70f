import { decodeVin } from '../../catalog/index.ts';
import type { VehicleFacts } from '../rules/index.ts';

export type ClaimVehicle = { vin: string; accidentDate: string; vehicleValueFen: bigint | null };

export type VehicleFactsView = VehicleFacts & { modelYear: number | null; valueKnown: boolean };

// The vehicle as the procurement policy sees it.
//
// Age: whole years from the VIN's model year (position 10) to the accident's year. The model year
// has no month, so the difference of the years is the whole-year age; a model year after the
// accident year (next year's model sold early) counts as 0. The VIN's 30-year cycle is resolved
// against the accident year, not today, so re-quoting an old claim gives the same age. A VIN whose
// model year cannot be read counts as 0 years old: the newest car is the one the policies treat
// most strictly, so an unknown age never widens the grades allowed.
//
// Value: the claim's insured value. When the insurer did not send it the value is passed as 0 fen:
// then only a price band that starts at 0 applies, and an insurer that wants vehicles of unknown
// value restricted writes such a band.
export function vehicleFacts(v: ClaimVehicle): VehicleFactsView {
  const accidentYear = Number(v.accidentDate.slice(0, 4));
  const decoded = decodeVin(v.vin, { currentYear: accidentYear });
  const modelYear = decoded.ok ? decoded.modelYear : null;
  const ageYears = modelYear === null ? 0 : Math.max(0, accidentYear - modelYear);
  return { ageYears, priceFen: v.vehicleValueFen ?? 0n, modelYear, valueKnown: v.vehicleValueFen !== null };
}
