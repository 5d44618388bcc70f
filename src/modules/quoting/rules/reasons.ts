import { categories, type Category, gradeNames, type Grade } from '../../catalog/index.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { yuanText } from '../../../platform/money.ts';
import type { UnsourceableReason } from '../../inventory/index.ts';
import type { DeliverableSource } from './offer-source.ts';

// Every decision the rules make carries its reasons as codes with parameters, so the API can
// return them as data and each client can show them in its own language. Parameters are kept
// JSON-ready (numbers and strings); money in them is a decimal yuan string made exactly from fen,
// because bigint does not survive JSON and a float would not be exact.

// Which ranking key separated the chosen offer from the runner-up when price (and, under
// preferred-grade-first, grade) were equal: the day it arrives, then goods on hand before goods
// to move or buy, then the supplier's lead time, rating and the offer id.
export type TieBreaker = 'eta' | 'source' | 'lead_time' | 'rating' | 'offer_id';

export type GradeNotAllowed =
  | { grade: Grade; why: 'category'; category: Category }
  | { grade: Grade; why: 'vehicle_age'; ageYears: number }
  | { grade: Grade; why: 'vehicle_price'; fromYuan: string; underYuan: string | null };

// Which policy dimension removed a grade.
export type GradeRuleDimension = GradeNotAllowed['why'];

export type Reason =
  | { code: 'cheapest_allowed'; params: { grade: Grade } }
  | { code: 'preferred_grade'; params: { grade: Grade } }
  | { code: 'grade_required_by_category'; params: { grade: Grade; category: Category } }
  | { code: 'won_tie'; params: { by: TieBreaker } }
  // Where the chosen offer comes from and in how many days (the plan the order will follow).
  | { code: 'sourced'; params: DeliverableSource }
  // Chosen over a cheaper offer because the policy values delivery days and it arrives sooner.
  | { code: 'sooner_worth_more'; params: { extraYuan: string; daysSooner: number; dayValueYuan: string } }
  | { code: 'runner_up'; params: { rank: number } }
  | { code: 'excluded_grade_not_allowed'; params: GradeNotAllowed }
  | { code: 'excluded_certificate_invalid'; params: { validFrom: string | null; validTo: string | null } }
  | { code: 'excluded_min_qty'; params: { minQty: number; quantity: number } }
  | { code: 'excluded_region'; params: { regionCode: string } }
  // `days` is the offer's ETA to the shop (where it comes from and how), not only its lead time.
  | { code: 'excluded_slow'; params: { days: number; max: number } }
  | { code: 'excluded_undeliverable'; params: { why: UnsourceableReason; regionCode: string } }
  | { code: 'excluded_over_guide'; params: { grade: Grade; pct: number } }
  | { code: 'approval_line_amount'; params: { amountYuan: string; thresholdYuan: string } }
  | { code: 'approval_claim_total'; params: { amountYuan: string; thresholdYuan: string } }
  | { code: 'approval_over_guide'; params: Record<string, never> }
  | { code: 'auto_approved'; params: Record<string, never> };

export type ReasonCode = Reason['code'];

// Fen as yuan with two decimals, ungrouped ("1582.00"), as the reasons' parameters carry it.
export function formatYuan(fen: bigint): string {
  return yuanText(fen, false);
}

// In English the grade reads as its short code word ("cheapest allowed certified"), which is how
// adjusters and checkers say it; in Chinese it reads as the grade's name (认证件).
const gradeWordEn: Record<Grade, string> = {
  oem: 'oem',
  oes: 'oes',
  certified: 'certified',
  aftermarket: 'aftermarket',
  recycled: 'recycled',
};

function gradeWord(grade: Grade, locale: Locale): string {
  return locale === 'en' ? gradeWordEn[grade] : gradeNames[grade]['zh-CN'];
}

function categoryWord(category: Category, locale: Locale): string {
  return locale === 'en' ? categories[category].en.toLowerCase() : categories[category]['zh-CN'];
}

function notAllowed(p: GradeNotAllowed, locale: Locale): string {
  const g = gradeWord(p.grade, locale);
  switch (p.why) {
    case 'category':
      return locale === 'en' ? `excluded: ${g} not allowed for ${categoryWord(p.category, locale)}` : `排除：${categoryWord(p.category, locale)}类配件不允许使用${g}`;
    case 'vehicle_age':
      return locale === 'en' ? `excluded: ${g} not allowed for a vehicle ${p.ageYears} years old` : `排除：车龄 ${p.ageYears} 年的车辆不允许使用${g}`;
    case 'vehicle_price': {
      const band =
        p.underYuan === null
          ? locale === 'en'
            ? `from ¥${p.fromYuan}`
            : `¥${p.fromYuan} 及以上`
          : locale === 'en'
            ? `¥${p.fromYuan} to under ¥${p.underYuan}`
            : `¥${p.fromYuan} 至 ¥${p.underYuan} 以下`;
      return locale === 'en' ? `excluded: ${g} not allowed for a vehicle priced ${band}` : `排除：车价 ${band}的车辆不允许使用${g}`;
    }
  }
}

const tieEn: Record<TieBreaker, string> = {
  eta: 'same price, delivered sooner',
  source: 'same price and delivery day, goods on hand first',
  lead_time: 'same price and delivery day, shorter supplier lead time',
  rating: 'same price and delivery, higher supplier rating',
  offer_id: 'same price, delivery and rating; first by offer id',
};
const tieZh: Record<TieBreaker, string> = {
  eta: '同价，到货更早',
  source: '同价同到货日，现货优先',
  lead_time: '同价同到货日，供应商货期更短',
  rating: '同价同货期，供应商评分更高',
  offer_id: '同价、同货期、同评分，按报价编号排序在前',
};

