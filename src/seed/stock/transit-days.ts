// How many days a parcel takes from a demo warehouse's city to each province: by the great-circle
// distance to the province's capital, in the steps a national carrier's road network gives (the
// East-China central warehouse's table in demo-stock.ts follows the same idea by hand).

export type LatLon = readonly [lat: number, lon: number];

// The capitals of the 31 mainland provincial-level divisions, by province code, in degrees.
// prettier-ignore
export const PROVINCE_CAPITALS: Readonly<Record<string, LatLon>> = {
  '110000': [39.9, 116.41],
  '120000': [39.13, 117.2],
  '130000': [38.04, 114.51],
  '140000': [37.87, 112.55],
  '150000': [40.84, 111.75],
  '210000': [41.8, 123.43],
  '220000': [43.82, 125.32],
  '230000': [45.8, 126.53],
  '310000': [31.23, 121.47],
  '320000': [32.06, 118.8],
  '330000': [30.27, 120.15],
  '340000': [31.82, 117.23],
  '350000': [26.07, 119.3],
  '360000': [28.68, 115.86],
  '370000': [36.65, 117.12],
  '410000': [34.75, 113.62],
  '420000': [30.59, 114.31],
  '430000': [28.23, 112.94],
  '440000': [23.13, 113.26],
  '450000': [22.82, 108.32],
  '460000': [20.04, 110.2],
  '500000': [29.56, 106.55],
  '510000': [30.57, 104.07],
  '520000': [26.65, 106.63],
  '530000': [25.04, 102.71],
  '540000': [29.65, 91.17],
  '610000': [34.34, 108.94],
  '620000': [36.06, 103.83],
  '630000': [36.62, 101.78],
  '640000': [38.49, 106.23],
  '650000': [43.83, 87.62],
};

const EARTH_RADIUS_KM = 6371;

export function distanceKm([lat1, lon1]: LatLon, [lat2, lon2]: LatLon): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

// Upper bounds of distance (km) for one, two, three and four days; anything further takes five.
const DAY_STEPS_KM = [500, 1000, 1800, 2800] as const;

// The days from `origin` (a city in province `originProvince`) to `province`: one within the
// origin's own province, else by distance.
export function transitDays(origin: LatLon, originProvince: string, province: string): number {
  if (province === originProvince) return 1;
  const capital = PROVINCE_CAPITALS[province];
  if (!capital) throw new Error(`transitDays: no capital for province ${province}`);
  const km = distanceKm(origin, capital);
  const step = DAY_STEPS_KM.findIndex((limit) => km <= limit);
  return step === -1 ? DAY_STEPS_KM.length + 1 : step + 1;
}
