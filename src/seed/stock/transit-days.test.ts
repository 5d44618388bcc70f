import { describe, expect, it } from 'vitest';
import { listRegions } from '../../modules/regions/index.ts';
import { distanceKm, PROVINCE_CAPITALS, transitDays, type LatLon } from './transit-days.ts';

const CHANGCHUN: LatLon = [43.82, 125.32];
const GUANGZHOU: LatLon = [23.13, 113.26];
const CHANGZHOU: LatLon = [31.81, 119.97];

describe('transitDays', () => {
  const cases: [string, LatLon, string, string, number][] = [
    ['within its own province', CHANGCHUN, '220000', '220000', 1],
    ['Changchun to Shenyang, next door', CHANGCHUN, '220000', '210000', 1],
    ['Changchun to Beijing', CHANGCHUN, '220000', '110000', 2],
    ['Changchun to Shanghai', CHANGCHUN, '220000', '310000', 3],
    ['Changchun to Guangzhou', CHANGCHUN, '220000', '440000', 4],
    ['Changchun to Urumqi', CHANGCHUN, '220000', '650000', 5],
    ['Guangzhou to Nanning', GUANGZHOU, '440000', '450000', 2],
    ['Guangzhou to Lhasa', GUANGZHOU, '440000', '540000', 4],
    ['Changzhou to Shanghai', CHANGZHOU, '320000', '310000', 1],
    ['Changzhou to Hangzhou', CHANGZHOU, '320000', '330000', 1],
    ['Changzhou to Chengdu', CHANGZHOU, '320000', '510000', 3],
  ];
  it.each(cases)('%s', (_, origin, from, to, days) => {
    expect(transitDays(origin, from, to)).toBe(days);
  });

  it('knows a capital for every mainland province, and distances are symmetric', () => {
    const mainland = listRegions({ level: 1 })
      .map((p) => p.code)
      .filter((c) => !['710000', '810000', '820000'].includes(c));
    expect(Object.keys(PROVINCE_CAPITALS).sort()).toEqual(mainland.sort());
    expect(distanceKm(CHANGCHUN, GUANGZHOU)).toBeCloseTo(distanceKm(GUANGZHOU, CHANGCHUN), 6);
    expect(Math.round(distanceKm(PROVINCE_CAPITALS['110000']!, PROVINCE_CAPITALS['310000']!))).toBeGreaterThan(1000);
  });
});
