import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { actorId } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { MAX_VEHICLE_VALUE_FEN } from '../../platform/bounds.ts';
import type { Ctx } from '../../platform/context.ts';
import { isUniqueViolation, type Executor, type Tx } from '../../platform/db.ts';
import { fenNumber } from '../../platform/money.ts';
import { chinaDate } from '../../platform/china-date.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { org } from '../identity/index.ts';
import { assertMayFileClaims } from './access.ts';
import { decodeVin, matchVehicleModels, vehicleModel, vinProblem } from './catalog-port.ts';
import { toClaimDto, type CreatedClaimDto } from './dto.ts';
import { emitToClaimParties } from './events.ts';
import { claimNoField, dateField, plateField, policyNoField, regionCodeField } from './schemas.ts';
import { claim } from './tables.ts';

export const CreateClaimInput = z
  .strictObject({
    claimNo: claimNoField,
    policyNo: policyNoField,
    accidentDate: dateField,
    accidentRegionCode: regionCodeField,
    vin: z.string().trim().min(1).max(40),
    // Needed only when the VIN maps to several catalog models: it picks one of them.
    vehicleModelId: z.uuid().optional(),
    plate: plateField,
    // The insured value of the vehicle, in fen: the policy's price bands read it. At most the
    // domain's bound for a vehicle (bounds.ts).
    vehicleValueFen: fenNumber(MAX_VEHICLE_VALUE_FEN).optional(),
    repairShopOrgId: z.uuid(),
  })
  .meta({ id: 'CreateClaimInput' });
export type CreateClaimInput = z.infer<typeof CreateClaimInput>;

export function claimNoTaken(claimNo: string): AppError {
  return new AppError('conflict', { what: 'claim', value: claimNo });
}

type ModelChoice = { ok: true; vehicleModelId: string | null; warnings: string[] } | { ok: false; error: FieldError };

// The VIN decides the model where it can. One match is taken (a different vehicleModelId is a
// mistake, refused); several need the caller to pick one of them; none leaves the model open, with
// a warning, unless the caller names an existing model (the catalog's VIN rules may lag a new
// trim, and the adjuster has the car in front of them).
async function chooseModel(exec: Executor, decoded: Parameters<typeof matchVehicleModels>[1], requested: string | undefined): Promise<ModelChoice> {
  const candidates = (await matchVehicleModels(exec, decoded)).map((m) => m.id);
  const refuse = (): ModelChoice => ({
    ok: false,
    error: { path: 'vehicleModelId', in: 'body', code: 'vehicle_model_ambiguous', params: { values: candidates } },
  });
  if (candidates.length === 1) {
    if (requested !== undefined && requested !== candidates[0]) return refuse();
    return { ok: true, vehicleModelId: candidates[0]!, warnings: [] };
  }
  if (candidates.length > 1) {
    if (requested === undefined || !candidates.includes(requested)) return refuse();
    return { ok: true, vehicleModelId: requested, warnings: [] };
  }
  if (requested === undefined) return { ok: true, vehicleModelId: null, warnings: ['vehicle_model_unknown'] };
  const [known] = await exec.select({ id: vehicleModel.id }).from(vehicleModel).where(eq(vehicleModel.id, requested));
  if (!known) {
    return { ok: false, error: { path: 'vehicleModelId', in: 'body', code: 'unknown_reference', params: { what: 'vehicle_model', value: requested } } };
  }
  return { ok: true, vehicleModelId: requested, warnings: ['vehicle_model_not_matched_by_vin'] };
}

// Any active repair shop on the platform may be assigned; organisations are not tenant data of the
// insurer, so this lookup is not scoped. A missing organisation and one of another kind read alike.
async function repairShopExists(exec: Executor, id: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.id, id), eq(org.kind, 'repair_shop'), eq(org.status, 'active')));
  return row !== undefined;
}

// Files a claim (报案/立案) for the caller's insurer. Idempotent through runCommand's
// Idempotency-Key, so an insurer's system that pushes the same claim twice files it once.
export async function createClaim(tx: Tx, ctx: Ctx, input: CreateClaimInput): Promise<CreatedClaimDto> {
  assertMayFileClaims(ctx.actor);
  const insurerOrgId = ctx.actor.orgId;

  const decoded = decodeVin(input.vin);
  if (!decoded.ok) {
    // The catalog's VIN problem names the position at fault; here the VIN is a body field.
    const problem = vinProblem(input.vin, decoded, 'params', ctx.locale);
    throw new AppError(
      problem.code,
      problem.params,
      problem.errors.map((e) => ({ ...e, in: 'body' as const })),
    );
  }

  const errors: FieldError[] = [];
  if (input.accidentDate > chinaDate(ctx.now)) errors.push({ path: 'accidentDate', in: 'body', code: 'date_in_future' });
  const model = await chooseModel(tx, decoded, input.vehicleModelId);
  if (!model.ok) errors.push(model.error);
  if (!(await repairShopExists(tx, input.repairShopOrgId))) errors.push({ path: 'repairShopOrgId', in: 'body', code: 'org_unknown' });
  if (errors.length > 0 || !model.ok) throw new AppError('validation_failed', { count: errors.length }, errors);

  const [taken] = await tx
    .select({ id: claim.id })
    .from(claim)
    .where(and(eq(claim.insurerOrgId, insurerOrgId), eq(claim.claimNo, input.claimNo)));
  if (taken) throw claimNoTaken(input.claimNo);

  let row: typeof claim.$inferSelect;
  try {
    [row] = (await tx
      .insert(claim)
      .values({
        id: newId(),
        insurerOrgId,
        claimNo: input.claimNo,
        policyNo: input.policyNo,
        accidentDate: input.accidentDate,
        accidentRegionCode: input.accidentRegionCode,
        vin: decoded.vin,
        vehicleModelId: model.vehicleModelId,
        plate: input.plate,
        vehicleValueFen: input.vehicleValueFen === undefined ? null : BigInt(input.vehicleValueFen),
        repairShopOrgId: input.repairShopOrgId,
        status: 'open',
        createdBy: actorId(ctx.actor),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()) as [typeof claim.$inferSelect];
  } catch (error) {
    // Two concurrent filings of one number (without a shared Idempotency-Key): the index decides.
    if (isUniqueViolation(error, 'claim_insurer_no_uq')) throw claimNoTaken(input.claimNo);
    throw error;
  }
  const dto = toClaimDto(row);
  await recordAudit(tx, ctx, {
    orgId: insurerOrgId,
    objectType: 'claim',
    objectId: row.id,
    action: 'create',
    toState: 'open',
    data: { claimNo: row.claimNo, vin: row.vin, vehicleModelId: row.vehicleModelId, repairShopOrgId: row.repairShopOrgId },
  });
  await emitToClaimParties(tx, ctx, row, 'claim.created', { claim: dto });
  return { ...dto, warnings: [...decoded.warnings, ...model.warnings] };
}
