import type { Text } from '../../platform/i18n.ts';

// Part grades (配件分级), best first. The order is the one offers are listed in, and the one an
// insurer's policy reasons in ("certified or better").
export const grades = ['oem', 'oes', 'certified', 'aftermarket', 'recycled'] as const;
export type Grade = (typeof grades)[number];

export const gradeNames: Record<Grade, Text> = {
  oem: { 'zh-CN': '原厂件', en: 'OEM (genuine)' },
  oes: { 'zh-CN': '品牌件', en: 'OES (maker’s supplier brand)' },
  certified: { 'zh-CN': '认证件', en: 'Certified' },
  aftermarket: { 'zh-CN': '适用件', en: 'Aftermarket' },
  recycled: { 'zh-CN': '再制造/拆车件', en: 'Remanufactured / used' },
};

export function gradeRank(grade: Grade): number {
  return grades.indexOf(grade);
}
