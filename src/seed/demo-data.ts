import type { OrgKind, Role } from '../platform/access.ts';

export const DEMO_PASSWORD = 'anpei-demo';

export type DemoOrg = {
  key: string;
  kind: OrgKind;
  name: string;
  nameEn: string;
  regionCode: string;
  // The nine organisation-code characters of a fictional unified social credit code (positions
  // 9-17); the prefix 91 (enterprise), the region and the check character are added by the seed.
  usccBody: string;
  users: { email: string; name: string; roles: Role[] }[];
};

// The demo world: the platform, two insurers, three suppliers (a manufacturer, a distributor and a
// certified-parts maker), two regional operators, repair shops in five provinces and a factoring
// company that funds suppliers' receivables beside the platform (资金方). Company names
// and credit codes are fictional; every user's password is DEMO_PASSWORD.
export const demoOrgs: DemoOrg[] = [
  {
    key: 'platform',
    kind: 'platform',
    name: '邦邦汽服·安配平台',
    nameEn: 'Anpei platform (BangBang)',
    regionCode: '110105',
    usccBody: 'MAA000000',
    users: [
      { email: 'admin@anpei.demo', name: '平台管理员', roles: ['admin'] },
      { email: 'catalog@anpei.demo', name: '目录运营 周敏', roles: ['catalog'] },
      { email: 'risk@anpei.demo', name: '风控 孙浩', roles: ['risk'] },
      { email: 'finance@anpei.demo', name: '平台财务 钱莉', roles: ['finance'] },
    ],
  },
  {
    key: 'picc',
    kind: 'insurer',
    name: '中国人民财产保险股份有限公司（演示）',
    nameEn: 'PICC P&C (demo)',
    regionCode: '110102',
    usccBody: 'MAB000001',
    users: [
      { email: 'admin@picc.demo', name: '人保 系统管理员', roles: ['admin'] },
      { email: 'adjuster@picc.demo', name: '人保 定损员 王磊', roles: ['adjuster'] },
      { email: 'checker@picc.demo', name: '人保 核价员 李静', roles: ['price_checker'] },
      { email: 'finance@picc.demo', name: '人保 财务 赵强', roles: ['finance'] },
    ],
  },
  {
    key: 'cpic',
    kind: 'insurer',
    name: '中国太平洋财产保险股份有限公司（演示）',
    nameEn: 'CPIC P&C (demo)',
    regionCode: '310115',
    usccBody: 'MAB000002',
    users: [
      { email: 'admin@cpic.demo', name: '太保 系统管理员', roles: ['admin'] },
      { email: 'adjuster@cpic.demo', name: '太保 定损员 陈刚', roles: ['adjuster'] },
      { email: 'checker@cpic.demo', name: '太保 核价员 刘芳', roles: ['price_checker'] },
      { email: 'finance@cpic.demo', name: '太保 财务 黄伟', roles: ['finance'] },
    ],
  },
  {
    key: 'huajun',
    kind: 'supplier',
    name: '长春华骏汽车零部件制造有限公司',
    nameEn: 'Changchun Huajun Auto Parts Mfg. (manufacturer)',
    regionCode: '220100',
    usccBody: 'MAC000003',
    users: [
      { email: 'admin@huajun.demo', name: '华骏 管理员', roles: ['admin'] },
      { email: 'sales@huajun.demo', name: '华骏 销售 吴斌', roles: ['sales'] },
      { email: 'finance@huajun.demo', name: '华骏 财务 郑丽', roles: ['finance'] },
    ],
  },
  {
    key: 'yuetong',
    kind: 'supplier',
    name: '广州粤通汽配贸易有限公司',
    nameEn: 'Guangzhou Yuetong Parts Trading (distributor)',
    regionCode: '440100',
    usccBody: 'MAC000004',
    users: [
      { email: 'admin@yuetong.demo', name: '粤通 管理员', roles: ['admin'] },
      { email: 'sales@yuetong.demo', name: '粤通 销售 何俊', roles: ['sales'] },
      { email: 'finance@yuetong.demo', name: '粤通 财务 林燕', roles: ['finance'] },
    ],
  },
  {
    key: 'anxin',
    kind: 'supplier',
    name: '常州安信认证配件有限公司',
    nameEn: 'Changzhou Anxin Certified Parts (certified-parts maker)',
    regionCode: '320400',
    usccBody: 'MAC000005',
    users: [
      { email: 'admin@anxin.demo', name: '安信 管理员', roles: ['admin'] },
      { email: 'sales@anxin.demo', name: '安信 销售 许涛', roles: ['sales'] },
      { email: 'finance@anxin.demo', name: '安信 财务 沈洁', roles: ['finance'] },
    ],
  },
  {
    key: 'hz-ops',
    kind: 'operator',
    name: '杭州安配华东仓配运营有限公司',
    nameEn: 'Hangzhou East-China central warehouse operator',
    regionCode: '330100',
    usccBody: 'MAD000006',
    users: [
      { email: 'admin@hz-ops.demo', name: '华东仓 管理员', roles: ['admin'] },
      { email: 'warehouse@hz-ops.demo', name: '华东仓 拣货员 杨帆', roles: ['warehouse'] },
      { email: 'dispatcher@hz-ops.demo', name: '华东仓 调度 朱琳', roles: ['dispatcher'] },
    ],
  },
  {
    key: 'cd-ops',
    kind: 'operator',
    name: '成都安配西南仓配运营有限公司',
    nameEn: 'Chengdu South-West front warehouse operator',
    regionCode: '510100',
    usccBody: 'MAD000007',
    users: [
      { email: 'admin@cd-ops.demo', name: '西南仓 管理员', roles: ['admin'] },
      { email: 'warehouse@cd-ops.demo', name: '西南仓 拣货员 罗勇', roles: ['warehouse'] },
      { email: 'dispatcher@cd-ops.demo', name: '西南仓 调度 谢婷', roles: ['dispatcher'] },
    ],
  },
  ...(
    [
      ['sh-anda', '上海浦东安达汽车维修有限公司', 'Shanghai Pudong Anda Auto Repair', '310115', 'MAE000008'],
      ['hz-shunjie', '杭州西湖顺捷汽车服务有限公司', 'Hangzhou Xihu Shunjie Auto Service', '330106', 'MAE000009'],
      ['gz-junchi', '广州天河骏驰汽车修理厂', 'Guangzhou Tianhe Junchi Auto Repair', '440106', 'MAE000010'],
      ['cd-chengxin', '成都武侯诚信汽车维修有限公司', 'Chengdu Wuhou Chengxin Auto Repair', '510107', 'MAE000011'],
      ['bj-jingan', '北京朝阳京安汽车维修中心', 'Beijing Chaoyang Jing’an Auto Repair Centre', '110105', 'MAE000012'],
    ] as const
  ).map(
    ([key, name, nameEn, regionCode, usccBody]): DemoOrg => ({
      key,
      kind: 'repair_shop',
      name,
      nameEn,
      regionCode,
      usccBody,
      users: [
        { email: `admin@${key}.demo`, name: `${name.slice(0, 4)} 管理员`, roles: ['admin'] },
        { email: `buyer@${key}.demo`, name: `${name.slice(0, 4)} 采购`, roles: ['buyer'] },
        { email: `receiver@${key}.demo`, name: `${name.slice(0, 4)} 收货`, roles: ['receiver'] },
      ],
    }),
  ),
  // Last, so that every organisation before it keeps its seeded id.
  {
    key: 'anrong',
    kind: 'funder',
    name: '安融商业保理（演示）',
    nameEn: 'Anrong Commercial Factoring (demo funder)',
    regionCode: '310115',
    usccBody: 'MAF000013',
    users: [
      { email: 'admin@anrong.demo', name: '安融 管理员 冯涛', roles: ['admin'] },
      { email: 'finance@anrong.demo', name: '安融 保理经理 蒋悦', roles: ['finance'] },
    ],
  },
];

export type DemoLogin = { org: string; kind: OrgKind; email: string; roles: Role[] };

export function demoLogins(): DemoLogin[] {
  return demoOrgs.flatMap((o) => o.users.map((u) => ({ org: o.name, kind: o.kind, email: u.email, roles: u.roles })));
}
