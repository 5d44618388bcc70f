import { z } from 'zod';
import { categoryCodes, type Category, grades, type Grade } from '../../catalog/index.ts';
import { MAX_CLAIM_PARTS_TOTAL_FEN, MAX_LINE_AMOUNT_FEN, MAX_UNIT_PRICE_FEN, MAX_VEHICLE_VALUE_FEN } from '../../../platform/bounds.ts';
import { fenInput, fenToJson } from '../../../platform/money.ts';
import { formatYuan, type GradeNotAllowed } from './reasons.ts';

// An insurer's procurement policy (采购政策), stored as JSON and validated here at the edge. Money
// is a JSON integer of fen on the way in and a bigint inside.
//
// Grades are allowed dimension by dimension and the result is the intersection: the category
// rule, every vehicle-age band the vehicle falls in and every price band it falls in each name
// the grades they allow, and a grade survives only if none of them removes it. A dimension with no
// matching rule removes nothing. "Older than 8 years also allows recycled" is therefore written as
// bands in which only the oldest one lists recycled:
//   [{ fromYears: 0, underYears: 3, grades: ['oem', 'oes'] },
//    { fromYears: 3, underYears: 9, grades: ['oem', 'oes', 'certified', 'aftermarket'] },
//    { fromYears: 9, underYears: null, grades: [all five] }]
// Bands are half-open, [from, under), with integer years, so "older than 8" is fromYears 9 and
// "newer than 3" is underYears 3; null means open-ended.

const GradeEnum = z.enum(grades);
const CategoryEnum = z.enum(categoryCodes);

const GradeSet = z
  .array(GradeEnum)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: 'grades must not repeat' });

const AgeBand = z
  .strictObject({
    fromYears: z.number().int().min(0),
    underYears: z.number().int().min(1).nullable(),
    grades: GradeSet,
  })
  .refine((b) => b.underYears === null || b.fromYears < b.underYears, { message: 'fromYears must be below underYears', path: ['underYears'] });

// The largest amounts a policy may name. A policy being written is held to the domain's bounds
// (bounds.ts): vehicle values for the price bands, a line's and a claim's largest amount for the
// thresholds. A policy read back from the database may have been written before those bounds, so
// it is read with the exact range of JSON numbers instead: its amounts are only compared, never
// multiplied, and refusing to read it would stop the insurer's quoting.
type PolicyMaxima = { vehicleValueFen: number; lineAmountFen: number; claimTotalFen: number; unitFen: number };
const inputMaxima: PolicyMaxima = { vehicleValueFen: MAX_VEHICLE_VALUE_FEN, lineAmountFen: MAX_LINE_AMOUNT_FEN, claimTotalFen: MAX_CLAIM_PARTS_TOTAL_FEN, unitFen: MAX_UNIT_PRICE_FEN };
const storedMaxima: PolicyMaxima = { vehicleValueFen: Number.MAX_SAFE_INTEGER, lineAmountFen: Number.MAX_SAFE_INTEGER, claimTotalFen: Number.MAX_SAFE_INTEGER, unitFen: Number.MAX_SAFE_INTEGER };

const priceBand = (maxFen: number) =>
  z
    .strictObject({
      fromFen: fenInput(maxFen),
      underFen: fenInput(maxFen).nullable(),
      grades: GradeSet,
    })
    .refine((b) => b.underFen === null || b.fromFen < b.underFen, { message: 'fromFen must be below underFen', path: ['underFen'] });

// Basis points of an amount: 0 to 100 %.
const Bp = z.number().int().min(0).max(10_000);

const policySchema = (max: PolicyMaxima) =>
  z.strictObject({
    // Grades allowed per part category, e.g. { safety: ['oem'] }; a category not listed is not
    // restricted by this dimension.
    byCategory: z.partialRecord(CategoryEnum, GradeSet).default({}),
    byVehicleAge: z.array(AgeBand).default([]),
    byVehiclePrice: z.array(priceBand(max.vehicleValueFen)).default([]),
    // How the allowed offers are ordered: by price alone, or by the preferred grade order first and
    // price within a grade. Grades missing from preferredGrades rank after the listed ones, best
    // grade first.
    choose: z.enum(['cheapest', 'preferred_grade_first']),
    preferredGrades: z
      .array(GradeEnum)
      .refine((list) => new Set(list).size === list.length, { message: 'grades must not repeat' })
      .default([...grades]),
    // The longest acceptable delivery time to the shop, inclusive, in days: it applies to an offer's
    // ETA (where the goods would come from and how: stock, drop-ship, transfer or purchase, see
    // offer-source.ts), not only to the supplier's lead time. Null accepts any.
    maxLeadTimeDays: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .meta({ description: 'The longest delivery to the shop, in days, inclusive, applied to each offer’s ETA (stock, drop-ship, transfer or purchase); null accepts any.' }),
    // What a day of delivery is worth to the insurer, in fen per unit (a day the car waits in the
    // shop's bay costs a courtesy car, a bay, a customer). When set, allowed offers compare by
    // price + ETA days × this value per unit instead of by price alone, so a dearer offer in stock can
    // beat a cheaper one that must be bought; the line is still paid at the offer's price. Null (the
    // default) leaves delivery time unpriced: price decides, and between equal prices the earlier
    // ETA wins.
    deliveryDayValueFen: fenInput(max.unitFen).nullable().default(null).meta({
      description:
        'What a day of delivery is worth, in fen per unit: offers then rank by price + ETA days × this value (the line is still paid at the price). Null: not priced; price decides and the earlier ETA breaks ties.',
    }),
    // A price checker must approve when an amount is strictly above its threshold (null: never by
    // that measure) or, when overGuide is set, when any approved price is above the guide.
    approval: z.strictObject({
      lineAmountAboveFen: fenInput(max.lineAmountFen).nullable(),
      claimPartsTotalAboveFen: fenInput(max.claimTotalFen).nullable(),
      overGuide: z.boolean(),
    }),
    // The repair shop's handling fee per grade, in basis points of the approved line amount.
    handlingFeeBp: z.partialRecord(GradeEnum, Bp).default({}),
  });

