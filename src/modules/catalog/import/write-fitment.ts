import { partFitment } from '../tables.ts';
import { idOf, type Writer } from './write-context.ts';

// A fitment row is only a link, so it is either new or already there: never "updated". Fitment
// missing from the file is left alone; a file adds links, it does not replace a model's list.
export const writeFitment: Writer<'fitment'> = async (tx, rows, { ids }) => {
  const returned = await tx
    .insert(partFitment)
    .values(
      rows.map((r) => ({
        vehicleModelId: idOf(ids.vehicle_model, r.vehicle_model_code, 'vehicle model'),
        partId: idOf(ids.part, r.oe_no.norm, 'part'),
      })),
    )
    .onConflictDoNothing()
    .returning({ partId: partFitment.partId });
  return { inserted: returned.length, updated: 0, unchanged: rows.length - returned.length };
};
