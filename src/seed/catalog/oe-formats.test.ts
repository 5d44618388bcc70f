import { describe, expect, it } from 'vitest';
import { normaliseOe } from '../../modules/catalog/oe-number.ts';
import { demoVehicleModels } from './demo-models.ts';
import { makerOf } from './makers.ts';
import { formatOe, largeModelCodes, type OeStyle } from './oe-formats.ts';
import { partTemplates, type StyleCodes } from './part-templates.ts';

const template = (key: string) => partTemplates.find((t) => t.key === key)!;
const bumper = template('front-bumper-cover');
const bumperIndex = partTemplates.indexOf(bumper);

describe('OE number formats', () => {
  it('give every template its own group code in every style', () => {
    for (const style of Object.keys(bumper.codes) as (keyof StyleCodes)[]) {
      const codes = partTemplates.map((t) => t.codes[style]);
      // BMW groups are shared by left and right parts: the template index goes into the number.
      if (style === 'bmw') continue;
      expect(new Set(codes).size, style).toBe(codes.length);
    }
  });

  it.each([
    ['vw', '5G0', 3, /^5G0 807 221 C$/],
    ['toyota', '02', 3, /^52119-02D10$/],
    ['honda', 'TBA', 0, /^71101-TBA-A00$/],
    ['nissan', '4BA', 10, /^62022-4BA0B$/],
    ['numeric8', '621', 34, /^2621\d{4}$/],
    ['bmw', '729', 75, /^51 11 7 29\d \d{3}$/],
    ['benz', '205', 40, /^A 205 885 01 40$/],
    ['qct', 'HN', 0, /^2803101-HN01$/],
    ['gwm', 'XKZ', 16, /^2803101XKZ16A$/],
    ['numeric10', '600', 87, /^66600\d{5}$/],
    ['tesla', '084', 0, /^1084\d{3}-00-[A-F]$/],
  ] as const)('%s looks like the maker’s own numbers', (style, modelCode, variant, pattern) => {
    const prefix = style === 'numeric8' ? '2' : style === 'numeric10' ? '66' : '';
    expect(formatOe({ style, modelCode, template: bumper, templateIndex: bumperIndex, variant, prefix })).toMatch(pattern);
  });

  it('never gives two demo parts or variants the same normalised number', () => {
    const seen = new Set<string>();
    for (const model of demoVehicleModels()) {
      const maker = makerOf(model.makerKey);
      for (const [templateIndex, t] of partTemplates.entries()) {
        for (let variant = 0; variant < 40; variant++) {
          const oe = normaliseOe(formatOe({ style: maker.style, modelCode: model.oeCode, template: t, templateIndex, variant, prefix: maker.prefix }));
          expect(seen.has(oe), oe).toBe(false);
          seen.add(oe);
        }
      }
    }
  });

  it('hands generated models codes the demo does not use', () => {
    const reserved = new Set(['06', '02', '12']);
    const codes = largeModelCodes('toyota' satisfies OeStyle, 500, reserved);
    expect(new Set(codes).size).toBe(500);
    for (const code of codes) expect(reserved.has(code)).toBe(false);
    expect(() => largeModelCodes('bmw', 300, new Set())).toThrow(/room for/);
  });
});
