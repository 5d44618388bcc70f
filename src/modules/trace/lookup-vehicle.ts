import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chinaDate } from '../../platform/china-date.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { certBody, decodeVin, gradeNames, product, vehicleModel, vinProblem } from '../catalog/index.ts';
import { claim } from '../claims/index.ts';
import { org } from '../identity/index.ts';
import { stockLot, stockMove, traceUnit } from '../inventory/index.ts';
import { orderLine, partsOrder, shipment } from '../orders/index.ts';
import { vehiclePartStatuses, type TraceVehicleClaimDto, type TraceVehicleDto, type TraceVehicleInput, type TraceVehiclePartDto } from './dto.ts';
import { countTraceVehicleLookup } from './lookup-limit.ts';
import { recalledWarning, vehiclePartStatusWords } from './status-words.ts';
import { maskVin } from './vin-mask.ts';

// A car has a handful of claims in its life and a claim tens of parts: more than these in one
// answer is not a car owner's page. The answer says when it was cut (complete: false).
export const MAX_VEHICLE_CLAIMS = 20;
export const MAX_VEHICLE_PARTS = 200;

const insurer = alias(org, 'insurer');
const shop = alias(org, 'shop');
const supplier = alias(org, 'supplier');

export type TraceVehicleRequest = { input: TraceVehicleInput; clientIp: string; locale: Locale; now: Date };

