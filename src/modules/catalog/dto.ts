import { z } from 'zod';
import { fenOutput, fenToJson } from '../../platform/money.ts';
import { categoryCodes } from './categories.ts';
import { grades } from './grades.ts';
import type { part, vehicleModel } from './tables.ts';

// What the API shows of catalog objects.

export const VehicleModelDto = z
  .object({
    id: z.uuid(),
    code: z.string(),
    brand: z.string(),
    brandEn: z.string(),
    series: z.string(),
    model: z.string(),
    yearFrom: z.number().int(),
    yearTo: z.number().int(),
    engine: z.string(),
    body: z.string(),
    wmi: z.string(),
    vdsPattern: z.string(),
    sampleVin: z.string().nullable(),
  })
  .meta({ id: 'VehicleModel' });
export type VehicleModelDto = z.infer<typeof VehicleModelDto>;

export function toVehicleModelDto(row: typeof vehicleModel.$inferSelect): VehicleModelDto {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

export const PartDto = z
  .object({
    id: z.uuid(),
    oeNo: z.string(),
    oeNorm: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    pinyin: z.string(),
    initials: z.string(),
    category: z.enum(categoryCodes),
    oePriceFen: fenOutput,
  })
  .meta({ id: 'Part' });
export type PartDto = z.infer<typeof PartDto>;

export type PartRow = Pick<typeof part.$inferSelect, 'id' | 'oeNo' | 'oeNorm' | 'nameZh' | 'nameEn' | 'pinyin' | 'initials' | 'category' | 'oePriceFen'>;

export function toPartDto(row: PartRow): PartDto {
  return {
    id: row.id,
    oeNo: row.oeNo,
    oeNorm: row.oeNorm,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    pinyin: row.pinyin,
    initials: row.initials,
    category: row.category,
    oePriceFen: fenToJson(row.oePriceFen),
  };
}

export const GradeEnum = z.enum(grades).meta({ id: 'Grade' });
