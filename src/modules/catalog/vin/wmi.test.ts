import { describe, expect, it } from 'vitest';
import { listWmis, lookupWmi, regionOfFirstCharacter } from './wmi.ts';
import { WMI_TABLE } from './wmi-table.ts';

describe('WMI table', () => {
  it('uses three VIN characters for every key', () => {
    for (const wmi of listWmis()) expect(wmi, wmi).toMatch(/^[A-HJ-NPR-Z0-9]{3}$/);
  });

  it('puts every L-WMI, and only those, in China', () => {
    for (const [wmi, entry] of Object.entries(WMI_TABLE)) {
      const chinese = wmi.startsWith('L');
      expect(entry.region === 'china', wmi).toBe(chinese);
      expect(entry.country === 'CN', wmi).toBe(chinese);
    }
  });

  it('fills every field', () => {
    for (const [wmi, entry] of Object.entries(WMI_TABLE)) {
      expect(entry.manufacturer, wmi).not.toBe('');
      expect(entry.manufacturerEn, wmi).not.toBe('');
      expect(entry.brands.length, wmi).toBeGreaterThan(0);
      expect(entry.country, wmi).toMatch(/^[A-Z]{2}$/);
      expect(entry.countryName, wmi).not.toBe('');
    }
  });

  it('agrees with ISO 3780 on the continent, except the US WMIs SAE issued from the 7 block', () => {
    for (const [wmi, entry] of Object.entries(WMI_TABLE)) {
      if (wmi.startsWith('7')) continue;
      expect(entry.region, wmi).toBe(regionOfFirstCharacter(wmi.charAt(0)));
    }
  });

  it('covers at least 40 Chinese WMIs', () => {
    expect(listWmis().filter((wmi) => wmi.startsWith('L')).length).toBeGreaterThanOrEqual(40);
  });
});

describe('lookupWmi', () => {
  it.each([
    ['LFV3A23C4R3012345', '一汽-大众', 'FAW-Volkswagen', 'CN'],
    ['LSVAB2BM0PN000001', '上汽大众', 'SAIC Volkswagen', 'CN'],
    ['LGXCE4CBXS1000008', '比亚迪', 'BYD Auto', 'CN'],
    ['L6T7844S0RN000001', '吉利汽车', 'Geely Automobile', 'CN'],
    ['LRW3E7FS5PC695355', '特斯拉（上海）', 'Tesla Shanghai', 'CN'],
    ['WBA5R1C5XN1000000', '宝马', 'BMW', 'DE'],
    ['JTDKB20U0N1000003', '丰田', 'Toyota', 'JP'],
    ['5YJ3E1EA7KF317000', '特斯拉（美国）', 'Tesla', 'US'],
    ['3VWFE21C04M000001', '大众（墨西哥）', 'Volkswagen de México', 'MX'],
  ])('resolves %s', (vin, manufacturer, manufacturerEn, country) => {
    const lookup = lookupWmi(vin);
    expect(lookup.wmi).toBe(vin.slice(0, 3));
    expect(lookup.entry).toMatchObject({ manufacturer, manufacturerEn, country });
    expect(lookup.smallManufacturer).toBe(false);
  });

  it.each([
    ['LA6', 'china'],
    ['1M8', 'north_america'],
    ['XTA', 'europe'],
    ['9BW', 'south_america'],
    ['AHT', 'africa'],
    ['MR0', 'asia'],
    ['6T1', 'oceania'],
  ] as const)('falls back to the ISO 3780 continent for the untabled %s', (wmi, region) => {
    const lookup = lookupWmi(`${wmi}00000000000000`);
    expect(lookup.entry).toBeUndefined();
    expect(lookup.region).toBe(region);
  });

  it('reports the small-maker code of a WMI ending in 9', () => {
    expect(lookupWmi('LA9AB12C3RA123456')).toMatchObject({
      wmi: 'LA9',
      entry: undefined,
      region: 'china',
      smallManufacturer: true,
      smallManufacturerCode: '123',
    });
  });
});

describe('coverage of China’s makers', () => {
  it('names at least 40 Chinese makers and joint ventures', () => {
    const chinese = listWmis().filter((wmi) => wmi.startsWith('L'));
    const makers = new Set(chinese.map((wmi) => lookupWmi(`${wmi}00000000000000`).entry?.manufacturerEn));
    expect(makers.size).toBeGreaterThanOrEqual(40);
  });
});