// The public vehicle lookup behind POST /api/v1/trace/vehicle: with the VIN and the plate together
// (what 行驶证 shows and what insurers' hotlines ask as proof that a car is one's own), every part
// delivered or fitted under the car's claims. Only claims that name both are read: a VIN with
// another plate (an earlier owner's, or a guess) finds nothing, and nothing and a wrong plate are
// the same 404, so the answer never tells whether a VIN is known. A malformed VIN is refused by
// its field before anything is counted or read, as the code lookup refuses a mistyped code.
export async function lookupVehicle(db: Executor, req: TraceVehicleRequest): Promise<TraceVehicleDto> {
  const { input, locale, now } = req;
  const decoded = decodeVin(input.vin);
  if (!decoded.ok) {
    const problem = vinProblem(input.vin, decoded, 'querystring', locale);
    throw new AppError(
      problem.code,
      problem.params,
      problem.errors.map((e) => ({ ...e, in: 'body' as const })),
    );
  }
  await countTraceVehicleLookup(db, req.clientIp, now);

  const claims = await db
    .select({
      id: claim.id,
      accidentDate: claim.accidentDate,
      vehicleModelId: claim.vehicleModelId,
      insurerName: insurer.name,
      shopName: shop.name,
    })
    .from(claim)
    .innerJoin(insurer, eq(insurer.id, claim.insurerOrgId))
    .innerJoin(shop, eq(shop.id, claim.repairShopOrgId))
    .where(and(eq(claim.vin, decoded.vin), eq(claim.plate, input.plate)))
    .orderBy(desc(claim.id))
    .limit(MAX_VEHICLE_CLAIMS + 1);
  if (claims.length === 0) throw new AppError('trace_vehicle_unknown');
  const shown = claims.slice(0, MAX_VEHICLE_CLAIMS);
  const claimIds = shown.map((c) => c.id);

  const lines = await db
    .select({
      id: orderLine.id,
      claimId: partsOrder.claimId,
      qty: orderLine.qty,
      status: orderLine.status,
      grade: product.grade,
      productName: product.name,
      brand: product.brand,
      certNo: product.certNo,
      certValidFrom: product.certValidFrom,
      certValidTo: product.certValidTo,
      certBodyName: certBody.name,
      certBodyNameEn: certBody.nameEn,
      supplierName: supplier.name,
      shippedAt: shipment.shippedAt,
      deliveredAt: shipment.deliveredAt,
      receivedAt: orderLine.receivedAt,
      installedAt: orderLine.installedAt,
    })
    .from(orderLine)
    .innerJoin(partsOrder, eq(partsOrder.id, orderLine.orderId))
    .innerJoin(shipment, eq(shipment.id, orderLine.shipmentId))
    .innerJoin(product, eq(product.id, orderLine.productId))
    .innerJoin(supplier, eq(supplier.id, orderLine.supplierOrgId))
    .leftJoin(certBody, eq(certBody.id, product.certBodyId))
    .where(and(inArray(partsOrder.claimId, claimIds), inArray(orderLine.status, [...vehiclePartStatuses])))
    .orderBy(asc(orderLine.id))
    .limit(MAX_VEHICLE_PARTS + 1);
  const partLines = lines.slice(0, MAX_VEHICLE_PARTS);
  const lineIds = partLines.map((l) => l.id);

  const units = lineIds.length
    ? await db
        .select({ code: traceUnit.code, orderLineId: traceUnit.orderLineId, recalledAt: stockLot.recalledAt })
        .from(traceUnit)
        .innerJoin(stockLot, eq(stockLot.id, traceUnit.lotId))
        .where(inArray(traceUnit.orderLineId, lineIds))
        .orderBy(asc(traceUnit.code))
    : [];
  // Parts without codes are recalled by their lot too: the lots that left the warehouse for the line.
  const recalledLots = lineIds.length
    ? await db
        .selectDistinct({ orderLineId: stockMove.orderLineId })
        .from(stockMove)
        .innerJoin(stockLot, eq(stockLot.id, stockMove.lotId))
        .where(and(inArray(stockMove.orderLineId, lineIds), eq(stockMove.kind, 'order'), eq(stockMove.phase, 'post'), isNotNull(stockLot.recalledAt)))
    : [];
  const recalledLines = new Set([...recalledLots.map((r) => r.orderLineId), ...units.filter((u) => u.recalledAt !== null).map((u) => u.orderLineId)]);

  const today = chinaDate(now);
  const day = (at: Date | null) => (at ? chinaDate(at) : null);
  const partOf = (l: (typeof partLines)[number]): TraceVehiclePartDto => {
    const status = l.status as TraceVehiclePartDto['status'];
    const recalled = recalledLines.has(l.id);
    return {
      product: { name: l.productName, brand: l.brand },
      grade: l.grade,
      gradeText: gradeNames[l.grade][locale],
      certification:
        l.certNo && l.certValidFrom && l.certValidTo && l.certBodyName
          ? {
              body: locale === 'en' ? (l.certBodyNameEn ?? l.certBodyName) : l.certBodyName,
              number: l.certNo,
              validFrom: l.certValidFrom,
              validTo: l.certValidTo,
              validToday: l.certValidFrom <= today && today <= l.certValidTo,
            }
          : null,
      supplier: { name: l.supplierName },
      qty: l.qty,
      status,
      statusText: vehiclePartStatusWords[status][locale],
      shippedOn: day(l.shippedAt),
      deliveredOn: day(l.deliveredAt ?? l.receivedAt),
      installedOn: day(l.installedAt),
      traceCodes: units.filter((u) => u.orderLineId === l.id).map((u) => u.code),
      recalled,
      warning: recalled ? recalledWarning[locale] : null,
    };
  };

  const modelId = shown.find((c) => c.vehicleModelId)?.vehicleModelId;
  const [model] = modelId ? await db.select({ brand: vehicleModel.brand, brandEn: vehicleModel.brandEn, model: vehicleModel.model }).from(vehicleModel).where(eq(vehicleModel.id, modelId)) : [];

  const claimDtos: TraceVehicleClaimDto[] = shown.map((c) => ({
    accidentDate: c.accidentDate,
    insurer: { name: c.insurerName },
    repairShop: { name: c.shopName },
    parts: partLines.filter((l) => l.claimId === c.id).map(partOf),
  }));
  return {
    vinMasked: maskVin(decoded.vin)!,
    plate: input.plate,
    vehicleModel: model ? `${locale === 'en' ? model.brandEn : model.brand} ${model.model}` : null,
    claims: claimDtos,
    complete: claims.length <= MAX_VEHICLE_CLAIMS && lines.length <= MAX_VEHICLE_PARTS,
  };
}
