import { newId } from '../../../platform/ids.ts';
import { namePinyin } from '../pinyin.ts';
import { part } from '../tables.ts';
import { countsOf, insertedFlag, upsertSet } from '../../../platform/csv-import/upsert.ts';
import type { Writer } from './write-context.ts';

// Parts are keyed by the normalised OE number; a file that spells it differently updates the
// stored spelling (oe_no) of the same part.
export const writeParts: Writer<'parts'> = async (tx, rows, { now }) => {
  const { set, setWhere } = upsertSet(
    {
      oeNo: part.oeNo,
      nameZh: part.nameZh,
      nameEn: part.nameEn,
      pinyin: part.pinyin,
      initials: part.initials,
      category: part.category,
      oePriceFen: part.oePriceFen,
    },
    { key: 'updatedAt', now },
  );
  const returned = await tx
    .insert(part)
    .values(
      rows.map((r) => ({
        id: newId(),
        oeNo: r.oe_no.raw,
        oeNorm: r.oe_no.norm,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        ...namePinyin(r.name_zh),
        category: r.category,
        oePriceFen: r.oe_price_fen,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({ target: part.oeNorm, set, setWhere })
    .returning({ inserted: insertedFlag });
  return countsOf(rows.length, returned);
};
