import { derivedId } from '../../platform/ids.ts';
import { type AccountCode, chart } from './chart.ts';

// An account named by what it is for: the organisation it concerns (null for the platform's own
// accounts), its code, and for the platform's accounts kept per counterparty the counterparty.
export type AccountRef = { orgId: string | null; code: AccountCode; partnerOrgId: string | null };

// Builds the reference and checks it against the chart: an insurer's receivable names its insurer,
// a platform account kept per payer names the payer, and nothing else names either.
export function accountRef(code: AccountCode, orgId: string | null, partnerOrgId: string | null = null): AccountRef {
  const spec = chart[code];
  if ((spec.owner === 'platform') !== (orgId === null)) throw new Error(`ledger: account ${code} ${spec.owner === 'platform' ? 'belongs to the platform' : `needs its ${spec.owner}`}`);
  if ((spec.partner !== null) !== (partnerOrgId !== null)) throw new Error(`ledger: account ${code} ${spec.partner === null ? 'has no counterparty' : `is kept per ${spec.partner}`}`);
  return { orgId, code, partnerOrgId };
}

export function accountId(ref: AccountRef): string {
  return derivedId('ledger_account', ref.orgId ?? 'platform', ref.code, ref.partnerOrgId ?? '');
}
