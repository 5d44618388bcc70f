import { describe, expect, it } from 'vitest';
import { buildDemoCatalog } from '../catalog/index.ts';
import { rng } from '../rng.ts';
import { demoWarehouses, mainlandProvinces } from './demo-warehouses.ts';
import { MAX_LINES_PER_RECEIPT, planDemoStock } from './plan-stock.ts';
import { stockCatalogOf } from './stock-catalog.ts';

// The demo stock's plan, from the demo catalog's rows alone: the same for the same stream, a
// different one for another, and shaped as the seed needs it.
const SUPPLIERS = { huajun: '00000000-0000-7000-8000-0000000000a1', yuetong: '00000000-0000-7000-8000-0000000000a2', anxin: '00000000-0000-7000-8000-0000000000a3' };
const ID = '00000000-0000-7000-8000-000000000000';
const catalog = stockCatalogOf(buildDemoCatalog(1, SUPPLIERS, { CAPA: ID, CATARC: ID, CQC: ID }));

describe('planDemoStock', () => {
  const plan = planDemoStock(catalog, SUPPLIERS, rng(7));

  it('is the same for the same stream, and another for another', () => {
    expect(planDemoStock(catalog, SUPPLIERS, rng(7))).toEqual(plan);
    expect(planDemoStock(catalog, SUPPLIERS, rng(8))).not.toEqual(plan);
  });

  it('stocks every regional product of the common parts at each platform warehouse, and its extras', () => {
    for (const p of plan.platform) {
      const held = new Set(p.receipts.flatMap((r) => r.input.lines.map((l) => l.productId)));
      expect(held.size).toBe(p.products);
      const regions = [`${p.w.regionCode.slice(0, 2)}0000`, p.w.regionCode];
      const common = catalog.filter((c) => c.partNames.some((n) => p.w.commonParts.includes(n)) && c.offers.some((o) => o.regionCodes.length === 0 || o.regionCodes.some((r) => regions.includes(r))));
      expect(common.length).toBeGreaterThan(100);
      expect(common.filter((c) => !held.has(c.id))).toEqual([]);
      expect(p.products).toBe(common.length + p.w.extras);
      for (const r of p.receipts) {
        expect(r.input.lines.length).toBeLessThanOrEqual(MAX_LINES_PER_RECEIPT);
        expect(r.input.lines.every((l) => l.qty >= 1 && l.qty <= 30)).toBe(true);
        // A receipt is one supplier's goods.
        expect(r.input.lines.every((l) => catalog.find((c) => c.id === l.productId)!.supplierOrgId === r.input.supplierOrgId)).toBe(true);
      }
    }
    expect(plan.platform.map((p) => p.w.code)).toEqual(demoWarehouses.map((w) => w.code));
  });

  it('gives each supplier a warehouse covering where its offers serve, stocked with a share of its own products', () => {
    for (const s of plan.suppliers) {
      const own = catalog.filter((c) => c.supplierOrgId === s.supplierOrgId);
      expect(s.coverage.map((c) => c.regionCode)).toEqual(mainlandProvinces());
      expect(s.coverage.every((c) => c.transitDays >= 1 && c.transitDays <= 5)).toBe(true);
      expect(s.levels.length).toBe(Math.round(own.length * s.w.share));
      expect(s.levels.every((l) => own.some((c) => c.id === l.productId) && l.qty >= 1 && l.qty <= s.w.maxQty)).toBe(true);
    }
  });
});
