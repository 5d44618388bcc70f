import { sql } from 'drizzle-orm';
import { configProblems, type Config } from './platform/config.ts';
import { queryRows, type Executor } from './platform/db.ts';
import { appUser, org } from './modules/identity/index.ts';
import { verifyPassword } from './modules/identity/passwords.ts';
import { DEMO_PASSWORD } from './seed/demo-data.ts';
import { demoWorldTraces } from './seed/seed.ts';

// At most this many password hashes are checked against the demo password at each start: argon2
// takes ~50 ms a verify here by design, and a start must stay quick on a database of thousands.
const MAX_DEMO_PASSWORD_CHECKS = 24;

// Everything that makes a production start unsafe, each as a sentence naming the fix: the
// configuration's weak settings (config.ts) and the database's, the demo world or the demo
// password. Empty when the server may start.
export async function productionProblems(config: Config, db: Executor): Promise<string[]> {
  const problems = configProblems(config);
  const traces = await demoWorldTraces(db);
  if (traces.orgs > 0 || traces.users > 0) {
    problems.push(
      `The demo world is in this database (${traces.orgs} demo organisations, ${traces.users} users under .demo): ` +
        'production needs a database of its own (another DATABASE_URL or ANPEI_DATA_DIR).',
    );
  }
  const holders = await usersWithDemoPassword(db);
  if (holders.length > 0) {
    problems.push(
      `The demo password is the password of ${holders.length} active user(s) (ids ${holders.slice(0, 10).join(', ')}${holders.length > 10 ? ', …' : ''}): ` +
        'give them new passwords (PATCH /api/v1/users/{id}) or disable them.',
    );
  }
  return problems;
}

// Which active users' password is the demo's, found without verifying every hash. Argon2 salts
// each hash, so two users share one only when a bulk load copied it: the demo seed hashes its
// password once for every user. So the hashes checked are those shared by several active users,
// then those of administrators (who can change everything else), platform first, at most
// MAX_DEMO_PASSWORD_CHECKS in all. Any other user's password was set through the API or the CLI,
// whose policy refuses the demo password. Returns the ids of the users holding it.
export async function usersWithDemoPassword(db: Executor): Promise<string[]> {
  const candidates = await queryRows<{ hash: string; ids: string[] }>(
    db,
    sql`select u.password_hash as hash, array_agg(u.id::text order by u.id) as ids
      from ${appUser} u join ${org} o on o.id = u.org_id
      where u.status = 'active'
      group by u.password_hash
      having count(*) > 1 or bool_or('admin' = any(u.roles))
      order by count(*) > 1 desc, bool_or(o.kind = 'platform') desc, max(u.created_at) desc
      limit ${MAX_DEMO_PASSWORD_CHECKS}`,
  );
  const verdicts = await Promise.all(candidates.map((c) => verifyPassword(c.hash, DEMO_PASSWORD)));
  return candidates.filter((_, i) => verdicts[i]).flatMap((c) => c.ids);
}

// Whether anyone can sign in to run the platform: an active admin of the platform organisation.
export async function hasPlatformAdmin(db: Executor): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select u.id from ${appUser} u join ${org} o on o.id = u.org_id
      where o.kind = 'platform' and u.status = 'active' and 'admin' = any(u.roles) limit 1`,
  );
  return rows.length > 0;
}
