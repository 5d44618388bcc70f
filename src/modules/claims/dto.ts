import { z } from 'zod';
import { fenToJson } from '../../platform/money.ts';
import { assessmentStatuses } from './assessment-lifecycle.ts';
import { claimStatuses } from './lifecycle.ts';
import type { assessment, assessmentLine, claim } from './tables.ts';

// What the API shows of claims and assessments.

export const ClaimDto = z
  .object({
    id: z.uuid(),
    insurerOrgId: z.uuid(),
    claimNo: z.string(),
    policyNo: z.string(),
    accidentDate: z.string(),
    accidentRegionCode: z.string(),
    vin: z.string(),
    vehicleModelId: z.uuid().nullable(),
    plate: z.string(),
    vehicleValueFen: z.number().int().nullable(),
    repairShopOrgId: z.uuid(),
    status: z.enum(claimStatuses),
    createdBy: z.uuid(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Claim' });
export type ClaimDto = z.infer<typeof ClaimDto>;

export function toClaimDto(row: typeof claim.$inferSelect): ClaimDto {
  return {
    ...row,
    vehicleValueFen: row.vehicleValueFen === null ? null : fenToJson(row.vehicleValueFen),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const AssessmentLineDto = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    partId: z.uuid().nullable(),
    oeNo: z.string().nullable(),
    description: z.string(),
    isFreeText: z.boolean(),
    quantity: z.number().int(),
    operation: z.enum(['replace', 'repair']),
    labourHours: z.number(),
    photoUrls: z.array(z.string()),
  })
  .meta({ id: 'AssessmentLine' });
export type AssessmentLineDto = z.infer<typeof AssessmentLineDto>;

export function toLineDto(row: typeof assessmentLine.$inferSelect): AssessmentLineDto {
  return {
    id: row.id,
    lineNo: row.lineNo,
    partId: row.partId,
    oeNo: row.oeNoRaw,
    description: row.description,
    isFreeText: row.isFreeText,
    quantity: row.quantity,
    operation: row.operation,
    labourHours: row.labourTenths / 10,
    photoUrls: row.photoUrls,
  };
}

export const AssessmentDto = z
  .object({
    id: z.uuid(),
    claimId: z.uuid(),
    version: z.number().int(),
    // Version 1 is the assessment (定损); later ones are supplements (追加定损).
    kind: z.enum(['initial', 'supplement']),
    status: z.enum(assessmentStatuses),
    createdBy: z.uuid(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lines: z.array(AssessmentLineDto),
  })
  .meta({ id: 'Assessment' });
export type AssessmentDto = z.infer<typeof AssessmentDto>;

export function toAssessmentDto(row: typeof assessment.$inferSelect, lines: (typeof assessmentLine.$inferSelect)[]): AssessmentDto {
  return {
    id: row.id,
    claimId: row.claimId,
    version: row.version,
    kind: row.version === 1 ? 'initial' : 'supplement',
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lines: [...lines].sort((a, b) => a.lineNo - b.lineNo).map(toLineDto),
  };
}

// A claim as people read it: ClaimDto with the names behind its references (claim-facts.ts).
export const VehicleSummaryDto = z
  .object({
    id: z.uuid(),
    brand: z.string(),
    series: z.string(),
    model: z.string(),
    yearFrom: z.number().int(),
    yearTo: z.number().int(),
    engine: z.string(),
  })
  .meta({ id: 'VehicleSummary' });
// The claim itself and, beside it, the names; an intersection, so the API's document says "a Claim
// and these" rather than repeating the claim's fields.
export const ClaimNamesDto = z
  .object({
    vehicle: VehicleSummaryDto.nullable(),
    insurerName: z.string().nullable(),
    repairShopName: z.string().nullable(),
    // "浙江省 杭州市 西湖区": the accident region's path of GB/T 2260 names.
    accidentRegionName: z.string().nullable(),
  })
  .meta({ id: 'ClaimNames' });
export const ClaimFactsDto = z.intersection(ClaimDto, ClaimNamesDto).meta({ id: 'ClaimFacts' });
export type ClaimFactsDto = z.infer<typeof ClaimFactsDto>;

export const ClaimDetailDto = z.intersection(ClaimFactsDto, z.object({ assessments: z.array(AssessmentDto) })).meta({ id: 'ClaimDetail' });
export type ClaimDetailDto = z.infer<typeof ClaimDetailDto>;

// Things the caller should know that did not stop the claim: the VIN maps to no catalog model
// (`vehicle_model_unknown`), or the VIN decoder's own warnings (`unknown_wmi`, …).
export const CreatedClaimDto = ClaimDto.extend({ warnings: z.array(z.string()) }).meta({ id: 'CreatedClaim' });
export type CreatedClaimDto = z.infer<typeof CreatedClaimDto>;
