import { and, eq, inArray } from 'drizzle-orm';
import { isPlatform, tenantScope, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { org } from '../../identity/index.ts';
import { normaliseOe } from '../oe-number.ts';
import { certBody, part } from '../tables.ts';

// Resolving what a product refers to: the parts it replaces, its certification body and the
// supplier that sells it. Each returns its problems as field errors rather than throwing, so a
// command can report every mistake in a request at once.

export type Resolved<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function unknown(path: string, what: 'part' | 'cert_body', value: string): FieldError {
  return { path, in: 'body', code: 'unknown_reference', params: { what, value } };
}

// Parts may be named by id or by OE number, written however the supplier's spreadsheet writes it;
// both lists together must name at least one part, and each entry must exist. The answer is the
// set of part ids, deduplicated and sorted.
export async function resolveParts(exec: Executor, input: { partIds?: readonly string[]; oeNos?: readonly string[] }): Promise<Resolved<string[]>> {
  const partIds = input.partIds ?? [];
  const oeNos = input.oeNos ?? [];
  if (partIds.length === 0 && oeNos.length === 0) {
    return { ok: false, errors: [{ path: 'partIds', in: 'body', code: 'too_small_array', params: { minimum: 1 } }] };
  }
  const byId =
    partIds.length === 0
      ? []
      : await exec
          .select({ id: part.id })
          .from(part)
          .where(inArray(part.id, [...new Set(partIds)]));
  const norms = oeNos.map(normaliseOe);
  const byOe =
    norms.length === 0
      ? []
      : await exec
          .select({ id: part.id, oeNorm: part.oeNorm })
          .from(part)
          .where(inArray(part.oeNorm, [...new Set(norms)]));
  const knownIds = new Set(byId.map((row) => row.id));
  const idOfOe = new Map(byOe.map((row) => [row.oeNorm, row.id]));
  const errors: FieldError[] = [
    ...partIds.flatMap((id, i) => (knownIds.has(id) ? [] : [unknown(`partIds.${i}`, 'part', id)])),
    ...oeNos.flatMap((oeNo, i) => (idOfOe.has(norms[i]!) ? [] : [unknown(`oeNos.${i}`, 'part', oeNo)])),
  ];
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: [...new Set([...knownIds, ...idOfOe.values()])].sort() };
}

// Null stays null: a product without a certification body.
export async function resolveCertBody(exec: Executor, code: string | null): Promise<Resolved<string | null>> {
  if (code === null) return { ok: true, value: null };
  const [row] = await exec.select({ id: certBody.id }).from(certBody).where(eq(certBody.code, code));
  return row ? { ok: true, value: row.id } : { ok: false, errors: [unknown('certBodyCode', 'cert_body', code)] };
}

// A supplier's users sell for their own organisation; the platform's catalog team may enter a
// product for any supplier and must say which. A missing organisation, another tenant's (for a
// supplier) and one that is not a supplier all read the same, so the answer reveals nothing.
export async function resolveSupplierOrg(exec: Executor, actor: Actor, requested: string | undefined): Promise<Resolved<string>> {
  if (requested === undefined) {
    return isPlatform(actor) ? { ok: false, errors: [{ path: 'supplierOrgId', in: 'body', code: 'required' }] } : { ok: true, value: actor.orgId };
  }
  const [row] = await exec
    .select({ id: org.id })
    .from(org)
    .where(and(tenantScope(actor, org.id), eq(org.id, requested), eq(org.kind, 'supplier')));
  return row ? { ok: true, value: row.id } : { ok: false, errors: [{ path: 'supplierOrgId', in: 'body', code: 'org_unknown' }] };
}

// Collects the errors of several resolutions; callers throw them together.
export function errorsOf(...results: Resolved<unknown>[]): FieldError[] {
  return results.flatMap((result) => (result.ok ? [] : result.errors));
}
