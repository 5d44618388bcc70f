import { useQuery } from '@tanstack/react-query';
import { call, client } from '../../api/client.ts';
import type { ApiAnswer, ApiBody, ApiItem, ApiQuery } from '../../api/types.ts';

// The answers this workbench reads, named from the generated types (never copied by hand).
export type Order = ApiAnswer<'/api/v1/orders/{id}'>;
export type OrderLine = Order['lines'][number];
export type Shipment = Order['shipments'][number];
export type ShipmentDetail = ApiAnswer<'/api/v1/shipments/{id}'>;
export type TrackingEvent = ShipmentDetail['events'][number];
export type OrderStatus = Order['status'];
export type LineStatus = OrderLine['status'];
export type OrdersQuery = ApiQuery<'/api/v1/orders'>;
export type Return = ApiItem<'/api/v1/returns'>;
export type ReceiptBody = ApiBody<'/api/v1/orders/{id}/receipt'>;
export type ReceiptAnswer = ApiAnswer<'/api/v1/orders/{id}/receipt', 'post'>;
export type Mismatch = ReceiptAnswer['traceMismatches'][number];
export type RejectReason = NonNullable<OrderLine['rejectReason']>;
export type Claim = ApiItem<'/api/v1/claims'>;
export type ClaimDetail = ApiAnswer<'/api/v1/claims/{id}'>;
export type Quote = ApiAnswer<'/api/v1/assessments/{id}/quote'>;
export type QuoteLine = Quote['lines'][number];
export type PartHit = ApiItem<'/api/v1/parts'>;
export type PartOffers = ApiAnswer<'/api/v1/parts/{id}/offers'>;
export type PartOffer = PartOffers['items'][number];
export type Grade = PartOffer['product']['grade'];

export const orderStatuses: OrderStatus[] = ['awaiting_stock', 'reserved', 'in_fulfilment', 'shipped', 'delivered', 'received', 'completed', 'cancelled'];
export const rejectReasons: RejectReason[] = ['wrong_part', 'damaged', 'quality', 'missing'];

export const keys = {
  orders: ['orders'] as const,
  order: (id: string) => ['orders', id] as const,
  shipment: (id: string) => ['shipment', id] as const,
  returns: (orderId: string) => ['returns', orderId] as const,
};

export function useOrder(id: string) {
  return useQuery({ queryKey: keys.order(id), queryFn: () => call(client.GET('/api/v1/orders/{id}', { params: { path: { id } } })) });
}

export function useShipment(id: string, enabled = true) {
  return useQuery({ queryKey: keys.shipment(id), queryFn: () => call(client.GET('/api/v1/shipments/{id}', { params: { path: { id } } })), enabled });
}

export function useReturns(orderId: string) {
  return useQuery({
    queryKey: keys.returns(orderId),
    // An order has a return per rejected line at most: one page of 100 holds them.
    queryFn: () => call(client.GET('/api/v1/returns', { params: { query: { orderId, limit: 100 } } })),
  });
}

// A line's part in the reader's language, falling back to the product's own name.
export function lineName(l: Pick<OrderLine, 'partNameZh' | 'partNameEn' | 'productName'>, language: string): string {
  return (language === 'en' ? l.partNameEn : l.partNameZh) ?? l.productName;
}

// Lines the shop may still cancel: not yet on the road.
export const cancellable: LineStatus[] = ['awaiting_stock', 'reserved', 'picked'];

// A scanned or typed trace code in its printed form, as the server reads it (inventory's
// readTraceCode): full-width characters folded (Chinese input methods), separators of any kind
// dropped and the fifteen symbols of an issued code grouped AP7K3-M9QXD-T2FWP, I/L read as 1 and
// O as 0. Anything else (an older label's code) is kept as typed, upper case. The check symbol is
// the server's to judge: a mistyped code comes back as an error on its field.
export function normaliseCode(raw: string): string {
  const text = raw.normalize('NFKC').trim().toUpperCase();
  const compact = text.replace(/[\s\-‐‑‒–—―]/gu, '');
  if (compact.length === 15 && /^[0-9A-Z]+$/.test(compact) && compact.startsWith('AP')) {
    const symbols = compact.replace(/[IL]/g, '1').replace(/O/g, '0');
    return `${symbols.slice(0, 5)}-${symbols.slice(5, 10)}-${symbols.slice(10)}`;
  }
  return text;
}
