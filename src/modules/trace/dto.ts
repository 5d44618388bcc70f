import { z } from 'zod';
import { pageQuery } from '../../platform/pagination.ts';
import { grades } from '../catalog/index.ts';
import { orderLineStatuses } from '../orders/index.ts';

// What a car owner (anyone, no login) learns from a trace code: what the part is (name, brand,
// grade, its certificate), who stands behind it, what became of it and on which day it went into
// which car, that car shown only as far as its owner needs to recognise it. Nothing about orders,
// shops, claims or warehouses (tenant data), nor the supplier's SKU. The lot number is shown: a
// maker's recall notice names lots (批次), and the owner compares it with the one on the part.
export const TraceLookupDto = z
  .object({
    code: z.string(),
    // `recalled` when the unit's lot was recalled (召回), whatever became of the unit: the owner must
    // hear that first. Whether it was fitted stays in `installed`.
    status: z.enum(['in_stock', 'shipped', 'installed', 'returned', 'scrapped', 'revoked', 'lost', 'recalled']),
    // The status in the caller's language (Accept-Language; zh-CN by default).
    statusText: z.string(),
    product: z.object({ name: z.string(), brand: z.string() }),
    grade: z.enum(grades),
    gradeText: z.string(),
    // Null for a part that is not certified (only certified parts must carry codes, but any may).
    certification: z
      .object({
        body: z.string(),
        number: z.string(),
        validFrom: z.string(),
        validTo: z.string(),
        // Whether the certificate is in force today, by the calendar day in China.
        validToday: z.boolean(),
      })
      .nullable(),
    supplier: z.object({ name: z.string() }),
    // The supplier's lot (批次号) the unit was received in, as printed on its label.
    lotNo: z.string(),
    // The calendar day in China (YYYY-MM-DD) the unit left the warehouse for a repair shop.
    shippedOn: z.string().nullable(),
    installed: z.boolean(),
    // The calendar day in China (YYYY-MM-DD) the part was fitted; not the time of day.
    installedOn: z.string().nullable(),
    // All but the last four characters masked, e.g. *************3456 (see vin-mask.ts).
    vinMasked: z.string().nullable(),
    revoked: z.boolean(),
    revokedReason: z.string().nullable(),
    // A plain warning in the caller's language when the code's lot was recalled or its batch
    // decertified; else null.
    warning: z.string().nullable(),
  })
  .meta({ id: 'TraceAnswer' });
export type TraceLookupDto = z.infer<typeof TraceLookupDto>;

export const TraceCodeParams = z.strictObject({ code: z.string().max(100) });

export const LotParams = z.strictObject({ lotNo: z.string().trim().min(1).max(60) });

export const LotRecipientsQuery = z.strictObject({
  // Lot numbers are the supplier's own and unique per product only: without productId every
  // product's lot of that number (that the caller may see) is listed, each row naming its product.
  productId: z.uuid().optional(),
  ...pageQuery,
});
export type LotRecipientsQuery = z.infer<typeof LotRecipientsQuery>;

export const RecallLotDto = z
  .object({
    lotId: z.uuid(),
    productId: z.uuid(),
    productName: z.string(),
    brand: z.string(),
    sku: z.string(),
    supplierOrgId: z.uuid(),
    supplierName: z.string(),
  })
  .meta({ id: 'Lot' });
export type RecallLotDto = z.infer<typeof RecallLotDto>;

// One order line that received (or has reserved) units of the lot. Recall needs the full VIN and
// the claim: this is shown only to the platform and to the lot's own supplier.
export const RecipientDto = z
  .object({
    lotId: z.uuid(),
    productId: z.uuid(),
    orderId: z.uuid(),
    orderNo: z.string(),
    orderLineId: z.uuid(),
    lineNo: z.number().int(),
    lineStatus: z.enum(orderLineStatuses),
    // Units of this lot that left the warehouse for the line (posted order moves), and units of it
    // still reserved for the line (not shipped yet: a recall can stop them).
    qtyShipped: z.number().int(),
    qtyReserved: z.number().int(),
    shopOrgId: z.uuid(),
    shopName: z.string(),
    claimId: z.uuid().nullable(),
    claimNo: z.string().nullable(),
    claimVin: z.string().nullable(),
    insurerOrgId: z.uuid().nullable(),
    insurerName: z.string().nullable(),
    // The vehicle the units were fitted to, once the shop said so (for a shop's own purchase the
    // only VIN there is).
    installedVin: z.string().nullable(),
    shippedAt: z.string().nullable(),
    installedAt: z.string().nullable(),
    // This lot's trace codes on the line (certified parts), in code order.
    traceCodes: z.array(z.string()),
  })
  .meta({ id: 'LotRecipient' });
export type RecipientDto = z.infer<typeof RecipientDto>;

export const LotRecipientsDto = z
  .object({
    lotNo: z.string(),
    lots: z.array(RecallLotDto),
    items: z.array(RecipientDto),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'LotRecipients' });
export type LotRecipientsDto = z.infer<typeof LotRecipientsDto>;

