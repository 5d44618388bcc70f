import type { Category } from '../../modules/catalog/categories.ts';

// The collision parts an adjuster lists most often (定损常用件), as the vocabulary both the demo and
// the large catalog draw from. Each template carries, per OE-number style, the group code the
// carmakers really file the part under (VW main/sub group, Toyota/Honda/Nissan base number, BMW
// ETK group, Mercedes group, and the QC/T 265 group Chinese makers use), so generated numbers
// look like the ones on a real parts sticker.

// Which cars of a maker share one OE number for this part:
// - body: one car body (a model, or models built on the same body such as a car and its hybrid);
// - platform: every model on one platform (suspension, sensors, cooling);
// - engine: every model on one platform with the same engine (intake, intercooler).
export type PartScope = 'body' | 'platform' | 'engine';

// Parts only some powertrains have: air filters need a combustion engine, intercoolers a turbo.
export type PowertrainNeed = 'ice' | 'turbo';

export type StyleCodes = {
  vw: string; // main group + sub group, `807 221`
  toyota: string; // base number, `52119`
  honda: string; // base number, `71101`
  nissan: string; // base number, `62022`
  bmw: string; // main group + sub group, `51 11`
  benz: string; // group + sub-group, `885 01`
  qct: string; // QC/T 265 seven-digit group, `2803101`
};

export type PartTemplate = {
  key: string;
  nameZh: string;
  nameEn: string;
  category: Category;
  // The OE list price, VAT included, of this part for an economy car, in yuan.
  priceYuan: readonly [number, number];
  // How much the price follows the car's tier: 1 fully (panels, lamps); airbags and sensors are
  // bought from the same few suppliers for every car, so their prices spread less.
  tierSensitivity: number;
  scope: PartScope;
  needs?: PowertrainNeed;
  codes: StyleCodes;
};

type Row = [
  key: string,
  nameZh: string,
  nameEn: string,
  category: Category,
  low: number,
  high: number,
  sensitivity: number,
  scope: PartScope,
  needs: PowertrainNeed | null,
  vw: string,
  toyota: string,
  honda: string,
  nissan: string,
  bmw: string,
  benz: string,
  qct: string,
];

