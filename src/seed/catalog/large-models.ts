import type { vehicleModel } from '../../modules/catalog/tables.ts';
import { seededId } from '../rng.ts';
import { demoVehicleModels, LARGE_VDS_FIRST } from './demo-models.ts';
import { makers, type Maker, type Series, type Tier } from './makers.ts';
import { largeModelCodes, type OeStyle } from './oe-formats.ts';
import { partTemplates, templateFits } from './part-templates.ts';
import { buildSampleVin } from './vin-rule.ts';

// Generated vehicle models for the large catalog: every maker's series, in generations, engines
// and trims, until the requested count. Model `m` is a pure function of `m` (and the seed for its
// id), so any part of the load can be regenerated without the rest.

export type LargeModel = {
  index: number;
  id: string;
  code: string;
  maker: Maker;
  series: Series;
  model: string;
  yearFrom: number;
  yearTo: number;
  engine: string;
  wmi: string;
  vdsPattern: string;
  sampleVin: string;
  oeCode: string;
  tier: Tier;
  // Indices into partTemplates of the parts this model has (no air filter on an EV).
  templates: readonly number[];
  // This model's position among its maker's models, and how many the maker has.
  makerIndex: number;
  makerRank: number;
  makerCount: number;
};

export const LARGE_ORDINALS = { vehicleModel: 10_000_000, part: 20_000_000, product: 30_000_000, offer: 40_000_000 } as const;

const TRIMS = ['舒适型', '豪华型', '精英型', '尊贵型', '运动版', '旗舰型', '智联版', '领先型'];
const VIN_CHARACTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const LAST_MODEL_YEAR = 2026;

function vdsPatternOf(m: number): string {
  const q = Math.floor(m / LARGE_VDS_FIRST.length);
  const n = VIN_CHARACTERS.length;
  if (q >= n ** 3) throw new Error(`too many generated models for distinct VDS patterns: ${m}`);
  return `${LARGE_VDS_FIRST[m % LARGE_VDS_FIRST.length]}${VIN_CHARACTERS[q % n]}${VIN_CHARACTERS[Math.floor(q / n) % n]}${VIN_CHARACTERS[Math.floor(q / n / n) % n]}*`;
}

function slug(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9.]+/g, '');
}

export function buildLargeModels(seed: number, count: number): LargeModel[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`model count must be a positive integer, got ${count}`);
  const makerTotal = makers.length;
  // Model codes in the OE numbers: every generated model gets one of its style's, none a demo one.
  const reserved = new Map<OeStyle, Set<string>>();
  for (const d of demoVehicleModels()) {
    const style = makers.find((mk) => mk.key === d.makerKey)!.style;
    if (!reserved.has(style)) reserved.set(style, new Set());
    reserved.get(style)!.add(d.oeCode);
  }
  const perStyle = new Map<OeStyle, number>();
  for (let m = 0; m < count; m++) {
    const style = makers[m % makerTotal]!.style;
    perStyle.set(style, (perStyle.get(style) ?? 0) + 1);
  }
  const codes = new Map<OeStyle, string[]>();
  for (const [style, n] of perStyle) codes.set(style, largeModelCodes(style, n, reserved.get(style) ?? new Set()));
  const used = new Map<OeStyle, number>();

  const models: LargeModel[] = [];
  for (let m = 0; m < count; m++) {
    const makerIndex = m % makerTotal;
    const maker = makers[makerIndex]!;
    const makerRank = Math.floor(m / makerTotal);
    const makerCount = Math.floor((count - 1 - makerIndex) / makerTotal) + 1;
    const series = maker.series[makerRank % maker.series.length]!;
    let rest = Math.floor(makerRank / maker.series.length);
    const engine = series.engines[rest % series.engines.length]!;
    rest = Math.floor(rest / series.engines.length);
    const generation = rest % 4;
    const trimRank = Math.floor(rest / 4);
    const yearFrom = 2010 + generation * 4 + (series.en.length % 2);
    const yearTo = Math.min(LAST_MODEL_YEAR, yearFrom + 3 + (makerRank % 2));
    const styleUsed = used.get(maker.style) ?? 0;
    used.set(maker.style, styleUsed + 1);
    const oeCode = codes.get(maker.style)![styleUsed]!;
    const wmi = maker.wmis[makerRank % maker.wmis.length]!;
    const vdsPattern = vdsPatternOf(m);
    const sampleYear = yearFrom + ((trimRank + makerRank) % (yearTo - yearFrom + 1));
    const trim = `${TRIMS[trimRank % TRIMS.length]}${trimRank >= TRIMS.length ? ` ${Math.floor(trimRank / TRIMS.length) + 1}` : ''}`;
    const code = `LG-${maker.key}-${slug(series.en)}-${yearFrom}-${slug(engine)}-${m}`;
    models.push({
      index: m,
      id: seededId(seed, LARGE_ORDINALS.vehicleModel + m, `vehicle_model:${code}`),
      code,
      maker,
      series,
      model: `${sampleYear}款 ${engine} ${trim}`,
      yearFrom,
      yearTo,
      engine,
      wmi,
      vdsPattern,
      sampleVin: buildSampleVin({ wmi, vdsPattern, yearFrom, yearTo }, { year: sampleYear, fill: '5', plant: maker.plant, serial: 200_000 + m * 37 }),
      oeCode,
      tier: maker.tier,
      templates: partTemplates.flatMap((t, i) => (templateFits(t, engine) ? [i] : [])),
      makerIndex,
      makerRank,
      makerCount,
    });
  }
  return models;
}

export function vehicleModelRow(m: LargeModel): typeof vehicleModel.$inferInsert {
  return {
    id: m.id,
    code: m.code,
    brand: m.maker.brand,
    brandEn: m.maker.brandEn,
    series: m.series.zh,
    model: m.model,
    yearFrom: m.yearFrom,
    yearTo: m.yearTo,
    engine: m.engine,
    body: m.series.body,
    wmi: m.wmi,
    vdsPattern: m.vdsPattern,
    sampleVin: m.sampleVin,
  };
}