// A recall (召回) of one lot: why, in words the shops and insurers will read. Lot numbers are unique
// per product only: when the number is used by several products the caller may see, productId
// says which one (a recall acts on one lot, never on a guess).
export const RecallLotInput = z
  .strictObject({
    reason: z.string().trim().min(1).max(500),
    productId: z.uuid().optional(),
  })
  .meta({ id: 'RecallLotInput' });
export type RecallLotInput = z.infer<typeof RecallLotInput>;

export const RecallStockDto = z
  .object({
    // Null for goods in transit between warehouses.
    warehouseId: z.uuid().nullable(),
    warehouseCode: z.string().nullable(),
    onHand: z.number().int(),
    reserved: z.number().int(),
  })
  .meta({ id: 'RecallStock' });

// What a recall did: the lot, when and why, the stock it stopped (no longer reservable, pickable
// or transferable), the open order lines handed over to be re-sourced, whom it reached and which
// organisations were told by event.
export const RecallDto = z
  .object({
    lotNo: z.string(),
    lot: RecallLotDto,
    recalledAt: z.string(),
    reason: z.string(),
    recalledByOrgId: z.uuid(),
    stock: z.array(RecallStockDto),
    // Lines that held units of the lot (reserved or picked): re-sourced from other lots or backordered.
    openLineIds: z.array(z.uuid()),
    recipients: z.object({
      lines: z.number().int(),
      shops: z.number().int(),
      claims: z.number().int(),
      insurers: z.number().int(),
      vehicles: z.number().int(),
      traceCodes: z.number().int(),
      // False when the lot reached more lines than a recall reads at once (see recall-lot.ts); the
      // recipients list has them all.
      complete: z.boolean(),
    }),
    notifiedOrgIds: z.array(z.uuid()),
  })
  .meta({ id: 'Recall' });
export type RecallDto = z.infer<typeof RecallDto>;

// The car owner's vehicle lookup (public): the VIN and the plate together, as on the vehicle
// registration certificate (行驶证). Sent in a POST body, so that neither lands in a URL, a proxy's
// log or the browser's history. The plate is read as the claims module stores it (one form,
// `浙A12345`: spaces, middle dots and lower case dropped); the VIN is checked by the catalog's decoder.
const PLATE = /^\p{Script=Han}[A-Z][A-Z0-9]{4,6}\p{Script=Han}?$/u;
export const TraceVehicleInput = z.strictObject({
  vin: z.string().max(40),
  plate: z
    .string()
    .max(20)
    .transform((raw) =>
      raw
        .normalize('NFKC')
        .replace(/[\s·•.-]+/g, '')
        .toUpperCase(),
    )
    .pipe(z.string().regex(PLATE, { message: 'plate_format' })),
});
export type TraceVehicleInput = z.infer<typeof TraceVehicleInput>;

// Where a part delivered for the car's repair stands: delivered to the shop, signed for, fitted.
export const vehiclePartStatuses = ['delivered', 'accepted', 'installed'] as const;

// One part (an order line) delivered or fitted under one of the vehicle's claims: what it is, its
// grade and certificate, who made it, the days it moved, and the trace codes of its units, which the
// owner can look up one by one. Prices, order and shop-internal numbers are not the owner's concern.
export const TraceVehiclePartDto = z.object({
  product: z.object({ name: z.string(), brand: z.string() }),
  grade: z.enum(grades),
  gradeText: z.string(),
  certification: TraceLookupDto.shape.certification,
  supplier: z.object({ name: z.string() }),
  qty: z.number().int(),
  status: z.enum(vehiclePartStatuses),
  statusText: z.string(),
  // Calendar days in China (YYYY-MM-DD), like the code lookup's installedOn.
  shippedOn: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  installedOn: z.string().nullable(),
  traceCodes: z.array(z.string()),
  // A lot the line's units came from was recalled (召回): the owner must hear it first.
  recalled: z.boolean(),
  warning: z.string().nullable(),
});
export type TraceVehiclePartDto = z.infer<typeof TraceVehiclePartDto>;

// One claim (one repair) of the vehicle: its accident day, the insurer and the repair shop, whose
// names the owner knows from the repair, and the parts it brought to the car.
export const TraceVehicleClaimDto = z.object({
  accidentDate: z.string(),
  insurer: z.object({ name: z.string() }),
  repairShop: z.object({ name: z.string() }),
  parts: z.array(TraceVehiclePartDto),
});
export type TraceVehicleClaimDto = z.infer<typeof TraceVehicleClaimDto>;

export const TraceVehicleDto = z.object({
  // The VIN masked as the code lookup masks it; the plate as read (the owner typed both).
  vinMasked: z.string(),
  plate: z.string(),
  // The model the claim named, e.g. 大众 速腾 1.4T 2019-2025; null when the catalog knew none.
  vehicleModel: z.string().nullable(),
  // Newest claim first.
  claims: z.array(TraceVehicleClaimDto),
  // False when the vehicle had more claims or parts than one answer lists (see lookup-vehicle.ts).
  complete: z.boolean(),
});
export type TraceVehicleDto = z.infer<typeof TraceVehicleDto>;
