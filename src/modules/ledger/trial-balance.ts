import { executePrepared, type Executor } from '../../platform/db.ts';
import { stmt } from '../../platform/stmt.ts';
import { type AccountCode, accountCodes, chart } from './chart.ts';
import { ledgerAccount, ledgerTransfer } from './tables.ts';
import { type TransferCode, transferCodeList } from './transfer-codes.ts';

// The trial balance (试算平衡表): per account code, the debits and credits, posted and pending, of
// every account of that code, and per transfer code what moved under it; double entry means the
// debits of all accounts equal their credits, posted and pending each. The accounts' part is read
// from their cached balances (a few rows per organisation, fast at any number of transfers); the
// transfers' part is one grouped scan of ledger_transfer. Both in one statement, so one snapshot.
// Used by the API (api/get-trial-balance.ts); a CLI or `ledger verify` may call it as it is.

export type Sides = { debitsPending: bigint; debitsPosted: bigint; creditsPending: bigint; creditsPosted: bigint };

export type AccountCodeLine = Sides & {
  code: AccountCode;
  accounts: number;
  // Posted and pending balances over those accounts, signed by the code's normal side.
  balanceFen: bigint;
  pendingFen: bigint;
};

export type TransferCodeLine = {
  code: TransferCode;
  // Rows under the code: a pending transfer and the post or void that resolves it are two.
  transfers: number;
  // Moved for good: single transfers and posted pending ones, corrections excepted.
  postedFen: bigint;
  // Corrections: reversing transfers (posted) of the code.
  reversedFen: bigint;
  // Pending and neither posted nor voided yet.
  pendingFen: bigint;
};

export type TrialBalance = {
  accountCodes: AccountCodeLine[];
  transferCodes: TransferCodeLine[];
  totals: Sides;
  // Σ debits = Σ credits, of posted amounts and of pending ones.
  balancedPosted: boolean;
  balancedPending: boolean;
  balanced: boolean;
};

type Row = { k: 'a' | 't'; code: string; n: string; f1: string; f2: string; f3: string; f4: string };

const a = ledgerAccount;
const t = ledgerTransfer;

export async function trialBalance(exec: Executor): Promise<TrialBalance> {
  const rows = await executePrepared<Row>(
    exec,
    stmt`select 'a' as k, ${a.code} as code, count(*)::text as n, sum(${a.debitsPending})::text as f1, sum(${a.debitsPosted})::text as f2,
        sum(${a.creditsPending})::text as f3, sum(${a.creditsPosted})::text as f4
      from ${a} group by ${a.code}
    union all
    select 't', ${t.code}, count(*)::text,
        coalesce(sum(${t.amountFen}) filter (where ${t.phase} in ('single', 'post') and ${t.reversesId} is null), 0)::text,
        coalesce(sum(${t.amountFen}) filter (where ${t.phase} in ('single', 'post') and ${t.reversesId} is not null), 0)::text,
        coalesce(sum(${t.amountFen}) filter (where ${t.phase} = 'pending'), 0)::text,
        coalesce(sum(${t.amountFen}) filter (where ${t.phase} in ('post', 'void')), 0)::text
      from ${t} group by ${t.code}`,
  );
  const byAccountCode = new Map(rows.filter((r) => r.k === 'a').map((r) => [r.code, r]));
  const byTransferCode = new Map(rows.filter((r) => r.k === 't').map((r) => [r.code, r]));
  const totals: Sides = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };

  // Every code of the chart, in the chart's order, those with no account yet at zero.
  const accountLines = accountCodes.map((code): AccountCodeLine => {
    const r = byAccountCode.get(code);
    const s: Sides = r
      ? { debitsPending: BigInt(r.f1), debitsPosted: BigInt(r.f2), creditsPending: BigInt(r.f3), creditsPosted: BigInt(r.f4) }
      : { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
    totals.debitsPending += s.debitsPending;
    totals.debitsPosted += s.debitsPosted;
    totals.creditsPending += s.creditsPending;
    totals.creditsPosted += s.creditsPosted;
    const sign = chart[code].normal === 'debit' ? 1n : -1n;
    return { code, accounts: r ? Number(r.n) : 0, ...s, balanceFen: sign * (s.debitsPosted - s.creditsPosted), pendingFen: sign * (s.debitsPending - s.creditsPending) };
  });
  const transferLines = transferCodeList.map((code): TransferCodeLine => {
    const r = byTransferCode.get(code);
    if (!r) return { code, transfers: 0, postedFen: 0n, reversedFen: 0n, pendingFen: 0n };
    // A pending transfer stops being pending when it is posted or voided (each exactly once).
    return { code, transfers: Number(r.n), postedFen: BigInt(r.f1), reversedFen: BigInt(r.f2), pendingFen: BigInt(r.f3) - BigInt(r.f4) };
  });
  const balancedPosted = totals.debitsPosted === totals.creditsPosted;
  const balancedPending = totals.debitsPending === totals.creditsPending;
  return { accountCodes: accountLines, transferCodes: transferLines, totals, balancedPosted, balancedPending, balanced: balancedPosted && balancedPending };
}
