import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../../platform/db.ts';
import type { AccountCode } from '../chart.ts';
import { ledgerAccount, ledgerTransfer } from '../tables.ts';

export type BalanceField = 'debitsPending' | 'debitsPosted' | 'creditsPending' | 'creditsPosted';
export const balanceFields: readonly BalanceField[] = ['debitsPending', 'debitsPosted', 'creditsPending', 'creditsPosted'];

// An account as a report names it: what it is for, not only its id.
export type AccountName = { accountId: string; orgId: string | null; code: AccountCode; partnerOrgId: string | null };

export type BalanceDifference = AccountName & {
  // Only the fields that differ, in balanceFields' order.
  fields: { field: BalanceField; cachedFen: bigint; computedFen: bigint }[];
};

type Row = {
  id: string;
  org_id: string | null;
  code: string;
  partner_org_id: string | null;
  c_dp: string;
  c_dpo: string;
  c_cp: string;
  c_cpo: string;
  dp: string;
  dpo: string;
  cp: string;
  cpo: string;
  total: string;
};

const a = ledgerAccount;
const t = ledgerTransfer;

// The balances every account must hold by its transfers, compared with the cached ones, in one
// statement (one snapshot, one pass over the transfers). The transfers are first summed per pair of
// accounts and phase, which leaves few rows however many transfers there are, and those sums are
// then split into each account's four balances by what each phase does (create-transfers.ts):
// `single` adds to posted; `pending` adds to pending; `post` moves its amount from pending to
// posted; `void` takes it out of pending. A post or void carries its pending transfer's accounts
// and amount, so it is counted on its own row (whether it agrees with its pending transfer is
// checked apart: transfer-problems.ts). Accounts no transfer touched must hold zero. Answers the
// first `limit` accounts that differ, in id order, and how many differ in all.
export async function recomputeBalances(exec: Executor, limit: number): Promise<{ differences: BalanceDifference[]; count: number }> {
  const rows = await queryRows<Row>(
    exec,
    sql`with pairs as (
      select ${t.debitAccountId} as debit_id, ${t.creditAccountId} as credit_id, ${t.phase} as phase, sum(${t.amountFen}) as amount
        from ${t} group by 1, 2, 3),
    legs as (
      select debit_id as id, true as debit, phase, amount from pairs
      union all
      select credit_id, false, phase, amount from pairs),
    computed as (
      select id,
        coalesce(sum(amount) filter (where debit and phase = 'pending'), 0) - coalesce(sum(amount) filter (where debit and phase in ('post', 'void')), 0) as dp,
        coalesce(sum(amount) filter (where debit and phase in ('single', 'post')), 0) as dpo,
        coalesce(sum(amount) filter (where not debit and phase = 'pending'), 0) - coalesce(sum(amount) filter (where not debit and phase in ('post', 'void')), 0) as cp,
        coalesce(sum(amount) filter (where not debit and phase in ('single', 'post')), 0) as cpo
        from legs group by id)
    select ${a.id} as id, ${a.orgId} as org_id, ${a.code} as code, ${a.partnerOrgId} as partner_org_id,
        ${a.debitsPending}::text as c_dp, ${a.debitsPosted}::text as c_dpo, ${a.creditsPending}::text as c_cp, ${a.creditsPosted}::text as c_cpo,
        coalesce(c.dp, 0)::text as dp, coalesce(c.dpo, 0)::text as dpo, coalesce(c.cp, 0)::text as cp, coalesce(c.cpo, 0)::text as cpo,
        count(*) over ()::text as total
      from ${a} left join computed c on c.id = ${a.id}
      where ${a.debitsPending} <> coalesce(c.dp, 0) or ${a.debitsPosted} <> coalesce(c.dpo, 0)
         or ${a.creditsPending} <> coalesce(c.cp, 0) or ${a.creditsPosted} <> coalesce(c.cpo, 0)
      order by ${a.id}
      limit ${limit}`,
  );
  const differences = rows.map((r): BalanceDifference => {
    const pairs: Record<BalanceField, [string, string]> = {
      debitsPending: [r.c_dp, r.dp],
      debitsPosted: [r.c_dpo, r.dpo],
      creditsPending: [r.c_cp, r.cp],
      creditsPosted: [r.c_cpo, r.cpo],
    };
    return {
      accountId: r.id,
      orgId: r.org_id,
      code: r.code as AccountCode,
      partnerOrgId: r.partner_org_id,
      fields: balanceFields.filter((f) => pairs[f][0] !== pairs[f][1]).map((f) => ({ field: f, cachedFen: BigInt(pairs[f][0]), computedFen: BigInt(pairs[f][1]) })),
    };
  });
  return { differences, count: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
