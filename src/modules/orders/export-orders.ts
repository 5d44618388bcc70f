import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { Text } from '../../platform/i18n.ts';
import { chinaMinute, everyPage, writeXlsx, yuan, type XlsxColumn } from '../../platform/xlsx.ts';
import { gradeNames, type Grade } from '../catalog/index.ts';
import type { OrderDto, OrderLineDto } from './dto.ts';
import type { OrderLineStatus } from './lifecycle.ts';
import { listOrders, type ListOrdersQuery } from './list-orders.ts';

// The orders list as an Excel file, one row per order line (what a shop's or supplier's clerk
// reconciles against invoices and delivery notes): the same orders and lines the list shows the
// caller for the same filters, newest order first, amounts in yuan as numbers so they sum.

type Row = { order: OrderDto; line: OrderLineDto };

const lineStatusWords: Record<OrderLineStatus, Text> = {
  awaiting_stock: { 'zh-CN': '缺货待补', en: 'Awaiting stock' },
  reserved: { 'zh-CN': '已锁库', en: 'Reserved' },
  picked: { 'zh-CN': '已拣货', en: 'Picked' },
  shipped: { 'zh-CN': '运输中', en: 'In transit' },
  delivered: { 'zh-CN': '已送达', en: 'Delivered' },
  accepted: { 'zh-CN': '已验收', en: 'Accepted' },
  rejected: { 'zh-CN': '已拒收', en: 'Rejected' },
  installed: { 'zh-CN': '已装车', en: 'Installed' },
  returned: { 'zh-CN': '已退货', en: 'Returned' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

const rejectWords: Record<NonNullable<OrderLineDto['rejectReason']>, Text> = {
  wrong_part: { 'zh-CN': '错发配件', en: 'Wrong part' },
  damaged: { 'zh-CN': '运输破损', en: 'Damaged in transit' },
  quality: { 'zh-CN': '质量问题', en: 'Quality' },
  missing: { 'zh-CN': '缺件少件', en: 'Missing' },
};

const kindWords: Record<OrderDto['kind'], Text> = {
  claim: { 'zh-CN': '理赔订单', en: 'Claim order' },
  shop: { 'zh-CN': '自费采购', en: 'Own purchase' },
};

function columns(ctx: Ctx): XlsxColumn<Row>[] {
  const locale = ctx.locale;
  return [
    { header: { 'zh-CN': '订单号', en: 'Order no.' }, width: 20, value: (r) => r.order.orderNo },
    { header: { 'zh-CN': '下单时间', en: 'Ordered at' }, width: 17, value: (r) => chinaMinute(r.order.createdAt) },
    { header: { 'zh-CN': '类型', en: 'Kind' }, width: 10, value: (r) => kindWords[r.order.kind][locale] },
    { header: { 'zh-CN': '报案号', en: 'Claim no.' }, width: 22, value: (r) => r.order.claimNo },
    { header: { 'zh-CN': '车牌号', en: 'Plate' }, width: 12, value: (r) => r.order.plate },
    { header: { 'zh-CN': '采购方', en: 'Buyer' }, width: 28, value: (r) => r.order.buyerName },
    { header: { 'zh-CN': '付款方', en: 'Payer' }, width: 28, value: (r) => r.order.payerName },
    { header: { 'zh-CN': '行号', en: 'Line' }, width: 6, numFmt: '0', value: (r) => r.line.lineNo },
    { header: { 'zh-CN': '配件名称', en: 'Part' }, width: 24, value: (r) => (locale === 'en' ? (r.line.partNameEn ?? r.line.partNameZh) : r.line.partNameZh) ?? r.line.productName },
    { header: { 'zh-CN': 'OE号', en: 'OE no.' }, width: 16, value: (r) => r.line.oeNo },
    { header: { 'zh-CN': '商品', en: 'Product' }, width: 28, value: (r) => r.line.productName },
    { header: { 'zh-CN': '品牌', en: 'Brand' }, width: 12, value: (r) => r.line.brand },
    { header: { 'zh-CN': '商品编码', en: 'SKU' }, width: 18, value: (r) => r.line.sku },
    { header: { 'zh-CN': '品质', en: 'Grade' }, width: 12, value: (r) => gradeNames[r.line.grade as Grade]?.[locale] ?? r.line.grade },
    { header: { 'zh-CN': '供应商', en: 'Supplier' }, width: 28, value: (r) => r.line.supplierName },
    { header: { 'zh-CN': '发货仓', en: 'Ships from' }, width: 20, value: (r) => r.line.warehouseName },
    { header: { 'zh-CN': '数量', en: 'Qty' }, width: 6, numFmt: '0', value: (r) => r.line.qty },
    { header: { 'zh-CN': '单价（元，含税）', en: 'Unit price (CNY, incl. VAT)' }, width: 14, numFmt: '#,##0.00', value: (r) => yuan(r.line.unitFen) },
    { header: { 'zh-CN': '金额（元，含税）', en: 'Amount (CNY, incl. VAT)' }, width: 14, numFmt: '#,##0.00', value: (r) => yuan(r.line.amountFen) },
    { header: { 'zh-CN': '其中税额（元）', en: 'of which VAT (CNY)' }, width: 12, numFmt: '#,##0.00', value: (r) => yuan(r.line.vatFen) },
    { header: { 'zh-CN': '行状态', en: 'Line status' }, width: 10, value: (r) => lineStatusWords[r.line.status][locale] },
    { header: { 'zh-CN': '预计到货', en: 'ETA' }, width: 12, value: (r) => r.line.etaDate },
    { header: { 'zh-CN': '签收时间', en: 'Received at' }, width: 17, value: (r) => chinaMinute(r.line.receivedAt) },
    { header: { 'zh-CN': '拒收原因', en: 'Rejected for' }, width: 12, value: (r) => (r.line.rejectReason ? rejectWords[r.line.rejectReason][locale] : null) },
    { header: { 'zh-CN': '追溯码', en: 'Trace codes' }, width: 24, value: (r) => r.line.traceCodes.join(' ') || null },
  ];
}

export const ordersFileName: Text = { 'zh-CN': '订单明细', en: 'Order lines' };

export async function exportOrders(db: Executor, ctx: Ctx, filters: Omit<ListOrdersQuery, 'cursor' | 'limit'>): Promise<Buffer> {
  const orders = await everyPage((cursor, limit) => listOrders(db, ctx, { ...filters, cursor, limit }));
  const rows = orders.flatMap((order) => [...order.lines].sort((a, b) => a.lineNo - b.lineNo).map((line) => ({ order, line })));
  return writeXlsx(ordersFileName, columns(ctx), rows, ctx.locale);
}
