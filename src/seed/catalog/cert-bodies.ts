import { inArray } from 'drizzle-orm';
import { certBody } from '../../modules/catalog/tables.ts';
import type { Executor } from '../../platform/db.ts';
import { seededId } from '../rng.ts';

// The bodies that certify independent parts for Chinese insurers: PICC's certified-parts
// programme names CAPA and 中汽研 (CATARC); 中国质量认证中心 (CQC) certifies parts too.
export const certBodyDefs = [
  { code: 'CAPA', name: '美国汽车零部件认证协会', nameEn: 'Certified Automotive Parts Association' },
  { code: 'CATARC', name: '中汽研汽车检验中心', nameEn: 'China Automotive Technology and Research Center (CATARC)' },
  { code: 'CQC', name: '中国质量认证中心', nameEn: 'China Quality Certification Centre' },
] as const;

export type CertBodyCode = (typeof certBodyDefs)[number]['code'];

// Cert bodies sit at fixed ordinals below every other catalog seed range.
const CERT_BODY_ORDINAL = 1_000_900;

// Inserts the cert bodies unless present and returns their ids by code. The ids are read back
// because another seed (or the catalog team) may have created a body under another id.
export async function ensureCertBodies(db: Executor, seed: number): Promise<Record<CertBodyCode, string>> {
  const rows = certBodyDefs.map((d, i) => ({ id: seededId(seed, CERT_BODY_ORDINAL + i, `cert_body:${d.code}`), ...d }));
  await db.insert(certBody).values(rows).onConflictDoNothing();
  const found = await db
    .select({ id: certBody.id, code: certBody.code })
    .from(certBody)
    .where(
      inArray(
        certBody.code,
        certBodyDefs.map((d) => d.code),
      ),
    );
  const byCode = new Map(found.map((r) => [r.code, r.id]));
  const result = {} as Record<CertBodyCode, string>;
  for (const d of certBodyDefs) {
    const id = byCode.get(d.code);
    if (!id) throw new Error(`cert body ${d.code} missing after insert`);
    result[d.code] = id;
  }
  return result;
}

// Certificate numbers in each body's style (CAPA-2025-01234, CATARC-C-0123), unique by `serial`;
// large serials simply make longer numbers.
export function certificateNo(code: CertBodyCode, serial: number, year: number): string {
  switch (code) {
    case 'CAPA':
      return `CAPA-${year}-${String(serial).padStart(5, '0')}`;
    case 'CATARC':
      return `CATARC-C-${String(serial).padStart(4, '0')}`;
    case 'CQC':
      return `CQC${String(year).slice(2)}0${String(serial).padStart(6, '0')}`;
  }
}
