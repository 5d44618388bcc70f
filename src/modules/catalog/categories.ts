import type { Text } from '../../platform/i18n.ts';

// A collision-parts taxonomy: the groups an adjuster thinks in when listing damage (定损), which
// is also how insurers set policy (e.g. airbags and belts: OEM only).
export const categories = {
  body: { 'zh-CN': '外观件', en: 'Body panels' },
  structure: { 'zh-CN': '车身结构件', en: 'Body structure' },
  lighting: { 'zh-CN': '灯具', en: 'Lighting' },
  glass: { 'zh-CN': '玻璃', en: 'Glass' },
  cooling: { 'zh-CN': '散热', en: 'Cooling' },
  chassis: { 'zh-CN': '底盘悬挂', en: 'Chassis and suspension' },
  electrical: { 'zh-CN': '电器', en: 'Electrical and sensors' },
  safety: { 'zh-CN': '安全', en: 'Airbags and belts' },
  interior: { 'zh-CN': '内饰', en: 'Interior' },
  engine: { 'zh-CN': '发动机附件', en: 'Engine ancillaries' },
} as const satisfies Record<string, Text>;

export type Category = keyof typeof categories;
export const categoryCodes = Object.keys(categories) as [Category, ...Category[]];
