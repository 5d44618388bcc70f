import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import { product, productPart } from '../tables.ts';
import { countsOf, insertedFlag, upsertSet } from '../../../platform/csv-import/upsert.ts';
import { IMPORT_BATCH, idOf, type Writer } from './write-context.ts';

type Link = { productId: string; partId: string };

async function chunked<T>(items: readonly T[], work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += IMPORT_BATCH) await work(items.slice(i, i + IMPORT_BATCH));
}

// Makes each product's parts exactly the ones its row lists: the file row is the whole truth about
// a product, so a part dropped from `oe_nos` is unlinked. Returns the products whose links changed.
async function syncParts(tx: Tx, desired: ReadonlyMap<string, ReadonlySet<string>>): Promise<Set<string>> {
  const productIds = [...desired.keys()];
  const existing = productIds.length ? await tx.select({ productId: productPart.productId, partId: productPart.partId }).from(productPart).where(inArray(productPart.productId, productIds)) : [];
  const current = new Map<string, Set<string>>();
  for (const link of existing) {
    const set = current.get(link.productId) ?? new Set<string>();
    set.add(link.partId);
    current.set(link.productId, set);
  }
  const toAdd: Link[] = [];
  const toRemove: Link[] = [];
  for (const [productId, parts] of desired) {
    const have = current.get(productId) ?? new Set<string>();
    for (const partId of parts) if (!have.has(partId)) toAdd.push({ productId, partId });
    for (const partId of have) if (!parts.has(partId)) toRemove.push({ productId, partId });
  }
  // Up to 50 parts per product make up to 50,000 links per batch: chunked to stay below
  // PostgreSQL's parameter limit.
  await chunked(toRemove, (chunk) =>
    tx.delete(productPart).where(
      sql`(${productPart.productId}, ${productPart.partId}) in (${sql.join(
        chunk.map((l) => sql`(${l.productId}::uuid, ${l.partId}::uuid)`),
        sql`, `,
      )})`,
    ),
  );
  await chunked(toAdd, (chunk) => tx.insert(productPart).values(chunk).onConflictDoNothing());
  return new Set([...toAdd, ...toRemove].map((l) => l.productId));
}

export const writeProducts: Writer<'products'> = async (tx, rows, { now, supplierOrgId, ids }) => {
  if (!supplierOrgId) throw new Error('a products import needs its supplier');
  const { set, setWhere } = upsertSet(
    {
      brand: product.brand,
      name: product.name,
      grade: product.grade,
      certBodyId: product.certBodyId,
      certNo: product.certNo,
      certValidFrom: product.certValidFrom,
      certValidTo: product.certValidTo,
      warrantyMonths: product.warrantyMonths,
      pictureUrls: product.pictureUrls,
    },
    { key: 'updatedAt', now },
  );
  const returned = await tx
    .insert(product)
    .values(
      rows.map((r) => ({
        id: newId(),
        supplierOrgId,
        sku: r.sku,
        brand: r.brand,
        name: r.name,
        grade: r.grade,
        certBodyId: r.cert_body ? idOf(ids.cert_body, r.cert_body, 'certification body') : null,
        certNo: r.cert_no ?? null,
        certValidFrom: r.cert_valid_from ?? null,
        certValidTo: r.cert_valid_to ?? null,
        warrantyMonths: r.warranty_months ?? 0,
        pictureUrls: r.picture_urls ?? [],
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({ target: [product.supplierOrgId, product.sku], set, setWhere })
    .returning({ id: product.id, inserted: insertedFlag });
  const counts = countsOf(rows.length, returned);

  // Unchanged products are not returned by the upsert, so every row's id is read back.
  const stored = await tx
    .select({ id: product.id, sku: product.sku })
    .from(product)
    .where(
      and(
        eq(product.supplierOrgId, supplierOrgId),
        inArray(
          product.sku,
          rows.map((r) => r.sku),
        ),
      ),
    );
  const idBySku = new Map(stored.map((s) => [s.sku, s.id]));
  const desired = new Map(rows.map((r) => [idOf(idBySku, r.sku, 'product'), new Set(r.oe_nos.map((oe) => idOf(ids.part, oe, 'part')))]));
  const relinked = await syncParts(tx, desired);

  // A product whose only change is its list of parts was still changed by this file.
  const changed = new Set(returned.map((r) => r.id));
  const onlyRelinked = [...relinked].filter((id) => !changed.has(id));
  if (onlyRelinked.length > 0) {
    await tx.update(product).set({ updatedAt: now }).where(inArray(product.id, onlyRelinked));
  }
  return { inserted: counts.inserted, updated: counts.updated + onlyRelinked.length, unchanged: counts.unchanged - onlyRelinked.length };
};
