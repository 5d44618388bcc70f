import { decodeVin, type Category } from '../../catalog/index.ts';
import type { InsurerRules } from '../insurer-rules/index.ts';
import { resolveGuide, type RankInput, type VehicleFacts } from '../rules/index.ts';

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

export type LinePart = { id: string; category: Category; oePriceFen: bigint };

// Everything a part line is ranked on besides its candidates: the part, quantity and delivery
// region, the vehicle, the insurer's policy and the guide resolved for the part and region, and
// the day. One function for the quote's offers and an inquiry's bids, so both are held to exactly
// the same rules.
export function lineRankingFacts(input: {
  rules: Pick<InsurerRules, 'policy' | 'guide'>;
  part: LinePart;
  quantity: number;
  regionCode: string;
  vehicle: VehicleFacts;
  today: string;
}): Omit<RankInput, 'offers'> {
  const { rules, part: p, quantity, regionCode, vehicle, today } = input;
  return {
    line: { partId: p.id, category: p.category, quantity, regionCode },
    vehicle: { ageYears: vehicle.ageYears, priceFen: vehicle.priceFen },
    policy: rules.policy,
    guide: resolveGuide(rules.guide, { partId: p.id, category: p.category, regionCode, partOePriceFen: p.oePriceFen }),
    today,
  };
}
