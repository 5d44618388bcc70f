// Suggests, for each line of money received on a bank statement, who paid it and which statements
// it pays (对账建议). Pure: the lines and what the database knows in, suggestions out; a clerk
// confirms or corrects them before anything is recorded (import-payments.ts).
//
// The payer, the first that names exactly one organisation:
//   name     the bank's payer name is an insurer's or shop's registered name;
//   account  earlier payments of one payer came from this account (对方账号);
//   alias    earlier payments of one payer came under this name (a branch, 人保上海分公司, once a
//            clerk has recorded it for its company);
//   memo_statement_no  the memo names a statement, whose payer it is.
// The statements, in this order, while money is left:
//   memo_statement_no  statements the memo names (ST…), the payer's, not paid yet, in memo order
//                      (and no others: the payer said what the money is for);
//   exact_amount       else one open statement of the payer that the money covers exactly;
//   oldest_first       else the payer's open statements, oldest period first.
// Disputed statements are matched only when the memo names them: money sent without saying what
// for is not taken as settling an argument. What is left over stays unmatched (over-payment); a
// line with a payer and no statement is `payer_only`, one with no payer `none`: both stay visible
// as unmatched money once recorded.
//
// Lines are matched in file order and each suggestion takes from what the statement still has
// outstanding, so two lines never both pay the last yuan of one statement.

export type MatchReason = 'memo_statement_no' | 'exact_amount' | 'oldest_first' | 'payer_only' | 'none';
export type PayerReason = 'name' | 'account' | 'alias' | 'memo_statement_no';

export type MatchLine = { amountFen: bigint | null; payerName: string | null; payerAccount: string | null; memo: string | null; skip: boolean };

export type KnownPayer = { id: string; name: string };

export type KnownStatement = {
  id: string;
  statementNo: string;
  payerOrgId: string;
  status: string;
  outstandingFen: bigint;
  // Oldest first by period, then by number (which carries the day it was gathered).
  periodFrom: string;
};

export type MatchWorld = {
  // Keyed by foldName.
  payersByName: ReadonlyMap<string, readonly KnownPayer[]>;
  payersByAlias: ReadonlyMap<string, readonly KnownPayer[]>;
  // Keyed by foldAccount.
  payersByAccount: ReadonlyMap<string, readonly KnownPayer[]>;
  // The open statements of every payer above, and every statement a memo names (any state).
  statements: readonly KnownStatement[];
  // Names of the payers of statements found only through a memo.
  payerNames: ReadonlyMap<string, string>;
};

export type SuggestedAllocation = { statementId: string; statementNo: string; amountFen: bigint; reason: Exclude<MatchReason, 'payer_only' | 'none'> };
export type Suggestion = {
  payer: (KnownPayer & { reason: PayerReason }) | null;
  allocations: SuggestedAllocation[];
  unallocatedFen: bigint;
  match: MatchReason;
};

// Names as compared: NFKC (（） and () alike, full-width letters), no spaces, lower case.
export function foldName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function foldAccount(account: string): string {
  return account.normalize('NFKC').replace(/[\s-]+/g, '');
}

// The forms a name may be stored in, for an exact lookup in the database: as typed, folded by NFKC,
// and with the full-width brackets Chinese company names are registered with.
export function nameVariants(name: string): string[] {
  const nfkc = name.normalize('NFKC').trim();
  return [...new Set([name.trim(), nfkc, nfkc.replaceAll('(', '（').replaceAll(')', '）')])];
}

const STATEMENT_NO = /ST\d{8}[0-9A-F]{8}/g;

// Statement numbers a memo names, in order, once each (create-statement.ts makes ST + day + 8 hex).
export function statementNosIn(memo: string | null): string[] {
  if (!memo) return [];
  return [...new Set(memo.normalize('NFKC').toUpperCase().match(STATEMENT_NO) ?? [])];
}

const OPEN = new Set(['issued', 'confirmed', 'disputed']);
const MATCHED_UNASKED = new Set(['issued', 'confirmed']);

function only(found: readonly KnownPayer[] | undefined): KnownPayer | null {
  return found && found.length === 1 ? found[0]! : null;
}

export function suggestMatches(lines: readonly MatchLine[], world: MatchWorld): Suggestion[] {
  const byNo = new Map(world.statements.map((s) => [s.statementNo, s]));
  const oldestFirst = [...world.statements].sort((a, b) => (a.periodFrom < b.periodFrom ? -1 : a.periodFrom > b.periodFrom ? 1 : a.statementNo < b.statementNo ? -1 : 1));
  // Each payer's statements that money may go to unasked, oldest first.
  const unasked = new Map<string, KnownStatement[]>();
  for (const s of oldestFirst) if (MATCHED_UNASKED.has(s.status)) unasked.set(s.payerOrgId, [...(unasked.get(s.payerOrgId) ?? []), s]);
  // What each statement still has outstanding after the suggestions of earlier lines.
  const left = new Map(world.statements.map((s) => [s.id, s.outstandingFen]));

  return lines.map((line): Suggestion => {
    const payer = line.skip ? null : payerOf(line, world, byNo);
    if (!payer) return { payer: null, allocations: [], unallocatedFen: line.amountFen ?? 0n, match: 'none' };
    const allocations: SuggestedAllocation[] = [];
    let rest = line.amountFen ?? 0n;
    const take = (s: KnownStatement, reason: SuggestedAllocation['reason']) => {
      const amountFen = rest < left.get(s.id)! ? rest : left.get(s.id)!;
      if (amountFen <= 0n) return;
      allocations.push({ statementId: s.id, statementNo: s.statementNo, amountFen, reason });
      left.set(s.id, left.get(s.id)! - amountFen);
      rest -= amountFen;
    };
    for (const no of statementNosIn(line.memo)) {
      const s = byNo.get(no);
      if (s && s.payerOrgId === payer.id && OPEN.has(s.status)) take(s, 'memo_statement_no');
    }
    // The payer said what it paid: the rest of the money is not spread over other statements.
    if (allocations.length === 0) {
      const candidates = (unasked.get(payer.id) ?? []).filter((s) => left.get(s.id)! > 0n);
      const exact = candidates.find((s) => left.get(s.id) === rest);
      if (exact) take(exact, 'exact_amount');
      else for (const s of candidates) if (rest > 0n) take(s, 'oldest_first');
    }
    return { payer, allocations, unallocatedFen: rest, match: allocations[0]?.reason ?? 'payer_only' };
  });
}

function payerOf(line: MatchLine, world: MatchWorld, byNo: ReadonlyMap<string, KnownStatement>): Suggestion['payer'] {
  const name = line.payerName ? foldName(line.payerName) : null;
  const account = line.payerAccount ? foldAccount(line.payerAccount) : null;
  const byName = name ? only(world.payersByName.get(name)) : null;
  if (byName) return { ...byName, reason: 'name' };
  const byAccount = account ? only(world.payersByAccount.get(account)) : null;
  if (byAccount) return { ...byAccount, reason: 'account' };
  const byAlias = name ? only(world.payersByAlias.get(name)) : null;
  if (byAlias) return { ...byAlias, reason: 'alias' };
  const named = new Set(
    statementNosIn(line.memo)
      .map((no) => byNo.get(no)?.payerOrgId)
      .filter((id): id is string => id !== undefined),
  );
  if (named.size === 1) {
    const id = [...named][0]!;
    return { id, name: world.payerNames.get(id) ?? '', reason: 'memo_statement_no' };
  }
  return null;
}
