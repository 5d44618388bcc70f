import type { OeStyle } from './oe-formats.ts';

// Carmakers selling in China as the parts trade sees them: the joint venture or maker (厂商) that
// owns the WMI, the marque its genuine parts carry, the OE-number style, a price tier and, for
// the generated catalog, its best-known series.

// 1 economy, 2 mainstream, 3 upper, 4 premium: OE list prices scale with it (see pricing.ts).
export type Tier = 1 | 2 | 3 | 4;

export type Series = { zh: string; en: string; body: string; engines: readonly string[] };

export type Maker = {
  key: string;
  brand: string;
  brandEn: string;
  // The brand on genuine (oem) parts, e.g. 大众 for both FAW-VW and SAIC VW.
  marque: string;
  wmis: readonly string[];
  style: OeStyle;
  // Leading digits of numeric OE styles (GM 2…, Cadillac 8…, Volvo 3…, Geely 66…).
  prefix: string;
  tier: Tier;
  // VIN position 11, the assembly plant (e.g. C for Changchun).
  plant: string;
  series: readonly Series[];
};

type SeriesRow = [zh: string, en: string, body: string, engines: string];

function maker(key: string, brand: string, brandEn: string, marque: string, wmis: string, style: OeStyle, prefix: string, tier: Tier, plant: string, series: SeriesRow[]): Maker {
  return {
    key,
    brand,
    brandEn,
    marque,
    wmis: wmis.split(','),
    style,
    prefix,
    tier,
    plant,
    series: series.map(([zh, en, body, engines]) => ({ zh, en, body, engines: engines.split(',') })),
  };
}

const SEDAN = '三厢轿车';
const HATCH = '两厢轿车';
const SUV = 'SUV';
const MPV = 'MPV';

