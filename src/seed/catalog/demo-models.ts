import { makerOf, type Tier } from './makers.ts';
import { buildSampleVin } from './vin-rule.ts';

// The demo catalog's vehicle models: real series sold in China, with their makers' real WMIs and
// a VDS pattern per model. Patterns are distinct within a WMI and overlapping years, so a VIN
// maps to one model, except the Corolla 1.2T and its hybrid twin, which deliberately share
// pattern and years: the VIN alone cannot tell them apart and the adjuster picks from two. The
// two Haval H6 generations share a pattern too, but not years, so the year tells them apart.
//
// Generated (large) models use VDS patterns starting with one of LARGE_VDS_FIRST, which no demo
// pattern does, so demo VINs never match generated models.
export const LARGE_VDS_FIRST = 'RSTUVWXZ';

export type DemoModel = {
  code: string;
  makerKey: string;
  brand: string;
  brandEn: string;
  series: string;
  seriesEn: string;
  model: string;
  yearFrom: number;
  yearTo: number;
  engine: string;
  body: string;
  wmi: string;
  vdsPattern: string;
  sampleVin: string;
  // The model's slot in its maker's OE numbers (e.g. Toyota `02` for the Corolla).
  oeCode: string;
  tier: Tier;
  // Models sharing a platform share chassis, cooling and sensor parts; sharing a body key, the
  // body parts too (a car and its hybrid twin).
  platform: string;
  bodyKey: string;
};

type Row = [
  code: string,
  makerKey: string,
  series: string,
  seriesEn: string,
  model: string,
  years: string,
  engine: string,
  body: string,
  wmi: string,
  vdsPattern: string,
  oeCode: string,
  tier: Tier | null,
  platform: string | null,
  bodyKey: string | null,
];

