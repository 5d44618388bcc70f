import { describe, expect, it } from 'vitest';
import { findRegion, isRegionCode, listRegions, provinceOf, regionName, regionPath, type Region } from './regions.ts';

describe('regions data', () => {
  it('has exactly 34 provincial-level divisions', () => {
    expect(listRegions({ level: 1 })).toHaveLength(34);
  });

  it.each<[string, string, Region['level'], string | null]>([
    ['110000', '北京市', 1, null],
    ['310000', '上海市', 1, null],
    ['330000', '浙江省', 1, null],
    ['330100', '杭州市', 2, '330000'],
    ['440300', '深圳市', 2, '440000'],
    ['710000', '台湾省', 1, null],
    ['810000', '香港特别行政区', 1, null],
    ['820000', '澳门特别行政区', 1, null],
    ['110101', '东城区', 3, '110000'],
    ['429004', '仙桃市', 3, '420000'],
  ])('has %s %s', (code, name, level, parent) => {
    expect(findRegion(code)).toEqual({ code, name, level, parent });
  });

  it('uses unique, sorted 6-digit codes', () => {
    const codes = listRegions().map((region) => region.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
  });

  it('gives every region an existing parent one level up, or none at level 1', () => {
    for (const region of listRegions()) {
      if (region.level === 1) {
        expect(region.parent).toBeNull();
        continue;
      }
      const parent = findRegion(region.parent ?? '');
      expect(parent, region.code).toBeDefined();
      expect(parent?.level, region.code).toBeLessThan(region.level);
    }
  });

  it('keeps no pseudo-cities or 市辖区 placeholders', () => {
    const names = listRegions().map((region) => region.name);
    expect(names).not.toContain('市辖区');
    expect(isRegionCode('110100')).toBe(false);
    expect(isRegionCode('429000')).toBe(false);
  });
});

describe('lookups', () => {
  it.each([
    ['330100', true],
    ['110000', true],
    ['999999', false],
    ['', false],
    ['33010', false],
  ])('isRegionCode(%j) is %s', (code, known) => {
    expect(isRegionCode(code)).toBe(known);
  });

  it.each([
    ['330106', ['330000', '330100', '330106']],
    ['330100', ['330000', '330100']],
    ['110000', ['110000']],
    ['110105', ['110000', '110105']],
    ['999999', []],
  ])('regionPath(%s) is %j', (code, expected) => {
    expect(regionPath(code).map((region) => region.code)).toEqual(expected);
  });

  it.each([
    ['330106', '浙江省 杭州市 西湖区'],
    ['110105', '北京市 朝阳区'],
    ['110000', '北京市'],
    ['999999', null],
  ])('regionName(%s) is %j', (code, expected) => {
    expect(regionName(code)).toBe(expected);
  });

  it.each([
    ['330106', '330000'],
    ['440300', '440000'],
    ['500229', '500000'],
    ['810000', '810000'],
    ['999999', undefined],
  ])('provinceOf(%s) is %s', (code, expected) => {
    expect(provinceOf(code)?.code).toBe(expected);
  });

  it('lists the children of a parent, optionally by level', () => {
    const zhejiang = listRegions({ parent: '330000' });
    expect(zhejiang.map((region) => region.name)).toContain('杭州市');
    expect(zhejiang.every((region) => region.level === 2)).toBe(true);
    expect(listRegions({ parent: '110000', level: 2 })).toEqual([]);
    expect(listRegions({ parent: '110000', level: 3 }).map((region) => region.name)).toContain('朝阳区');
    expect(listRegions({ parent: '999999' })).toEqual([]);
  });

  it('returns copies that callers may change', () => {
    listRegions({ level: 1 }).pop();
    expect(listRegions({ level: 1 })).toHaveLength(34);
  });
});