// prettier-ignore
export const makers: readonly Maker[] = [
  maker('FAW-VW', '一汽-大众', 'FAW-Volkswagen', '大众', 'LFV', 'vw', '', 2, 'C', [
    ['速腾', 'Sagitar', SEDAN, '1.2T,1.4T,1.5T'],
    ['迈腾', 'Magotan', SEDAN, '1.4T,2.0T'],
    ['宝来', 'Bora', SEDAN, '1.5L,1.2T'],
    ['高尔夫', 'Golf', HATCH, '1.2T,1.4T,2.0T'],
    ['探岳', 'Tayron', SUV, '1.4T,2.0T'],
    ['探歌', 'T-Roc', SUV, '1.2T,1.4T'],
    ['CC', 'CC', SEDAN, '2.0T'],
    ['揽境', 'Talagon', SUV, '2.0T,2.5T'],
    ['ID.4 CROZZ', 'ID.4 CROZZ', SUV, 'EV'],
  ]),
  maker('FAW-AUDI', '一汽-奥迪', 'FAW-Audi', '奥迪', 'LFV', 'vw', '', 4, 'C', [
    ['A4L', 'A4L', SEDAN, '2.0T'],
    ['A6L', 'A6L', SEDAN, '2.0T,3.0T'],
    ['Q5L', 'Q5L', SUV, '2.0T'],
    ['Q3', 'Q3', SUV, '1.4T,2.0T'],
    ['A3', 'A3', HATCH, '1.4T'],
    ['Q4 e-tron', 'Q4 e-tron', SUV, 'EV'],
  ]),
  maker('SAIC-VW', '上汽大众', 'SAIC Volkswagen', '大众', 'LSV', 'vw', '', 2, 'S', [
    ['朗逸', 'Lavida', SEDAN, '1.5L,1.2T,1.4T'],
    ['帕萨特', 'Passat', SEDAN, '1.4T,2.0T'],
    ['途观L', 'Tiguan L', SUV, '1.4T,2.0T'],
    ['凌渡', 'Lamando', SEDAN, '1.4T,2.0T'],
    ['途昂', 'Teramont', SUV, '2.0T,2.5T'],
    ['途岳', 'Tharu', SUV, '1.2T,1.4T'],
    ['威然', 'Viloran', MPV, '2.0T'],
    ['ID.3', 'ID.3', HATCH, 'EV'],
  ]),
  maker('SAIC-SKODA', '上汽斯柯达', 'SAIC Skoda', '斯柯达', 'LSV', 'vw', '', 1, 'N', [
    ['明锐', 'Octavia', SEDAN, '1.5L,1.4T'],
    ['速派', 'Superb', SEDAN, '1.4T,2.0T'],
    ['柯迪亚克', 'Kodiaq', SUV, '2.0T'],
    ['柯珞克', 'Karoq', SUV, '1.4T'],
  ]),
  maker('FAW-TOYOTA', '一汽丰田', 'FAW Toyota', '丰田', 'LFM', 'toyota', '', 2, 'T', [
    ['卡罗拉', 'Corolla', SEDAN, '1.2T,1.5L,1.8L HEV'],
    ['亚洲龙', 'Avalon', SEDAN, '2.0L,2.5L HEV'],
    ['RAV4荣放', 'RAV4', SUV, '2.0L,2.5L HEV'],
    ['皇冠陆放', 'Crown Kluger', SUV, '2.5L HEV'],
    ['威驰', 'Vios', SEDAN, '1.5L'],
    ['奕泽', 'IZOA', SUV, '2.0L'],
    ['bZ3', 'bZ3', SEDAN, 'EV'],
  ]),
  maker('GAC-TOYOTA', '广汽丰田', 'GAC Toyota', '丰田', 'LVG', 'toyota', '', 2, 'G', [
    ['凯美瑞', 'Camry', SEDAN, '2.0L,2.5L HEV'],
    ['雷凌', 'Levin', SEDAN, '1.2T,1.5L,1.8L HEV'],
    ['汉兰达', 'Highlander', SUV, '2.0T,2.5L HEV'],
    ['威兰达', 'Wildlander', SUV, '2.0L,2.5L HEV'],
    ['C-HR', 'C-HR', SUV, '2.0L'],
    ['赛那', 'Sienna', MPV, '2.5L HEV'],
    ['致炫', 'Yaris L', HATCH, '1.5L'],
    ['bZ4X', 'bZ4X', SUV, 'EV'],
  ]),
  maker('BEIJING-HYUNDAI', '北京现代', 'Beijing Hyundai', '现代', 'LBE', 'toyota', '', 1, 'B', [
    ['伊兰特', 'Elantra', SEDAN, '1.5L,1.4T'],
    ['索纳塔', 'Sonata', SEDAN, '1.5T,2.0T'],
    ['途胜', 'Tucson', SUV, '1.5T,2.0L'],
    ['ix35', 'ix35', SUV, '2.0L'],
    ['名图', 'Mistra', SEDAN, '1.8L,1.4T'],
    ['胜达', 'Santa Fe', SUV, '2.0T'],
  ]),
  maker('DYK', '东风悦达起亚', 'Dongfeng Yueda Kia', '起亚', 'LJD', 'toyota', '', 1, 'Y', [
    ['K3', 'K3', SEDAN, '1.5L,1.4T'],
    ['K5', 'K5', SEDAN, '1.5T,2.0T'],
    ['智跑', 'Sportage', SUV, '1.4T,2.0L'],
    ['狮跑', 'Sportage Ace', SUV, '1.4T,2.0L'],
    ['焕驰', 'Pegas', SEDAN, '1.4L'],
  ]),
  maker('GAC-HONDA', '广汽本田', 'GAC Honda', '本田', 'LHG', 'honda', '', 2, 'G', [
    ['雅阁', 'Accord', SEDAN, '1.5T,2.0L HEV'],
    ['凌派', 'Crider', SEDAN, '1.0T,1.5L'],
    ['飞度', 'Fit', HATCH, '1.5L'],
    ['缤智', 'Vezel', SUV, '1.5L'],
    ['冠道', 'Avancier', SUV, '1.5T,2.0T'],
    ['皓影', 'Breeze', SUV, '1.5T,2.0L HEV'],
    ['奥德赛', 'Odyssey', MPV, '2.0L HEV'],
  ]),
  maker('DF-HONDA', '东风本田', 'Dongfeng Honda', '本田', 'LVH', 'honda', '', 2, 'W', [
    ['思域', 'Civic', SEDAN, '1.5T,2.0L HEV'],
    ['CR-V', 'CR-V', SUV, '1.5T,2.0L HEV'],
    ['XR-V', 'XR-V', SUV, '1.5L'],
    ['艾力绅', 'Elysion', MPV, '2.0L HEV'],
    ['英仕派', 'Inspire', SEDAN, '1.5T,2.0L HEV'],
    ['享域', 'Integra', SEDAN, '1.5T'],
  ]),
  maker('DF-NISSAN', '东风日产', 'Dongfeng Nissan', '日产', 'LGB', 'nissan', '', 1, 'F', [
    ['轩逸', 'Sylphy', SEDAN, '1.6L,1.2L e-POWER'],
    ['天籁', 'Teana', SEDAN, '2.0L,2.0T'],
    ['奇骏', 'X-Trail', SUV, '1.5T,2.0L'],
    ['逍客', 'Qashqai', SUV, '2.0L,1.3T'],
    ['劲客', 'Kicks', SUV, '1.5L'],
    ['骐达', 'Tiida', HATCH, '1.6L'],
    ['楼兰', 'Murano', SUV, '2.5L HEV'],
  ]),
  maker('SGM-BUICK', '上汽通用别克', 'SAIC-GM Buick', '别克', 'LSG', 'numeric8', '2', 2, 'J', [
    ['英朗', 'Excelle GT', SEDAN, '1.5L,1.3T'],
    ['君威', 'Regal', SEDAN, '1.5T,2.0T'],
    ['君越', 'LaCrosse', SEDAN, '1.5T,2.0T'],
    ['昂科威', 'Envision', SUV, '1.5T,2.0T'],
    ['昂科拉', 'Encore', SUV, '1.3T'],
    ['GL8', 'GL8', MPV, '2.0T'],
    ['威朗', 'Verano', SEDAN, '1.3T,1.5T'],
  ]),
  maker('SGM-CHEVROLET', '上汽通用雪佛兰', 'SAIC-GM Chevrolet', '雪佛兰', 'LSG', 'numeric8', '2', 1, 'K', [
    ['科鲁泽', 'Cruze', SEDAN, '1.0T,1.3T'],
    ['迈锐宝XL', 'Malibu XL', SEDAN, '1.5T,2.0T'],
    ['探界者', 'Equinox', SUV, '1.5T,2.0T'],
    ['创酷', 'Trax', SUV, '1.4T'],
    ['开拓者', 'Traverse', SUV, '2.0T'],
  ]),
  maker('SGM-CADILLAC', '上汽通用凯迪拉克', 'SAIC-GM Cadillac', '凯迪拉克', 'LSG', 'numeric8', '8', 3, 'J', [
    ['CT5', 'CT5', SEDAN, '2.0T'],
    ['CT6', 'CT6', SEDAN, '2.0T'],
    ['XT4', 'XT4', SUV, '2.0T'],
    ['XT5', 'XT5', SUV, '2.0T'],
    ['XT6', 'XT6', SUV, '2.0T'],
  ]),
  maker('VOLVO-ASIA', '沃尔沃亚太', 'Volvo Car Asia Pacific', '沃尔沃', 'LYV', 'numeric8', '3', 3, 'D', [
    ['S60', 'S60', SEDAN, '2.0T'],
    ['S90', 'S90', SEDAN, '2.0T'],
    ['XC60', 'XC60', SUV, '2.0T'],
    ['XC40', 'XC40', SUV, '1.5T,2.0T'],
  ]),
  maker('BMW-BRILLIANCE', '华晨宝马', 'BMW Brilliance', '宝马', 'LBV', 'bmw', '', 4, 'S', [
    ['3系', '3 Series', SEDAN, '1.5T,2.0T'],
    ['5系', '5 Series', SEDAN, '2.0T'],
    ['X1', 'X1', SUV, '1.5T,2.0T'],
    ['X3', 'X3', SUV, '2.0T'],
    ['X5', 'X5', SUV, '3.0T'],
    ['iX3', 'iX3', SUV, 'EV'],
    ['1系', '1 Series', HATCH, '1.5T'],
  ]),
  maker('BEIJING-BENZ', '北京奔驰', 'Beijing Benz', '奔驰', 'LE4', 'benz', '', 4, 'B', [
    ['C级', 'C-Class', SEDAN, '1.5T,2.0T'],
    ['E级', 'E-Class', SEDAN, '2.0T'],
    ['GLC', 'GLC', SUV, '2.0T'],
    ['GLA', 'GLA', SUV, '1.3T'],
    ['GLB', 'GLB', SUV, '1.3T,2.0T'],
    ['A级', 'A-Class', SEDAN, '1.3T'],
    ['EQC', 'EQC', SUV, 'EV'],
  ]),
  maker('BYD', '比亚迪', 'BYD Auto', '比亚迪', 'LGX,LC0', 'qct', '', 1, 'S', [
    ['汉', 'Han', SEDAN, 'EV,1.5T PHEV'],
    ['唐', 'Tang', SUV, 'EV,1.5T PHEV'],
    ['宋PLUS', 'Song PLUS', SUV, 'EV,1.5L PHEV'],
    ['秦PLUS', 'Qin PLUS', SEDAN, 'EV,1.5L PHEV'],
    ['元PLUS', 'Yuan PLUS', SUV, 'EV'],
    ['海豚', 'Dolphin', HATCH, 'EV'],
    ['海豹', 'Seal', SEDAN, 'EV'],
    ['宋Pro', 'Song Pro', SUV, '1.5L PHEV'],
  ]),
  maker('GEELY', '吉利汽车', 'Geely Automobile', '吉利', 'LB3,L6T', 'numeric10', '66', 1, 'N', [
    ['星瑞', 'Preface', SEDAN, '2.0T,1.5T PHEV'],
    ['星越L', 'Monjaro', SUV, '2.0T,1.5T HEV'],
    ['博越', 'Boyue', SUV, '1.5T,1.8T'],
    ['帝豪', 'Emgrand', SEDAN, '1.5L'],
    ['缤瑞', 'Binrui', SEDAN, '1.0T,1.4T'],
    ['缤越', 'Binyue', SUV, '1.0T,1.5T'],
    ['嘉际', 'Jiaji', MPV, '1.5T,1.8T'],
    ['银河L7', 'Galaxy L7', SUV, '1.5T PHEV'],
  ]),
  maker('TESLA', '特斯拉', 'Tesla Shanghai', '特斯拉', 'LRW', 'tesla', '', 3, 'C', [
    ['Model 3', 'Model 3', SEDAN, 'EV'],
    ['Model Y', 'Model Y', SUV, 'EV'],
  ]),
  maker('GWM', '长城汽车', 'Great Wall Motor', '哈弗', 'LGW', 'gwm', '', 1, 'B', [
    ['哈弗H6', 'Haval H6', SUV, '1.5T,2.0T'],
    ['哈弗H9', 'Haval H9', SUV, '2.0T'],
    ['哈弗大狗', 'Haval Dargo', SUV, '1.5T,2.0T'],
    ['哈弗M6', 'Haval M6', SUV, '1.5T'],
    ['坦克300', 'Tank 300', SUV, '2.0T'],
    ['魏牌摩卡', 'WEY Mocha', SUV, '2.0T'],
  ]),
  maker('CHERY', '奇瑞汽车', 'Chery Automobile', '奇瑞', 'LVV', 'gwm', '', 1, 'D', [
    ['艾瑞泽5', 'Arrizo 5', SEDAN, '1.5L,1.5T'],
    ['艾瑞泽8', 'Arrizo 8', SEDAN, '1.6T,2.0T'],
    ['瑞虎8', 'Tiggo 8', SUV, '1.6T,2.0T'],
    ['瑞虎7', 'Tiggo 7', SUV, '1.5T,1.6T'],
    ['瑞虎5x', 'Tiggo 5x', SUV, '1.5L,1.5T'],
  ]),
  maker('CHANGAN', '长安汽车', 'Changan Automobile', '长安', 'LS5', 'gwm', '', 1, 'A', [
    ['逸动', 'Eado', SEDAN, '1.4T,1.6L'],
    ['CS75 PLUS', 'CS75 PLUS', SUV, '1.5T,2.0T'],
    ['CS55 PLUS', 'CS55 PLUS', SUV, '1.5T'],
    ['UNI-K', 'UNI-K', SUV, '2.0T'],
    ['UNI-V', 'UNI-V', SEDAN, '1.5T'],
    ['锐程CC', 'Raeton CC', SEDAN, '1.5T'],
  ]),
  maker('GAC-TRUMPCHI', '广汽传祺', 'GAC Trumpchi', '传祺', 'LMG', 'qct', '', 1, 'A', [
    ['GS4', 'GS4', SUV, '1.5T'],
    ['GS8', 'GS8', SUV, '2.0T,2.0T HEV'],
    ['M8', 'M8', MPV, '2.0T,2.0T HEV'],
    ['影豹', 'Empow', SEDAN, '1.5T'],
    ['影酷', 'Emkoo', SUV, '1.5T,2.0T HEV'],
  ]),
  maker('SAIC-ROEWE', '上汽乘用车', 'SAIC Motor Passenger Vehicle', '荣威', 'LSJ', 'qct', '', 1, 'W', [
    ['荣威i5', 'Roewe i5', SEDAN, '1.5L,1.5T'],
    ['荣威RX5', 'Roewe RX5', SUV, '1.5T,2.0T'],
    ['MG5', 'MG5', SEDAN, '1.5L,1.5T'],
    ['MG ZS', 'MG ZS', SUV, '1.5L'],
    ['荣威i6', 'Roewe i6', SEDAN, '1.5T,1.6L'],
  ]),
  maker('FAW-HONGQI', '一汽红旗', 'FAW Hongqi', '红旗', 'LFP', 'gwm', '', 3, 'H', [
    ['H5', 'H5', SEDAN, '1.5T,2.0T'],
    ['H9', 'H9', SEDAN, '2.0T,3.0T'],
    ['HS5', 'HS5', SUV, '2.0T'],
    ['HS7', 'HS7', SUV, '2.0T,3.0T'],
    ['E-HS9', 'E-HS9', SUV, 'EV'],
  ]),
  maker('SGMW', '上汽通用五菱', 'SAIC-GM-Wuling', '五菱', 'LZW', 'qct', '', 1, 'L', [
    ['宏光MINIEV', 'Hongguang MINIEV', HATCH, 'EV'],
    ['五菱星辰', 'Wuling Xingchen', SUV, '1.5T,1.5L HEV'],
    ['宝骏510', 'Baojun 510', SUV, '1.5L'],
    ['宝骏RS-3', 'Baojun RS-3', SUV, '1.5L,1.5T'],
  ]),
];

export const makersByKey: ReadonlyMap<string, Maker> = new Map(makers.map((m) => [m.key, m]));

export function makerOf(key: string): Maker {
  const found = makersByKey.get(key);
  if (!found) throw new Error(`unknown maker ${key}`);
  return found;
}
