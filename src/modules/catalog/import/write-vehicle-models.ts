import { newId } from '../../../platform/ids.ts';
import { vehicleModel } from '../tables.ts';
import { countsOf, insertedFlag, upsertSet } from '../../../platform/csv-import/upsert.ts';
import type { Writer } from './write-context.ts';

export const writeVehicleModels: Writer<'vehicle_models'> = async (tx, rows, { now }) => {
  const { set, setWhere } = upsertSet(
    {
      brand: vehicleModel.brand,
      brandEn: vehicleModel.brandEn,
      series: vehicleModel.series,
      model: vehicleModel.model,
      yearFrom: vehicleModel.yearFrom,
      yearTo: vehicleModel.yearTo,
      engine: vehicleModel.engine,
      body: vehicleModel.body,
      wmi: vehicleModel.wmi,
      vdsPattern: vehicleModel.vdsPattern,
      sampleVin: vehicleModel.sampleVin,
    },
    { key: 'updatedAt', now },
  );
  const returned = await tx
    .insert(vehicleModel)
    .values(
      rows.map((r) => ({
        id: newId(),
        code: r.code,
        brand: r.brand,
        brandEn: r.brand_en,
        series: r.series,
        model: r.model,
        yearFrom: r.year_from,
        yearTo: r.year_to,
        engine: r.engine,
        body: r.body,
        wmi: r.wmi,
        vdsPattern: r.vds_pattern,
        sampleVin: r.sample_vin ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({ target: vehicleModel.code, set, setWhere })
    .returning({ inserted: insertedFlag });
  return countsOf(rows.length, returned);
};
