import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { Text } from '../../platform/i18n.ts';
import { chinaMinute, everyPage, writeXlsx, yuan, type XlsxColumn } from '../../platform/xlsx.ts';
import type { ClaimFactsDto } from './dto.ts';
import type { ClaimStatus } from './lifecycle.ts';
import { listClaims, type ClaimFiltersQuery } from './list-claims.ts';

// The claims list as an Excel file: the same claims the list shows for the same filters (the
// caller's scope included, since it reads through listClaims), every page of them, newest first.

const statusWords: Record<ClaimStatus, Text> = {
  open: { 'zh-CN': '已报案', en: 'Filed' },
  assessing: { 'zh-CN': '定损中', en: 'Assessing' },
  quoted: { 'zh-CN': '已报价', en: 'Quoted' },
  approved: { 'zh-CN': '已核价', en: 'Price-checked' },
  ordered: { 'zh-CN': '已下单', en: 'Ordered' },
  repaired: { 'zh-CN': '维修完工', en: 'Repaired' },
  settled: { 'zh-CN': '已结算', en: 'Settled' },
  closed: { 'zh-CN': '已结案', en: 'Closed' },
  cancelled: { 'zh-CN': '已撤案', en: 'Cancelled' },
};

function columns(ctx: Ctx): XlsxColumn<ClaimFactsDto>[] {
  const locale = ctx.locale;
  return [
    { header: { 'zh-CN': '报案号', en: 'Claim no.' }, width: 22, value: (c) => c.claimNo },
    { header: { 'zh-CN': '状态', en: 'Status' }, width: 10, value: (c) => statusWords[c.status][locale] },
    { header: { 'zh-CN': '车牌号', en: 'Plate' }, width: 12, value: (c) => c.plate },
    { header: { 'zh-CN': '车架号（VIN）', en: 'VIN' }, width: 20, value: (c) => c.vin },
    { header: { 'zh-CN': '车型', en: 'Vehicle' }, width: 30, value: (c) => (c.vehicle ? `${c.vehicle.brand} ${c.vehicle.model} ${c.vehicle.yearFrom}-${c.vehicle.yearTo}` : null) },
    { header: { 'zh-CN': '保单号', en: 'Policy no.' }, width: 22, value: (c) => c.policyNo },
    { header: { 'zh-CN': '保险公司', en: 'Insurer' }, width: 28, value: (c) => c.insurerName },
    { header: { 'zh-CN': '修理厂', en: 'Repair shop' }, width: 28, value: (c) => c.repairShopName },
    { header: { 'zh-CN': '事故日期', en: 'Accident date' }, width: 12, value: (c) => c.accidentDate },
    { header: { 'zh-CN': '事故地区', en: 'Accident region' }, width: 24, value: (c) => c.accidentRegionName ?? c.accidentRegionCode },
    { header: { 'zh-CN': '车辆实际价值（元）', en: 'Vehicle value (CNY)' }, width: 16, numFmt: '#,##0.00', value: (c) => yuan(c.vehicleValueFen) },
    { header: { 'zh-CN': '报案时间', en: 'Filed at' }, width: 17, value: (c) => chinaMinute(c.createdAt) },
    { header: { 'zh-CN': '更新时间', en: 'Updated at' }, width: 17, value: (c) => chinaMinute(c.updatedAt) },
  ];
}

export const claimsFileName: Text = { 'zh-CN': '报案清单', en: 'Claims' };

export async function exportClaims(db: Executor, ctx: Ctx, filters: ClaimFiltersQuery): Promise<Buffer> {
  const rows = await everyPage((cursor, limit) => listClaims(db, ctx, { ...filters, cursor, limit }));
  return writeXlsx(claimsFileName, columns(ctx), rows, ctx.locale);
}
