import { sql } from 'drizzle-orm';
import { type Db, type Executor, queryRows } from '../../../platform/db.ts';
import { accountCodes, chart, type AccountCode } from '../chart.ts';
import { ledgerAccount, ledgerTransfer, stockValuation } from '../tables.ts';
import { type AccountName, type BalanceDifference, recomputeBalances } from './recompute-balances.ts';
import { codeMisfits, linkProblems, type TransferProblem } from './transfer-problems.ts';

export type { AccountName, BalanceDifference, BalanceField } from './recompute-balances.ts';
export type { TransferProblem, TransferProblemCode } from './transfer-problems.ts';

// A payable paid out beyond what is owed (chart.ts: debitsMustNotExceedCredits).
export type Overdrawn = AccountName & { debitsPendingFen: bigint; debitsPostedFen: bigint; creditsPostedFen: bigint };

export type Sides = { debitsFen: bigint; creditsFen: bigint };

export type LedgerReport = {
  accounts: number;
  transfers: number;
  // Accounts whose cached balances are not what their transfers add up to: the first MAX_LISTED,
  // and how many in all.
  balanceDifferences: BalanceDifference[];
  balanceDifferenceCount: number;
  // Transfers that are wrong on their own (transfer-problems.ts): the first MAX_LISTED, and how
  // many in all.
  transferProblems: TransferProblem[];
  transferProblemCount: number;
  // The cached balances summed over every account: debits equal credits, posted and pending each.
  totals: { posted: Sides; pending: Sides };
  totalsAgree: boolean;
  overdrawn: Overdrawn[];
  overdrawnCount: number;
  // The platform's own stock at its average cost (stock_valuation) and the platform_inventory
  // account's posted balance: the same figure.
  valuation: { stockValuationFen: bigint; inventoryFen: bigint };
  valuationAgrees: boolean;
  ok: boolean;
};

// A report lists the first differences of each kind: a broken cache usually breaks in one
// pattern, and the counts say how far it goes.
export const MAX_LISTED = 1000;

// The codes of the accounts that may never be paid beyond their credits.
const payables = accountCodes.filter((c) => chart[c].debitsMustNotExceedCredits);

