import { normaliseOe } from '../../modules/catalog/oe-number.ts';
import { namePinyin } from '../../modules/catalog/pinyin.ts';
import type { part, partFitment, partInterchange, partSupersession, vehicleModel } from '../../modules/catalog/tables.ts';
import { seededId } from '../rng.ts';
import { demoVehicleModels, type DemoModel } from './demo-models.ts';
import { makerOf } from './makers.ts';
import { formatOe, VARIANT_CAPACITY } from './oe-formats.ts';
import { partTemplates, templateFits, templateIndex, type PartTemplate } from './part-templates.ts';
import { oePriceFen } from './pricing.ts';

export type VehicleModelRow = typeof vehicleModel.$inferInsert;
export type PartRow = typeof part.$inferInsert & { id: string; oePriceFen: bigint };
export type FitmentRow = typeof partFitment.$inferInsert;
export type SupersessionRow = typeof partSupersession.$inferInsert;
export type InterchangeRow = typeof partInterchange.$inferInsert;

// A demo part with what later steps need: its template, the variant its OE number was made
// with, and the models it fits (the first one owns the number).
export type DemoPart = { row: PartRow; template: PartTemplate; variant: number; models: DemoModel[] };

export type DemoPartsResult = {
  vehicleModels: VehicleModelRow[];
  parts: DemoPart[];
  fitments: FitmentRow[];
  supersessions: SupersessionRow[];
  interchanges: InterchangeRow[];
};

// Demo rows live at ordinals from one million up, far from the identity seed's (below ten
// thousand) and below the large catalog's (ten million and up), so ids never collide.
export const DEMO_ORDINALS = { vehicleModel: 1_000_000, part: 1_010_000, product: 1_100_000, offer: 1_200_000 } as const;

// About one part in sixty gets a newer OE number that supersedes it.
const SUPERSEDE_SHARE = 1 / 60;

// Twins sold by two joint ventures (the Corolla and the Levin), or two cars sharing suppliers
// (Sagitar and Lavida): their suspension parts, sensors and fog lamps fit in each other's place.
const INTERCHANGE: readonly { a: string; b: string; templates: readonly string[] }[] = [
  {
    a: 'FAW-TOYOTA-COROLLA-2019-1.2T',
    b: 'GAC-TOYOTA-LEVIN-2019-1.2T',
    templates: ['shock-lh', 'shock-rh', 'lower-arm-lh', 'lower-arm-rh', 'knuckle-lh', 'knuckle-rh', 'parking-sensor', 'wheel-speed-sensor'],
  },
  { a: 'FAW-VW-SAGITAR-2019-1.4T', b: 'SAIC-VW-LAVIDA-2018-1.5L', templates: ['parking-sensor', 'wheel-speed-sensor', 'fog-lamp-lh', 'fog-lamp-rh'] },
];

// Which group of a maker's models shares one OE number for a part of this template.
function shareKey(model: DemoModel, template: PartTemplate): string {
  switch (template.scope) {
    case 'body':
      return `${model.makerKey}:body:${model.bodyKey}`;
    case 'platform':
      return `${model.makerKey}:platform:${model.platform}`;
    case 'engine':
      return `${model.makerKey}:engine:${model.platform}:${model.engine}`;
  }
}

export function buildDemoParts(seed: number, random: () => number): DemoPartsResult {
  const models = demoVehicleModels();
  const modelIds = new Map<string, string>();
  const vehicleModels: VehicleModelRow[] = models.map((m, i) => {
    const id = seededId(seed, DEMO_ORDINALS.vehicleModel + i, `vehicle_model:${m.code}`);
    modelIds.set(m.code, id);
    const { code, brand, brandEn, series, model, yearFrom, yearTo, engine, body, wmi, vdsPattern, sampleVin } = m;
    return { id, code, brand, brandEn, series, model, yearFrom, yearTo, engine, body, wmi, vdsPattern, sampleVin };
  });

  const pinyinCache = new Map<string, { pinyin: string; initials: string }>();
  const pinyinOf = (name: string) => {
    let p = pinyinCache.get(name);
    if (!p) {
      p = namePinyin(name);
      pinyinCache.set(name, p);
    }
    return p;
  };

  const parts: DemoPart[] = [];
  const byShareKey = new Map<string, DemoPart>();
  const byModelTemplate = new Map<string, DemoPart>();
  const makePart = (owner: DemoModel, template: PartTemplate, variant: number, priceFen: bigint): DemoPart => {
    const maker = makerOf(owner.makerKey);
    const oeNo = formatOe({ style: maker.style, modelCode: owner.oeCode, template, templateIndex: templateIndex.get(template.key)!, variant, prefix: maker.prefix });
    const oeNorm = normaliseOe(oeNo);
    const id = seededId(seed, DEMO_ORDINALS.part + parts.length, `part:${oeNorm}`);
    const { pinyin, initials } = pinyinOf(template.nameZh);
    const row: PartRow = { id, oeNo, oeNorm, nameZh: template.nameZh, nameEn: template.nameEn, pinyin, initials, category: template.category, oePriceFen: priceFen };
    const created: DemoPart = { row, template, variant, models: [] };
    parts.push(created);
    return created;
  };

  for (const model of models) {
    for (const template of partTemplates) {
      if (!templateFits(template, model.engine)) continue;
      const key = `${template.key}@${shareKey(model, template)}`;
      let found = byShareKey.get(key);
      if (!found) {
        // Even variants only, so a superseding part can take the odd one after it.
        const cap = Math.min(VARIANT_CAPACITY[makerOf(model.makerKey).style], 40);
        const variant = 2 * Math.floor(random() * (cap / 2));
        found = makePart(model, template, variant, oePriceFen(template, model.tier, random()));
        byShareKey.set(key, found);
      }
      found.models.push(model);
      byModelTemplate.set(`${model.code}:${template.key}`, found);
    }
  }

  const supersessions: SupersessionRow[] = [];
  for (const old of parts.slice()) {
    if (random() >= SUPERSEDE_SHARE) continue;
    const owner = old.models[0]!;
    // A revised part costs the same or a little more than the one it replaces.
    const priceFen = ((old.row.oePriceFen * BigInt(1000 + Math.floor(random() * 80))) / 100_000n) * 100n;
    const successor = makePart(owner, old.template, old.variant + 1, priceFen);
    successor.models.push(...old.models);
    supersessions.push({ oldPartId: old.row.id, newPartId: successor.row.id });
  }

  const interchanges: InterchangeRow[] = [];
  for (const pair of INTERCHANGE) {
    for (const templateKey of pair.templates) {
      const a = byModelTemplate.get(`${pair.a}:${templateKey}`);
      const b = byModelTemplate.get(`${pair.b}:${templateKey}`);
      if (!a || !b || a === b) continue;
      interchanges.push({ partId: a.row.id, otherPartId: b.row.id }, { partId: b.row.id, otherPartId: a.row.id });
    }
  }

  const fitments: FitmentRow[] = parts.flatMap((p) => p.models.map((m) => ({ vehicleModelId: modelIds.get(m.code)!, partId: p.row.id })));
  return { vehicleModels, parts, fitments, supersessions, interchanges };
}
