import { grades } from './catalog-port.ts';
import { ProcurementPolicy, type ProcurementPolicyJson } from '../rules/index.ts';

// The policy of an insurer that has not written its own: cautious, so that a new insurer's first
// quotes neither buy a risky grade nor pay a large amount without a person looking.
// - Airbags and belts (safety) only as genuine (oem) or the maker's supplier brand (oes), because
//   a failed airbag costs a life and no price guide makes up for that.
// - Any other grade is allowed; the price guide (when there is one) keeps each grade's price down.
// - Delivery within 7 days, the usual limit of a repair shop's bay before the car blocks it.
// - A price checker approves a line above ¥5,000, a claim whose parts total more than ¥20,000, and
//   any price above the guide; everything else is approved automatically.
// - The cheapest allowed offer wins; no handling fee for the shop until the insurer grants one.
export const DEFAULT_POLICY_JSON: ProcurementPolicyJson = {
  byCategory: { safety: ['oem', 'oes'] },
  byVehicleAge: [],
  byVehiclePrice: [],
  choose: 'cheapest',
  preferredGrades: [...grades],
  maxLeadTimeDays: 7,
  approval: { lineAmountAboveFen: 500_000, claimPartsTotalAboveFen: 2_000_000, overGuide: true },
  handlingFeeBp: {},
};

// Shared by every caller, so it is frozen: a command that changed it would change every other
// insurer's default along with it.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

// Parsed by the same schema as a stored policy, so the default can never be one the API refuses.
export const DEFAULT_POLICY: ProcurementPolicy = deepFreeze(ProcurementPolicy.parse(DEFAULT_POLICY_JSON));