// prettier-ignore
const ROWS: Row[] = [
  ['FAW-VW-SAGITAR-2019-1.4T', 'FAW-VW', '速腾', 'Sagitar', '2022款 280TSI DSG 舒适智联版', '2019-2026', '1.4T', '三厢轿车', 'LFV', '3A2B*', '5GM', null, 'MQB-A1', null],
  ['FAW-VW-BORA-2019-1.5L', 'FAW-VW', '宝来', 'Bora', '2021款 1.5L 自动 精英智联版', '2019-2026', '1.5L', '三厢轿车', 'LFV', '2A2C*', '5GJ', 1, 'MQB-A1', null],
  ['FAW-VW-MAGOTAN-2017-2.0T', 'FAW-VW', '迈腾', 'Magotan', '2020款 330TSI DSG 豪华型', '2017-2026', '2.0T', '三厢轿车', 'LFV', '3A4E*', '3GD', null, 'MQB-B', null],
  ['FAW-VW-TAYRON-2018-2.0T', 'FAW-VW', '探岳', 'Tayron', '2021款 330TSI 四驱豪华智联版', '2018-2026', '2.0T', 'SUV', 'LFV', '5A4F*', '5NH', null, 'MQB-B', null],
  ['FAW-AUDI-A4L-2017-2.0T', 'FAW-AUDI', 'A4L', 'A4L', '2020款 40 TFSI 时尚动感型', '2017-2026', '2.0T', '三厢轿车', 'LFV', '8W4G*', '8WD', null, null, null],
  ['SAIC-VW-LAVIDA-2018-1.5L', 'SAIC-VW', '朗逸', 'Lavida', '2021款 1.5L 自动 舒适版', '2018-2026', '1.5L', '三厢轿车', 'LSV', 'AA2B*', '5GL', 1, null, null],
  ['SAIC-VW-PASSAT-2019-2.0T', 'SAIC-VW', '帕萨特', 'Passat', '2022款 330TSI 精英版', '2019-2026', '2.0T', '三厢轿车', 'LSV', 'AD4C*', '3GB', null, 'MQB-B', null],
  ['SAIC-VW-TIGUANL-2017-2.0T', 'SAIC-VW', '途观L', 'Tiguan L', '2021款 330TSI 自动两驱智享版', '2017-2026', '2.0T', 'SUV', 'LSV', 'BD4F*', '5NG', null, 'MQB-B', null],
  ['GAC-TOYOTA-CAMRY-2018-2.0L', 'GAC-TOYOTA', '凯美瑞', 'Camry', '2021款 2.0G 豪华版', '2018-2026', '2.0L', '三厢轿车', 'LVG', 'BE1H*', '06', null, 'TNGA-K', 'CAMRY-XV70'],
  ['GAC-TOYOTA-CAMRY-2018-2.5L-HEV', 'GAC-TOYOTA', '凯美瑞', 'Camry', '2021款 双擎 2.5HG 豪华版', '2018-2026', '2.5L HEV', '三厢轿车', 'LVG', 'BE3H*', 'B6', null, 'TNGA-K', 'CAMRY-XV70'],
  ['GAC-TOYOTA-LEVIN-2019-1.2T', 'GAC-TOYOTA', '雷凌', 'Levin', '2021款 185T CVT 进取版', '2019-2026', '1.2T', '三厢轿车', 'LVG', 'DE1E*', '12', null, 'TNGA-C', null],
  ['GAC-TOYOTA-HIGHLANDER-2018-2.0T', 'GAC-TOYOTA', '汉兰达', 'Highlander', '2018款 2.0T 四驱豪华版 7座', '2018-2021', '2.0T', 'SUV', 'LVG', 'GE4M*', '0E', 3, 'TNGA-K', null],
  ['FAW-TOYOTA-COROLLA-2019-1.2T', 'FAW-TOYOTA', '卡罗拉', 'Corolla', '2021款 1.2T S-CVT 精英版', '2019-2026', '1.2T', '三厢轿车', 'LFM', 'A1BE*', '02', null, 'TNGA-C', 'COROLLA-E210'],
  ['FAW-TOYOTA-COROLLA-2019-1.8L-HEV', 'FAW-TOYOTA', '卡罗拉', 'Corolla', '2021款 双擎 1.8L E-CVT 精英版', '2019-2026', '1.8L HEV', '三厢轿车', 'LFM', 'A1BE*', 'B2', null, 'TNGA-C', 'COROLLA-E210'],
  ['FAW-TOYOTA-RAV4-2020-2.0L', 'FAW-TOYOTA', 'RAV4荣放', 'RAV4', '2021款 2.0L CVT 两驱风尚版', '2020-2026', '2.0L', 'SUV', 'LFM', 'J4AA*', '42', null, 'TNGA-K', null],
  ['FAW-TOYOTA-AVALON-2019-2.5L', 'FAW-TOYOTA', '亚洲龙', 'Avalon', '2019款 2.5L 豪华版', '2019-2026', '2.5L', '三厢轿车', 'LFM', 'C5BF*', '07', 3, 'TNGA-K', null],
  ['GAC-HONDA-ACCORD-2018-1.5T', 'GAC-HONDA', '雅阁', 'Accord', '2022款 260TURBO 豪华版', '2018-2026', '1.5T', '三厢轿车', 'LHG', 'CV163', 'TVA', null, null, null],
  ['GAC-HONDA-VEZEL-2019-1.5L', 'GAC-HONDA', '缤智', 'Vezel', '2021款 1.5L CVT 先锋版', '2019-2026', '1.5L', 'SUV', 'LHG', 'GU584', 'T7A', 1, null, null],
  ['GAC-HONDA-FIT-2021-1.5L', 'GAC-HONDA', '飞度', 'Fit', '2021款 1.5L CVT 潮跑版', '2021-2026', '1.5L', '两厢轿车', 'LHG', 'GK5*4', 'T5A', 1, null, null],
  ['DF-HONDA-CIVIC-2022-1.5T', 'DF-HONDA', '思域', 'Civic', '2022款 240TURBO CVT 燃擎版', '2022-2026', '1.5T', '三厢轿车', 'LVH', 'FE1*6', 'T20', null, 'HONDA-ARCH', null],
  ['DF-HONDA-CRV-2017-1.5T', 'DF-HONDA', 'CR-V', 'CR-V', '2019款 240TURBO CVT 两驱舒适版', '2017-2022', '1.5T', 'SUV', 'LVH', 'EW1*5', 'TLA', null, null, null],
  ['DF-HONDA-CRV-2023-1.5T', 'DF-HONDA', 'CR-V', 'CR-V', '2023款 240TURBO 两驱锋尚5座版', '2023-2026', '1.5T', 'SUV', 'LVH', 'EW2*5', 'T3A', null, 'HONDA-ARCH', null],
  ['DF-NISSAN-SYLPHY-2020-1.6L', 'DF-NISSAN', '轩逸', 'Sylphy', '2022款 1.6L XL CVT 悦享版', '2020-2026', '1.6L', '三厢轿车', 'LGB', 'H8AE*', '3YU', 1, null, null],
  ['DF-NISSAN-XTRAIL-2021-1.5T', 'DF-NISSAN', '奇骏', 'X-Trail', '2021款 VC-Turbo 300 CVT 2WD 豪华版', '2021-2026', '1.5T', 'SUV', 'LGB', 'F4AC*', '6RR', null, null, null],
  ['DF-NISSAN-TEANA-2019-2.0L', 'DF-NISSAN', '天籁', 'Teana', '2021款 2.0L XL 舒适版', '2019-2026', '2.0L', '三厢轿车', 'LGB', 'L3AB*', '6CA', null, null, null],
  ['SGM-BUICK-EXCELLEGT-2018-1.5L', 'SGM-BUICK', '英朗', 'Excelle GT', '2021款 典范 1.5L CVT 精英型', '2018-2026', '1.5L', '三厢轿车', 'LSG', 'BL5*2', '621', 1, null, null],
  ['SGM-BUICK-REGAL-2017-2.0T', 'SGM-BUICK', '君威', 'Regal', '2020款 28T 豪华型', '2017-2026', '2.0T', '三厢轿车', 'LSG', 'GE5*4', '390', null, 'E2XX', null],
  ['SGM-BUICK-ENVISION-2020-2.0T', 'SGM-BUICK', '昂科威', 'Envision', '2020款 Plus 28T 四驱豪华型', '2020-2026', '2.0T', 'SUV', 'LSG', 'KE7*4', '844', null, 'E2XX', null],
  ['BMW-BRILLIANCE-3-2019-2.0T', 'BMW-BRILLIANCE', '3系', '3 Series', '2022款 325Li M运动套装', '2019-2026', '2.0T', '三厢轿车', 'LBV', '3A510', '729', null, 'CLAR', null],
  ['BMW-BRILLIANCE-5-2018-2.0T', 'BMW-BRILLIANCE', '5系', '5 Series', '2021款 530Li 领先型 M运动套装', '2018-2023', '2.0T', '三厢轿车', 'LBV', '5J510', '738', null, 'CLAR', null],
  ['BMW-BRILLIANCE-X3-2018-2.0T', 'BMW-BRILLIANCE', 'X3', 'X3', '2022款 xDrive30i 领先型 M曜夜套装', '2018-2026', '2.0T', 'SUV', 'LBV', '6X310', '746', null, 'CLAR', null],
  ['BEIJING-BENZ-C-2015-2.0T', 'BEIJING-BENZ', 'C级', 'C-Class', '2019款 C 260 L 运动版', '2015-2021', '2.0T', '三厢轿车', 'LE4', 'HF4K*', '205', null, 'MRA', null],
  ['BEIJING-BENZ-C-2022-1.5T', 'BEIJING-BENZ', 'C级', 'C-Class', '2022款 C 260 L 皓夜运动版', '2022-2026', '1.5T', '三厢轿车', 'LE4', 'HH4K*', '206', null, 'MRA2', null],
  ['BEIJING-BENZ-E-2017-2.0T', 'BEIJING-BENZ', 'E级', 'E-Class', '2021款 E 300 L 豪华型', '2017-2023', '2.0T', '三厢轿车', 'LE4', 'HK5K*', '213', null, 'MRA', null],
  ['BEIJING-BENZ-GLC-2016-2.0T', 'BEIJING-BENZ', 'GLC', 'GLC', '2020款 GLC 260 L 4MATIC 动感型', '2016-2022', '2.0T', 'SUV', 'LE4', 'HL5K*', '253', null, 'MRA', null],
  ['BYD-HAN-2020-EV', 'BYD', '汉', 'Han', '2022款 EV 创世版 715KM 前驱尊享型', '2020-2026', 'EV', '三厢轿车', 'LC0', 'C1CJ*', 'HN', 2, null, null],
  ['BYD-YUANPLUS-2022-EV', 'BYD', '元PLUS', 'Yuan PLUS', '2022款 510KM 旗舰型', '2022-2026', 'EV', 'SUV', 'LC0', 'C3CK*', 'YP', null, null, null],
  ['BYD-QINPLUS-2021-1.5L-PHEV', 'BYD', '秦PLUS', 'Qin PLUS', '2021款 DM-i 55KM 尊贵型', '2021-2026', '1.5L PHEV', '三厢轿车', 'LGX', 'CE6C*', 'CP', null, 'DM-I', null],
  ['BYD-SONGPLUS-2021-1.5L-PHEV', 'BYD', '宋PLUS', 'Song PLUS', '2021款 DM-i 51KM 旗舰型', '2021-2026', '1.5L PHEV', 'SUV', 'LGX', 'CE6D*', 'SP', null, 'DM-I', null],
  ['GEELY-PREFACE-2020-2.0T', 'GEELY', '星瑞', 'Preface', '2021款 2.0TD 尊贵型', '2020-2026', '2.0T', '三厢轿车', 'L6T', 'E8CL*', '701', null, null, null],
  ['GEELY-BOYUE-2018-1.5T', 'GEELY', '博越', 'Boyue', '2020款 1.5TD DCT 亚运版', '2018-2026', '1.5T', 'SUV', 'LB3', 'M6B*2', '601', null, null, null],
  ['GEELY-EMGRAND-2018-1.5L', 'GEELY', '帝豪', 'Emgrand', '2021款 UP 1.5L CVT 豪华型', '2018-2026', '1.5L', '三厢轿车', 'LB3', 'B4A*5', '301', null, null, null],
  ['TESLA-MODEL3-2019-EV', 'TESLA', 'Model 3', 'Model 3', '2021款 标准续航后驱升级版', '2019-2026', 'EV', '三厢轿车', 'LRW', '3E7E*', '084', null, 'TESLA-3Y', null],
  ['TESLA-MODELY-2021-EV', 'TESLA', 'Model Y', 'Model Y', '2022款 后轮驱动版', '2021-2026', 'EV', 'SUV', 'LRW', 'YGEE*', '494', null, 'TESLA-3Y', null],
  ['GWM-HAVALH6-2017-1.5T', 'GWM', '哈弗H6', 'Haval H6', '2019款 红标 1.5GDIT 自动豪华智联版', '2017-2020', '1.5T', 'SUV', 'LGW', 'EE6A*', 'XKZ', null, null, null],
  ['GWM-HAVALH6-2021-1.5T', 'GWM', '哈弗H6', 'Haval H6', '2021款 第三代 1.5T 自动两驱 Max', '2021-2026', '1.5T', 'SUV', 'LGW', 'EE6A*', 'XMA', null, null, null],
];

