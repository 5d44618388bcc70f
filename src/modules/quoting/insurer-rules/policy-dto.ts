import { z } from 'zod';
import { fenOutput } from '../../../platform/money.ts';
import { ProcurementPolicy, policyToJson } from '../rules/index.ts';
import { categoryCodes, grades } from './catalog-port.ts';
import { DEFAULT_POLICY } from './default-policy.ts';
import type { StoredPolicy } from './stored-policy.ts';

// The policy as the API shows it: the same JSON the PUT takes, fen as integer numbers. It is
// spelled out rather than derived from ProcurementPolicy because that schema turns fen into bigints
// on the way in, which a response cannot be encoded through.
const GradeEnum = z.enum(grades);

export const PolicyJsonDto = z
  .object({
    byCategory: z.partialRecord(z.enum(categoryCodes), z.array(GradeEnum)),
    byVehicleAge: z.array(z.object({ fromYears: z.number().int(), underYears: z.number().int().nullable(), grades: z.array(GradeEnum) })),
    byVehiclePrice: z.array(z.object({ fromFen: fenOutput, underFen: fenOutput.nullable(), grades: z.array(GradeEnum) })),
    choose: ProcurementPolicy.shape.choose,
    preferredGrades: z.array(GradeEnum),
    maxLeadTimeDays: z.number().int().nullable(),
    // Fen per unit a day of delivery is worth in the ranking; null: delivery time is not priced.
    deliveryDayValueFen: fenOutput.nullable(),
    approval: z.object({ lineAmountAboveFen: fenOutput.nullable(), claimPartsTotalAboveFen: fenOutput.nullable(), overGuide: z.boolean() }),
    handlingFeeBp: z.partialRecord(GradeEnum, z.number().int()),
  })
  .meta({ id: 'InsurerPolicyRules' });

export const PolicyDto = z
  .object({
    insurerOrgId: z.uuid(),
    // Counts the insurer's changes; null while it works under the default policy. A quote records
    // the version it was made under.
    version: z.number().int().nullable(),
    isDefault: z.boolean(),
    policy: PolicyJsonDto,
    updatedBy: z.uuid().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'InsurerPolicy' });
export type PolicyDto = z.infer<typeof PolicyDto>;

// policyToJson's type leaves the defaulted fields optional (it is the schema's input type), though it
// writes every one; parsing it here gives the response type without a cast and checks that claim.
function policyJson(policy: ProcurementPolicy): PolicyDto['policy'] {
  return PolicyJsonDto.parse({ deliveryDayValueFen: null, ...policyToJson(policy) });
}

export function toPolicyDto(insurerOrgId: string, stored: StoredPolicy | null): PolicyDto {
  if (!stored) {
    return { insurerOrgId, version: null, isDefault: true, policy: policyJson(DEFAULT_POLICY), updatedBy: null, updatedAt: null };
  }
  return {
    insurerOrgId,
    version: stored.version,
    isDefault: false,
    policy: policyJson(stored.policy),
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt.toISOString(),
  };
}