// prettier-ignore
const ROWS: Row[] = [
  ['front-bumper-cover', '前保险杠皮', 'Front bumper cover', 'body', 900, 1300, 1, 'body', null, '807 221', '52119', '71101', '62022', '51 11', '885 01', '2803101'],
  ['front-bumper-frame', '前保险杠骨架', 'Front bumper support frame', 'structure', 200, 450, 1, 'body', null, '807 723', '52115', '71190', '62030', '51 11', '885 02', '2803110'],
  ['front-lower-grille', '前保险杠下格栅', 'Front bumper lower grille', 'body', 120, 260, 1, 'body', null, '853 677', '53112', '71103', '62254', '51 11', '885 03', '2803140'],
  ['radiator-grille', '中网', 'Radiator grille', 'body', 400, 900, 1, 'body', null, '853 651', '53111', '71121', '62310', '51 13', '888 01', '8401500'],
  ['hood', '发动机盖', 'Bonnet (hood)', 'body', 1200, 2000, 1, 'body', null, '823 031', '53301', '60100', 'F5100', '41 00', '880 01', '8402010'],
  ['fender-lh', '左前叶子板', 'LH front fender', 'body', 500, 900, 1, 'body', null, '821 021', '53812', '60261', 'F3101', '41 35', '881 01', '8403101'],
  ['fender-rh', '右前叶子板', 'RH front fender', 'body', 500, 900, 1, 'body', null, '821 022', '53811', '60211', 'F3100', '41 35', '881 02', '8403102'],
  ['door-lh', '左前门壳', 'LH front door shell', 'body', 1500, 2600, 1, 'body', null, '831 311', '67002', '67050', 'H0101', '41 00', '720 01', '6101010'],
  ['door-rh', '右前门壳', 'RH front door shell', 'body', 1500, 2600, 1, 'body', null, '831 312', '67001', '67010', 'H0100', '41 00', '720 02', '6101020'],
  ['mirror-lh', '左后视镜总成', 'LH door mirror assembly', 'body', 600, 1200, 1, 'body', null, '857 507', '87940', '76258', '96302', '51 16', '810 01', '8202100'],
  ['mirror-rh', '右后视镜总成', 'RH door mirror assembly', 'body', 600, 1200, 1, 'body', null, '857 508', '87910', '76208', '96301', '51 16', '810 02', '8202200'],
  ['rear-bumper-cover', '后保险杠皮', 'Rear bumper cover', 'body', 900, 1300, 1, 'body', null, '807 421', '52159', '71501', '85022', '51 12', '885 11', '2804101'],
  ['boot-lid', '后备箱盖', 'Boot lid / tailgate', 'body', 1400, 2400, 1, 'body', null, '827 025', '64401', '68100', 'H4300', '41 00', '750 01', '5601010'],
  ['crash-beam', '前防撞梁', 'Front crash beam', 'structure', 400, 800, 1, 'body', null, '807 109', '52131', '71130', '62090', '51 11', '620 01', '2803500'],
  ['radiator-support', '水箱框架', 'Radiator support (front-end carrier)', 'structure', 500, 1000, 1, 'body', null, '805 588', '53205', '60400', '62500', '51 64', '620 02', '8400100'],
  ['side-member-lh', '左前纵梁', 'LH front side member', 'structure', 900, 1700, 1, 'body', null, '809 603', '57102', '60810', 'G5111', '41 11', '630 01', '5101210'],
  ['side-member-rh', '右前纵梁', 'RH front side member', 'structure', 900, 1700, 1, 'body', null, '809 604', '57101', '60860', 'G5110', '41 11', '630 02', '5101220'],
  ['headlamp-lh', '左前大灯总成', 'LH headlamp assembly', 'lighting', 1500, 2800, 1, 'body', null, '941 005', '81150', '33150', '26060', '63 11', '906 01', '4121100'],
  ['headlamp-rh', '右前大灯总成', 'RH headlamp assembly', 'lighting', 1500, 2800, 1, 'body', null, '941 006', '81110', '33100', '26010', '63 11', '906 02', '4121200'],
  ['fog-lamp-lh', '左前雾灯', 'LH front fog lamp', 'lighting', 150, 350, 0.8, 'body', null, '941 699', '81220', '33950', '26155', '63 17', '906 03', '4116100'],
  ['fog-lamp-rh', '右前雾灯', 'RH front fog lamp', 'lighting', 150, 350, 0.8, 'body', null, '941 700', '81210', '33900', '26150', '63 17', '906 04', '4116200'],
  ['tail-lamp-lh', '左尾灯总成', 'LH tail lamp assembly', 'lighting', 500, 950, 1, 'body', null, '945 095', '81560', '33550', '26555', '63 21', '906 05', '4133100'],
  ['tail-lamp-rh', '右尾灯总成', 'RH tail lamp assembly', 'lighting', 500, 950, 1, 'body', null, '945 096', '81550', '33500', '26550', '63 21', '906 06', '4133200'],
  ['windscreen', '前挡风玻璃', 'Windscreen', 'glass', 900, 1600, 0.8, 'body', null, '845 011', '56101', '73111', '72700', '51 31', '670 01', '5206100'],
  ['rear-window', '后挡风玻璃', 'Rear window glass', 'glass', 700, 1200, 0.8, 'body', null, '845 051', '64811', '73211', '79700', '51 31', '670 02', '5606100'],
  ['door-glass-lh', '左前门玻璃', 'LH front door glass', 'glass', 250, 450, 0.8, 'body', null, '845 201', '68102', '73350', '80301', '51 33', '725 01', '6103101'],
  ['radiator', '散热器', 'Radiator', 'cooling', 600, 1100, 0.8, 'platform', null, '121 253', '16400', '19010', '21410', '17 11', '500 01', '1301100'],
  ['condenser', '冷凝器', 'A/C condenser', 'cooling', 500, 900, 0.8, 'platform', null, '816 411', '88460', '80110', '92100', '64 53', '500 02', '8105100'],
  ['cooling-fan', '电子扇总成', 'Electric cooling fan assembly', 'cooling', 700, 1300, 0.8, 'platform', null, '959 455', '16360', '19015', '21481', '17 42', '500 03', '1308100'],
  ['intercooler', '中冷器', 'Intercooler', 'cooling', 600, 1000, 0.8, 'engine', 'turbo', '145 805', '17940', '19710', '14461', '17 51', '090 01', '1119100'],
  ['shock-lh', '左前减震器', 'LH front shock absorber', 'chassis', 400, 800, 0.8, 'platform', null, '413 031', '48520', '51621', 'E4303', '31 31', '320 01', '2905100'],
  ['shock-rh', '右前减震器', 'RH front shock absorber', 'chassis', 400, 800, 0.8, 'platform', null, '413 032', '48510', '51611', 'E4302', '31 31', '320 02', '2905200'],
  ['lower-arm-lh', '左前下摆臂', 'LH front lower control arm', 'chassis', 300, 600, 0.8, 'platform', null, '407 151', '48069', '51360', '54501', '31 12', '330 01', '2904100'],
  ['lower-arm-rh', '右前下摆臂', 'RH front lower control arm', 'chassis', 300, 600, 0.8, 'platform', null, '407 152', '48068', '51350', '54500', '31 12', '330 02', '2904200'],
  ['knuckle-lh', '左前转向节', 'LH front steering knuckle', 'chassis', 500, 900, 0.8, 'platform', null, '407 255', '43212', '51216', '40015', '31 21', '330 03', '3001101'],
  ['knuckle-rh', '右前转向节', 'RH front steering knuckle', 'chassis', 500, 900, 0.8, 'platform', null, '407 256', '43211', '51211', '40014', '31 21', '330 04', '3001102'],
  ['parking-sensor', '倒车雷达探头', 'Parking sensor', 'electrical', 150, 350, 0.6, 'platform', null, '919 275', '89341', '39680', '28438', '66 20', '905 01', '3603110'],
  ['front-radar', '前毫米波雷达', 'Front millimetre-wave radar', 'electrical', 2500, 4500, 0.5, 'platform', null, '907 561', '88210', '36802', '284E7', '66 31', '905 02', '3603500'],
  ['wheel-speed-sensor', '左前轮速传感器', 'LH front wheel speed sensor', 'electrical', 150, 300, 0.6, 'platform', null, '927 807', '89543', '57455', '47910', '34 52', '905 03', '3550110'],
  ['airbag-driver', '主驾驶安全气囊', 'Driver airbag', 'safety', 2500, 3500, 0.3, 'body', null, '880 201', '45130', '77800', '98510', '32 30', '860 01', '5811100'],
  ['airbag-passenger', '副驾驶安全气囊', 'Passenger airbag', 'safety', 2800, 3800, 0.3, 'body', null, '880 204', '73960', '77820', '98515', '72 12', '860 02', '5811200'],
  ['curtain-airbag-lh', '左侧气帘', 'LH curtain airbag', 'safety', 2000, 3000, 0.3, 'body', null, '880 741', '62180', '78875', '985P1', '72 12', '860 03', '5811300'],
  ['seat-belt-lh', '左前安全带总成', 'LH front seat belt assembly', 'safety', 600, 1100, 0.5, 'body', null, '857 705', '73220', '04818', '86885', '72 11', '860 04', '5811410'],
  ['seat-belt-rh', '右前安全带总成', 'RH front seat belt assembly', 'safety', 600, 1100, 0.5, 'body', null, '857 706', '73210', '04814', '86884', '72 11', '860 05', '5811420'],
  ['srs-module', '安全气囊控制模块', 'Airbag control module', 'safety', 1500, 3000, 0.5, 'platform', null, '959 655', '89170', '77960', '98820', '65 77', '900 01', '3658100'],
  ['dashboard', '仪表台', 'Dashboard (instrument panel)', 'interior', 1800, 3500, 1, 'body', null, '857 001', '55401', '77100', '68200', '51 45', '680 01', '5305100'],
  ['a-pillar-trim-lh', '左A柱饰板', 'LH A-pillar trim', 'interior', 80, 200, 0.8, 'body', null, '867 233', '62212', '84151', '76912', '51 43', '690 01', '5402110'],
  ['a-pillar-trim-rh', '右A柱饰板', 'RH A-pillar trim', 'interior', 80, 200, 0.8, 'body', null, '867 234', '62211', '84101', '76911', '51 43', '690 02', '5402120'],
  ['engine-undertray', '发动机下护板', 'Engine undertray', 'engine', 150, 400, 0.8, 'platform', 'ice', '825 235', '51441', '74111', '75892', '51 75', '520 01', '2810100'],
  ['air-filter-housing', '空气滤清器总成', 'Air filter housing assembly', 'engine', 250, 500, 0.8, 'engine', 'ice', '129 607', '17700', '17200', '16500', '13 71', '090 02', '1109100'],
];

export const partTemplates: readonly PartTemplate[] = ROWS.map(([key, nameZh, nameEn, category, low, high, tierSensitivity, scope, needs, vw, toyota, honda, nissan, bmw, benz, qct]) => ({
  key,
  nameZh,
  nameEn,
  category,
  priceYuan: [low, high] as const,
  tierSensitivity,
  scope,
  ...(needs ? { needs } : {}),
  codes: { vw, toyota, honda, nissan, bmw, benz, qct },
}));

// Position of a template in the list: numeric OE styles (GM, Geely, Tesla) carry it in the number.
export const templateIndex: ReadonlyMap<string, number> = new Map(partTemplates.map((t, i) => [t.key, i]));

// Whether a car with this engine has the part at all ('EV' has neither air filter nor intercooler;
// hybrids and plug-in hybrids keep their combustion engine's parts).
export function templateFits(template: PartTemplate, engine: string): boolean {
  if (template.needs === 'ice') return engine !== 'EV';
  if (template.needs === 'turbo') return /T\b/.test(engine);
  return true;
}