const daysEn = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

// In English a warehouse reads as its code (HZ-CENTRAL), in Chinese as its name (华东中心仓).
function sourced(s: DeliverableSource, locale: Locale): string {
  const en = locale === 'en';
  switch (s.kind) {
    case 'stock':
      return en ? `in stock at ${s.ship.code}, ${daysEn(s.etaDays)}` : `现货 ${s.ship.name} ${s.etaDays} 天`;
    case 'drop_ship':
      return en ? `drop-shipped by the supplier, ${daysEn(s.etaDays)}` : `供应商直发 ${s.etaDays} 天`;
    case 'transfer':
      return en ? `transfer ${s.from.code} → ${s.ship.code}, about ${daysEn(s.etaDays)}` : `调拨 ${s.from.name}→${s.ship.name}，预计 ${s.etaDays} 天`;
    case 'purchase':
      return en ? `to be bought from the supplier, about ${daysEn(s.etaDays)}` : `需向供应商采购，预计 ${s.etaDays} 天`;
  }
}

function undeliverable(p: { why: UnsourceableReason; regionCode: string }, locale: Locale): string {
  const en = locale === 'en';
  switch (p.why) {
    case 'no_warehouse_covers_region':
      return en ? `excluded: no warehouse delivers to ${p.regionCode} and the supplier holds none for it` : `排除：没有仓库配送至 ${p.regionCode}，供应商也无现货直发`;
    case 'not_purchasable':
      return en ? 'excluded: in stock nowhere and cannot be bought' : '排除：各仓均无库存，且无法采购';
  }
}

// One plain sentence per reason. The switch is exhaustive, so a new reason code does not compile
// until it has both languages.
export function renderReason(reason: Reason, locale: Locale): string {
  const en = locale === 'en';
  switch (reason.code) {
    case 'cheapest_allowed':
      return en ? `cheapest allowed ${gradeWord(reason.params.grade, locale)}` : `允许等级中最便宜的${gradeWord(reason.params.grade, locale)}`;
    case 'preferred_grade':
      return en ? `preferred grade ${gradeWord(reason.params.grade, locale)}, cheapest of it` : `优先等级${gradeWord(reason.params.grade, locale)}中最便宜的`;
    case 'grade_required_by_category':
      return en
        ? `${gradeWord(reason.params.grade, locale)} required for ${categoryWord(reason.params.category, locale)}`
        : `${categoryWord(reason.params.category, locale)}类配件必须使用${gradeWord(reason.params.grade, locale)}`;
    case 'won_tie':
      return en ? tieEn[reason.params.by] : tieZh[reason.params.by];
    case 'sourced':
      return sourced(reason.params, locale);
    case 'sooner_worth_more': {
      const { extraYuan, daysSooner, dayValueYuan } = reason.params;
      return en
        ? `¥${extraYuan} more per unit than the cheapest, but ${daysEn(daysSooner)} sooner (a day is worth ¥${dayValueYuan})`
        : `单价比最便宜的高 ¥${extraYuan}，但早 ${daysSooner} 天到货（每天价值 ¥${dayValueYuan}）`;
    }
    case 'runner_up':
      return en ? `runner-up #${reason.params.rank}` : `备选第 ${reason.params.rank} 名`;
    case 'excluded_grade_not_allowed':
      return notAllowed(reason.params, locale);
    case 'excluded_certificate_invalid': {
      const { validFrom, validTo } = reason.params;
      if (validFrom === null || validTo === null) return en ? 'excluded: no certificate' : '排除：无认证证书';
      return en ? `excluded: certificate not valid today (valid ${validFrom} to ${validTo})` : `排除：认证证书今日无效（有效期 ${validFrom} 至 ${validTo}）`;
    }
    case 'excluded_min_qty':
      return en ? `excluded: minimum order ${reason.params.minQty}, line needs ${reason.params.quantity}` : `排除：起订量 ${reason.params.minQty}，本行仅需 ${reason.params.quantity}`;
    case 'excluded_region':
      return en ? `excluded: does not deliver to ${reason.params.regionCode}` : `排除：不配送至 ${reason.params.regionCode}`;
    case 'excluded_slow':
      return en ? `excluded: delivery in ${daysEn(reason.params.days)}, policy max ${reason.params.max}` : `排除：预计 ${reason.params.days} 天送达，政策上限 ${reason.params.max} 天`;
    case 'excluded_undeliverable':
      return undeliverable(reason.params, locale);
    case 'excluded_over_guide':
      return en ? `excluded: over guide by ${reason.params.pct} %` : `排除：超出指导价 ${reason.params.pct}%`;
    case 'approval_line_amount':
      return en
        ? `line amount ¥${reason.params.amountYuan} is above the ¥${reason.params.thresholdYuan} limit for automatic approval`
        : `单行金额 ¥${reason.params.amountYuan} 超过自动核价上限 ¥${reason.params.thresholdYuan}`;
    case 'approval_claim_total':
      return en
        ? `claim parts total ¥${reason.params.amountYuan} is above the ¥${reason.params.thresholdYuan} limit for automatic approval`
        : `案件配件总额 ¥${reason.params.amountYuan} 超过自动核价上限 ¥${reason.params.thresholdYuan}`;
    case 'approval_over_guide':
      return en ? 'price above the guide needs a price checker' : '价格超出指导价，需人工核价';
    case 'auto_approved':
      return en ? 'auto-approved: within the policy’s thresholds' : '自动核价通过：在政策阈值以内';
  }
}
