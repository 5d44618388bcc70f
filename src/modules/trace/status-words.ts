import type { Text } from '../../platform/i18n.ts';
import type { traceUnit } from '../inventory/index.ts';

type TraceUnitStatus = (typeof traceUnit.$inferSelect)['status'];

// What the public lookup says about a unit, in words a car owner understands rather than the
// codes the warehouse works with. These are answers, not errors, so they live here and not in the
// problem catalog.
export const traceStatusWords: Record<TraceUnitStatus, Text> = {
  in_stock: { 'zh-CN': '在库，尚未售出', en: 'In stock, not yet sold' },
  shipped: { 'zh-CN': '已发往维修厂', en: 'Shipped to a repair shop' },
  installed: { 'zh-CN': '已安装到车辆', en: 'Installed in a vehicle' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  scrapped: { 'zh-CN': '已报废', en: 'Scrapped' },
  lost: { 'zh-CN': '盘点时未找到（已报盘亏）', en: 'Not found at a stock count (written off)' },
  revoked: { 'zh-CN': '认证已撤销', en: 'Certification withdrawn' },
};

// A revoked code belongs to a batch whose certification was withdrawn (a failed audit, a recall):
// the owner should hear that plainly and know what to do, whatever the stored reason says.
export const revokedWarning: Text = {
  'zh-CN': '警告：该配件所属批次的认证已被撤销，不再是合格的认证件。请联系为您维修的维修厂或保险公司处理。',
  en: 'Warning: the certification of this part’s batch has been withdrawn; it is no longer a certified part. Please contact the repair shop that fitted it or your insurer.',
};

// A recalled lot (召回): the unit's own status no longer matters to the owner; the recall does.
export const recalledWords: Text = { 'zh-CN': '该批次已召回', en: 'This batch has been recalled' };

export const recalledWarning: Text = {
  'zh-CN': '警告：该配件所属批次已被召回，请勿继续安装或使用。如已安装在您的车上，请尽快联系为您维修的维修厂或保险公司处理。',
  en: 'Warning: this part’s batch has been recalled; do not fit or use it. If it is fitted to your vehicle, please contact the repair shop that fitted it or your insurer as soon as possible.',
};

// Where a part delivered for the owner's repair stands, in the owner's words (the vehicle lookup).
export const vehiclePartStatusWords: Record<'delivered' | 'accepted' | 'installed', Text> = {
  delivered: { 'zh-CN': '已送达维修厂', en: 'Delivered to the repair shop' },
  accepted: { 'zh-CN': '维修厂已签收', en: 'Signed for by the repair shop' },
  installed: { 'zh-CN': '已安装到车辆', en: 'Installed in the vehicle' },
};
