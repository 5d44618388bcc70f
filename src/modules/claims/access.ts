import { and, eq, type SQL } from 'drizzle-orm';
import { requirePermission, tenantScope, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { claim } from './tables.ts';

// Filing claims and writing assessments: an insurer's adjusters and admins, and the insurer's own
// systems through an API key holding the adjuster role.
export function assertMayFileClaims(actor: Actor): void {
  requirePermission(actor, 'claims.write');
}

// Reading claims: insurers, repair shops and the platform; the tenant scope below then shows each
// only its own claims, and a claim guessed by id is a 404.
export function assertMayReadClaims(actor: Actor): void {
  requirePermission(actor, 'claims.read');
}

// A claim is visible to its insurer and its assigned repair shop (and to the platform).
export function claimReadScope(actor: Actor): SQL | undefined {
  return tenantScope(actor, claim.insurerOrgId, claim.repairShopOrgId);
}

// A claim is written only by its own insurer: the shop reads it but does not assess it.
export function claimWriteScope(actor: Actor): SQL | undefined {
  return tenantScope(actor, claim.insurerOrgId);
}

export function claimVisibleById(actor: Actor, id: string): SQL | undefined {
  return and(claimReadScope(actor), eq(claim.id, id));
}

export function claimNotFound(): AppError {
  return new AppError('not_found', { what: 'claim' });
}

export function assessmentNotFound(): AppError {
  return new AppError('not_found', { what: 'assessment' });
}