// `anpei ledger verify`: the ledger checked against itself. The cached balances are rebuilt from
// the transfers and compared (recompute-balances.ts); every transfer that resolves or reverses
// another is compared with it and every transfer's code with its accounts (transfer-problems.ts);
// the cache must balance overall; no payable may be paid beyond what it is owed; and the
// platform's stock valuation must equal its inventory account. Credit limits are not checked: the
// platform's finance team may lower one below what a payer already owes, which is not an error in
// the books, and the posting function enforces them when money moves.
//
// Everything is read in one read-only snapshot (repeatable read), so that orders posting meanwhile
// cannot make an account and its transfers, or the valuation and the inventory account, look apart.
// Each check is one statement over the whole table: over a million transfers they take seconds.
// Nothing is written.
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  return db.transaction(
    async (tx) => {
      const balances = await recomputeBalances(tx, MAX_LISTED);
      const links = await linkProblems(tx, MAX_LISTED);
      const misfits = await codeMisfits(tx, MAX_LISTED);
      const sums = await totals(tx);
      const over = await overdrawn(tx, MAX_LISTED);
      const posted = { debitsFen: sums.debitsPosted, creditsFen: sums.creditsPosted };
      const pending = { debitsFen: sums.debitsPending, creditsFen: sums.creditsPending };
      const totalsAgree = posted.debitsFen === posted.creditsFen && pending.debitsFen === pending.creditsFen;
      const valuationAgrees = sums.valuedFen === sums.inventoryFen;
      const transferProblemCount = links.count + misfits.count;
      return {
        accounts: sums.accounts,
        transfers: sums.transfers,
        balanceDifferences: balances.differences,
        balanceDifferenceCount: balances.count,
        transferProblems: [...links.problems, ...misfits.problems].slice(0, MAX_LISTED),
        transferProblemCount,
        totals: { posted, pending },
        totalsAgree,
        overdrawn: over.accounts,
        overdrawnCount: over.count,
        valuation: { stockValuationFen: sums.valuedFen, inventoryFen: sums.inventoryFen },
        valuationAgrees,
        ok: balances.count === 0 && transferProblemCount === 0 && totalsAgree && over.count === 0 && valuationAgrees,
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

type TotalsRow = { accounts: string; transfers: string; dp: string; dpo: string; cp: string; cpo: string; valued: string; inventory: string };

const a = ledgerAccount;

// The counts, the cache's sums, and the two figures of the platform's stock, in one statement.
async function totals(exec: Executor) {
  const [r] = await queryRows<TotalsRow>(
    exec,
    sql`select count(*)::text as accounts, (select count(*) from ${ledgerTransfer})::text as transfers,
        coalesce(sum(${a.debitsPending}), 0)::text as dp, coalesce(sum(${a.debitsPosted}), 0)::text as dpo,
        coalesce(sum(${a.creditsPending}), 0)::text as cp, coalesce(sum(${a.creditsPosted}), 0)::text as cpo,
        (select coalesce(sum(${stockValuation.valueFen}), 0) from ${stockValuation})::text as valued,
        coalesce(sum(${a.debitsPosted} - ${a.creditsPosted}) filter (where ${a.code} = 'platform_inventory'), 0)::text as inventory
      from ${a}`,
  );
  return {
    accounts: Number(r!.accounts),
    transfers: Number(r!.transfers),
    debitsPending: BigInt(r!.dp),
    debitsPosted: BigInt(r!.dpo),
    creditsPending: BigInt(r!.cp),
    creditsPosted: BigInt(r!.cpo),
    valuedFen: BigInt(r!.valued),
    inventoryFen: BigInt(r!.inventory),
  };
}

type OverdrawnRow = { id: string; org_id: string | null; code: string; partner_org_id: string | null; dp: string; dpo: string; cpo: string; total: string };

// Payables paid out beyond what they were owed: their payouts (pending and posted) and the
// platform's fees above what they were ever credited. What else is taken from a payable (an advance
// repaid, a sale reversed when the goods came back: single transfers) may leave the payee owing
// the platform (create-transfers.ts: limitBreached), so it is left out here; whatever came back, a
// payout only ever paid the balance, which counted it, so payouts and fees stay within the credits.
async function overdrawn(exec: Executor, limit: number): Promise<{ accounts: Overdrawn[]; count: number }> {
  const t = ledgerTransfer;
  const rows = await queryRows<OverdrawnRow>(
    exec,
    sql`with taken as (
        select ${t.debitAccountId} as acct, sum(${t.amountFen}) as d from ${t}
        where ${t.phase} = 'single' and ${t.code} <> 'supplier_fee'
          and ${t.debitAccountId} in (select ${a.id} from ${a} where ${a.code} = any(${sql.param(payables)}::text[]))
        group by 1)
      select ${a.id} as id, ${a.orgId} as org_id, ${a.code} as code, ${a.partnerOrgId} as partner_org_id,
        ${a.debitsPending}::text as dp, ${a.debitsPosted}::text as dpo, ${a.creditsPosted}::text as cpo, count(*) over ()::text as total
      from ${a} left join taken on taken.acct = ${a.id}
      where ${a.code} = any(${sql.param(payables)}::text[])
        and ${a.debitsPending} + ${a.debitsPosted} - coalesce(taken.d, 0) > ${a.creditsPosted}
      order by ${a.id}
      limit ${limit}`,
  );
  const accounts = rows.map(
    (r): Overdrawn => ({
      accountId: r.id,
      orgId: r.org_id,
      code: r.code as AccountCode,
      partnerOrgId: r.partner_org_id,
      debitsPendingFen: BigInt(r.dp),
      debitsPostedFen: BigInt(r.dpo),
      creditsPostedFen: BigInt(r.cpo),
    }),
  );
  return { accounts, count: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
