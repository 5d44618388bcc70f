// The few answers the shell reads, until the generated OpenAPI types (./schema.d.ts) replace them.

export type OrgKind = 'platform' | 'insurer' | 'supplier' | 'operator' | 'repair_shop';

export type Me = {
  via: 'user' | 'api_key';
  user: { id: string; email: string; name: string; roles: string[]; lastLoginAt: string | null } | null;
  org: { id: string; kind: OrgKind; name: string };
  permissions: string[];
};

export type DemoLogins = {
  password: string;
  logins: { org: string; kind: OrgKind; email: string; roles: string[] }[];
};