export const ProcurementPolicy = policySchema(inputMaxima).meta({ id: 'ProcurementPolicyInput' });
export const StoredProcurementPolicy = policySchema(storedMaxima);
export type ProcurementPolicy = z.output<typeof ProcurementPolicy>;
export type ProcurementPolicyJson = z.input<typeof ProcurementPolicy>;
export type ChooseRule = ProcurementPolicy['choose'];

// The stored form of a policy: the inverse of parsing, with fen back as JSON numbers.
export function policyToJson(policy: ProcurementPolicy): ProcurementPolicyJson {
  return {
    byCategory: policy.byCategory,
    byVehicleAge: policy.byVehicleAge,
    byVehiclePrice: policy.byVehiclePrice.map((b) => ({
      fromFen: fenToJson(b.fromFen),
      underFen: b.underFen === null ? null : fenToJson(b.underFen),
      grades: b.grades,
    })),
    choose: policy.choose,
    preferredGrades: policy.preferredGrades,
    maxLeadTimeDays: policy.maxLeadTimeDays,
    // Left out while unset, so a policy written before the field existed reads back as the same
    // JSON (and writing it again changes no version).
    ...(policy.deliveryDayValueFen === null ? {} : { deliveryDayValueFen: fenToJson(policy.deliveryDayValueFen) }),
    approval: {
      lineAmountAboveFen: policy.approval.lineAmountAboveFen === null ? null : fenToJson(policy.approval.lineAmountAboveFen),
      claimPartsTotalAboveFen: policy.approval.claimPartsTotalAboveFen === null ? null : fenToJson(policy.approval.claimPartsTotalAboveFen),
      overGuide: policy.approval.overGuide,
    },
    handlingFeeBp: policy.handlingFeeBp,
  };
}

export type GradeContext = { category: Category; vehicleAgeYears: number; vehiclePriceFen: bigint };

export type AllowedGrades = {
  // Best grade first, in the catalog's grade order.
  allowed: Grade[];
  // Every grade that did not survive, with each rule that removed it.
  removed: { grade: Grade; why: GradeNotAllowed[] }[];
  // The one grade the category rule allows, when it allows exactly one ("oem required for airbags").
  requiredByCategory: Grade | null;
};

function inBand(value: number | bigint, from: number | bigint, under: number | bigint | null): boolean {
  return value >= from && (under === null || value < under);
}

export function allowedGrades(policy: ProcurementPolicy, ctx: GradeContext): AllowedGrades {
  const why = new Map<Grade, GradeNotAllowed[]>();
  const remove = (list: readonly Grade[], reason: (grade: Grade) => GradeNotAllowed) => {
    for (const grade of grades) {
      if (list.includes(grade)) continue;
      const reasons = why.get(grade) ?? [];
      reasons.push(reason(grade));
      why.set(grade, reasons);
    }
  };

  const byCategory = policy.byCategory[ctx.category];
  if (byCategory) remove(byCategory, (grade) => ({ grade, why: 'category', category: ctx.category }));
  for (const band of policy.byVehicleAge) {
    if (inBand(ctx.vehicleAgeYears, band.fromYears, band.underYears)) {
      remove(band.grades, (grade) => ({ grade, why: 'vehicle_age', ageYears: ctx.vehicleAgeYears }));
    }
  }
  for (const band of policy.byVehiclePrice) {
    if (inBand(ctx.vehiclePriceFen, band.fromFen, band.underFen)) {
      const fromYuan = formatYuan(band.fromFen);
      const underYuan = band.underFen === null ? null : formatYuan(band.underFen);
      remove(band.grades, (grade) => ({ grade, why: 'vehicle_price', fromYuan, underYuan }));
    }
  }

  return {
    allowed: grades.filter((g) => !why.has(g)),
    removed: grades.flatMap((g) => {
      const reasons = why.get(g);
      return reasons ? [{ grade: g, why: reasons }] : [];
    }),
    requiredByCategory: byCategory?.length === 1 ? (byCategory[0] ?? null) : null,
  };
}
