import type { Role } from '../../src/platform/access.ts';
import { demoOrgs } from '../../src/seed/demo-data.ts';
import type { Cast } from './cast.ts';

type Org = { id: string; name: string; kind: string; regionCode: string };

// The people of the demo world as a walk meets them: an organisation is known by its id (an order
// line names its supplier and shipper, a warehouse its operator), and the one to act for it is the
// demo user holding the role, signed in the first time they are needed. The logins are the start
// page's (demo-data.ts), matched to the organisations the platform lists by name.
export type DemoPeople = {
  orgs: Org[];
  // The cast's name for the demo user of `orgId` holding `role`.
  as(orgId: string, role: Role): Promise<string>;
};

export async function demoPeople(users: Cast, platformWho: string): Promise<DemoPeople> {
  const orgs: Org[] = [];
  for (let cursor: string | null = null; ; ) {
    const res = await users.call(platformWho, 'GET', `/api/v1/orgs?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.statusCode !== 200) throw new Error(`listing organisations: ${res.statusCode} ${res.body}`);
    const page = res.json<{ items: Org[]; nextCursor: string | null }>();
    orgs.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return {
    orgs,
    async as(orgId, role) {
      const org = orgs.find((o) => o.id === orgId);
      const demo = demoOrgs.find((d) => d.name === org?.name);
      const user = demo?.users.find((u) => u.roles.includes(role));
      if (!user) throw new Error(`no demo user with role ${role} at ${org?.name ?? orgId}`);
      if (!users.tokens[user.email]) await users.signIn({ [user.email]: user.email });
      return user.email;
    },
  };
}