// Characters for the `*` positions of sample VINs: varied, and never a letter banned in VINs.
const FILL = '7K3P5H9D2M';

let cached: readonly DemoModel[] | undefined;

// Every demo model, each with a sample VIN that decodes to it (for docs, tests and first use).
export function demoVehicleModels(): readonly DemoModel[] {
  cached ??= ROWS.map((row, i) => {
    const [code, makerKey, series, seriesEn, model, years, engine, body, wmi, vdsPattern, oeCode, tier, platform, bodyKey] = row;
    const maker = makerOf(makerKey);
    const [yearFrom, yearTo] = years.split('-').map(Number) as [number, number];
    const rule = { wmi, vdsPattern, yearFrom, yearTo };
    const year = yearFrom + Math.floor((yearTo - yearFrom) / 2);
    const sampleVin = buildSampleVin(rule, { year, fill: FILL.slice(i % FILL.length) + FILL, plant: maker.plant, serial: 102_345 + i * 7_919 });
    return {
      code,
      makerKey,
      brand: maker.brand,
      brandEn: maker.brandEn,
      series,
      seriesEn,
      model,
      yearFrom,
      yearTo,
      engine,
      body,
      wmi,
      vdsPattern,
      sampleVin,
      oeCode,
      tier: tier ?? maker.tier,
      platform: platform ?? code,
      bodyKey: bodyKey ?? code,
    };
  });
  return cached;
}
