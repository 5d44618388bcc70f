import { describe, expect, it } from 'vitest';
import { formatYuan, renderReason, type Reason } from './reasons.ts';

describe('renderReason', () => {
  it.each<[Reason, string, string]>([
    [{ code: 'cheapest_allowed', params: { grade: 'certified' } }, 'cheapest allowed certified', '允许等级中最便宜的认证件'],
    [{ code: 'preferred_grade', params: { grade: 'oes' } }, 'preferred grade oes, cheapest of it', '优先等级品牌件中最便宜的'],
    [{ code: 'grade_required_by_category', params: { grade: 'oem', category: 'safety' } }, 'oem required for airbags and belts', '安全类配件必须使用原厂件'],
    [{ code: 'won_tie', params: { by: 'eta' } }, 'same price, delivered sooner', '同价，到货更早'],
    [{ code: 'won_tie', params: { by: 'source' } }, 'same price and delivery day, goods on hand first', '同价同到货日，现货优先'],
    [{ code: 'won_tie', params: { by: 'lead_time' } }, 'same price and delivery day, shorter supplier lead time', '同价同到货日，供应商货期更短'],
    [{ code: 'won_tie', params: { by: 'rating' } }, 'same price and delivery, higher supplier rating', '同价同货期，供应商评分更高'],
    [{ code: 'won_tie', params: { by: 'offer_id' } }, 'same price, delivery and rating; first by offer id', '同价、同货期、同评分，按报价编号排序在前'],
    [{ code: 'runner_up', params: { rank: 2 } }, 'runner-up #2', '备选第 2 名'],
    [
      { code: 'excluded_grade_not_allowed', params: { grade: 'aftermarket', why: 'category', category: 'safety' } },
      'excluded: aftermarket not allowed for airbags and belts',
      '排除：安全类配件不允许使用适用件',
    ],
    [
      { code: 'excluded_grade_not_allowed', params: { grade: 'recycled', why: 'vehicle_age', ageYears: 5 } },
      'excluded: recycled not allowed for a vehicle 5 years old',
      '排除：车龄 5 年的车辆不允许使用再制造/拆车件',
    ],
    [
      { code: 'excluded_grade_not_allowed', params: { grade: 'aftermarket', why: 'vehicle_price', fromYuan: '500000.00', underYuan: null } },
      'excluded: aftermarket not allowed for a vehicle priced from ¥500000.00',
      '排除：车价 ¥500000.00 及以上的车辆不允许使用适用件',
    ],
    [
      { code: 'excluded_grade_not_allowed', params: { grade: 'recycled', why: 'vehicle_price', fromYuan: '200000.00', underYuan: '500000.00' } },
      'excluded: recycled not allowed for a vehicle priced ¥200000.00 to under ¥500000.00',
      '排除：车价 ¥200000.00 至 ¥500000.00 以下的车辆不允许使用再制造/拆车件',
    ],
    [
      { code: 'excluded_certificate_invalid', params: { validFrom: '2023-01-01', validTo: '2025-06-14' } },
      'excluded: certificate not valid today (valid 2023-01-01 to 2025-06-14)',
      '排除：认证证书今日无效（有效期 2023-01-01 至 2025-06-14）',
    ],
    [{ code: 'excluded_certificate_invalid', params: { validFrom: null, validTo: null } }, 'excluded: no certificate', '排除：无认证证书'],
    [{ code: 'excluded_min_qty', params: { minQty: 4, quantity: 2 } }, 'excluded: minimum order 4, line needs 2', '排除：起订量 4，本行仅需 2'],
    [{ code: 'excluded_region', params: { regionCode: '440305' } }, 'excluded: does not deliver to 440305', '排除：不配送至 440305'],
    [{ code: 'excluded_slow', params: { days: 5, max: 3 } }, 'excluded: delivery in 5 days, policy max 3', '排除：预计 5 天送达，政策上限 3 天'],
    [
      { code: 'excluded_undeliverable', params: { why: 'no_warehouse_covers_region', regionCode: '540102' } },
      'excluded: no warehouse delivers to 540102 and the supplier holds none for it',
      '排除：没有仓库配送至 540102，供应商也无现货直发',
    ],
    [{ code: 'excluded_undeliverable', params: { why: 'not_purchasable', regionCode: '310115' } }, 'excluded: in stock nowhere and cannot be bought', '排除：各仓均无库存，且无法采购'],
    [{ code: 'sourced', params: { kind: 'stock', etaDays: 1, ship: { code: 'HZ-CENTRAL', name: '华东中心仓' } } }, 'in stock at HZ-CENTRAL, 1 day', '现货 华东中心仓 1 天'],
    [{ code: 'sourced', params: { kind: 'drop_ship', etaDays: 2, ship: { code: 'SUP-GZ', name: '华骏广州仓' } } }, 'drop-shipped by the supplier, 2 days', '供应商直发 2 天'],
    [
      { code: 'sourced', params: { kind: 'transfer', etaDays: 4, ship: { code: 'HZ-CENTRAL', name: '华东中心仓' }, from: { code: 'CD-FRONT', name: '西南前置仓' } } },
      'transfer CD-FRONT → HZ-CENTRAL, about 4 days',
      '调拨 西南前置仓→华东中心仓，预计 4 天',
    ],
    [{ code: 'sourced', params: { kind: 'purchase', etaDays: 5, ship: { code: 'HZ-CENTRAL', name: '华东中心仓' } } }, 'to be bought from the supplier, about 5 days', '需向供应商采购，预计 5 天'],
    [
      { code: 'sooner_worth_more', params: { extraYuan: '5.00', daysSooner: 2, dayValueYuan: '10.00' } },
      '¥5.00 more per unit than the cheapest, but 2 days sooner (a day is worth ¥10.00)',
      '单价比最便宜的高 ¥5.00，但早 2 天到货（每天价值 ¥10.00）',
    ],
    [{ code: 'excluded_over_guide', params: { grade: 'certified', pct: 12 } }, 'excluded: over guide by 12 %', '排除：超出指导价 12%'],
    [
      { code: 'approval_line_amount', params: { amountYuan: '5000.01', thresholdYuan: '5000.00' } },
      'line amount ¥5000.01 is above the ¥5000.00 limit for automatic approval',
      '单行金额 ¥5000.01 超过自动核价上限 ¥5000.00',
    ],
    [
      { code: 'approval_claim_total', params: { amountYuan: '20000.01', thresholdYuan: '20000.00' } },
      'claim parts total ¥20000.01 is above the ¥20000.00 limit for automatic approval',
      '案件配件总额 ¥20000.01 超过自动核价上限 ¥20000.00',
    ],
    [{ code: 'approval_over_guide', params: {} }, 'price above the guide needs a price checker', '价格超出指导价，需人工核价'],
    [{ code: 'auto_approved', params: {} }, 'auto-approved: within the policy’s thresholds', '自动核价通过：在政策阈值以内'],
  ])('%j', (reason, en, zh) => {
    expect(renderReason(reason, 'en')).toBe(en);
    expect(renderReason(reason, 'zh-CN')).toBe(zh);
  });
});

describe('formatYuan', () => {
  it.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [99n, '0.99'],
    [100n, '1.00'],
    [158_200n, '1582.00'],
    [-5n, '-0.05'],
    [-12_345n, '-123.45'],
    [2n ** 70n, '11805916207174113034.24'],
  ])('%s fen → %s', (fen, yuan) => expect(formatYuan(fen)).toBe(yuan));
});
