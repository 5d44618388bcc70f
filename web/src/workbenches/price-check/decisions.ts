import type { Candidate, Decision, Quote, QuoteLine } from './api.ts';

// What the checker has decided on one line so far (the form's state, before it is sent).
export type Draft = { action: 'accept' } | { action: 'correct'; offerId?: string; capYuan?: number | null } | { action: 'send_back'; reason: string };

export type Drafts = Record<string, Draft | undefined>;

// Every offer of a line's ranking the checker may pick: the chosen one, the runners-up, and the
// excluded ones (a checker may overrule an exclusion; the record shows it).
export function candidatesOf(line: QuoteLine): Candidate[] {
  const r = line.ranking;
  if (!r) return [];
  return [...(r.chosen ? [r.chosen] : []), ...r.runnersUp, ...r.excluded];
}

// Yuan typed by a person → integer fen.
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

// The unit price a line would be approved at under a draft (null: nothing would be bought).
export function unitFenOf(line: QuoteLine, draft: Draft | undefined): number | null {
  const chosen = line.ranking?.chosen ?? null;
  if (!draft || draft.action === 'accept') return chosen?.priceFen ?? null;
  if (draft.action === 'send_back') return null;
  const picked = draft.offerId ? candidatesOf(line).find((c) => c.offerId === draft.offerId) : undefined;
  const base = picked ? picked.priceFen : (chosen?.priceFen ?? null);
  const cap = draft.capYuan === null || draft.capYuan === undefined ? null : yuanToFen(draft.capYuan);
  if (base === null) return cap;
  return cap === null ? base : Math.min(base, cap);
}

export type LiveTotals = { amountFen: number; referenceFen: number; savingFen: number; savingBp: number };

// The version's totals as the checker's decisions stand: lines already approved at their approved
// amounts, waiting lines at what the draft would approve (undecided ones as quoted), lines sent
// back or with nothing to buy left out. A line without an OE reference is measured against its own
// amount, as the server does, so it claims no saving.
export function liveTotals(quote: Quote, drafts: Drafts): LiveTotals {
  let amountFen = 0;
  let referenceFen = 0;
  for (const line of quote.lines) {
    const s = line.approval.status;
    if (s === 'sent_back') continue;
    let unit: number | null;
    if (s === 'pending') unit = unitFenOf(line, drafts[line.id]);
    else unit = line.approval.unitFen;
    if (unit === null) continue;
    amountFen += unit * line.quantity;
    referenceFen += (line.oeReferenceFen ?? unit) * line.quantity;
  }
  const savingFen = referenceFen - amountFen;
  const savingBp = referenceFen === 0 ? 0 : Math.round((savingFen * 10_000) / referenceFen);
  return { amountFen, referenceFen, savingFen, savingBp };
}

// A draft the server would refuse for want of something, by the field the checker must fill.
export function draftProblem(draft: Draft): 'pickOrCap' | 'reason' | null {
  if (draft.action === 'correct' && !draft.offerId && (draft.capYuan === null || draft.capYuan === undefined)) return 'pickOrCap';
  if (draft.action === 'send_back' && draft.reason.trim() === '') return 'reason';
  return null;
}

// The request body: one decision per decided waiting line, in the quote's line order. The
// returned ids say which line each index of `lines` is, so a problem at lines.N lands on its line.
export function approveBody(quote: Quote, drafts: Drafts): { lines: Decision[]; ids: string[] } {
  const lines: Decision[] = [];
  const ids: string[] = [];
  for (const line of quote.lines) {
    const d = drafts[line.id];
    if (line.approval.status !== 'pending' || !d) continue;
    ids.push(line.id);
    if (d.action === 'accept') lines.push({ quoteLineId: line.id, action: 'accept' });
    else if (d.action === 'send_back') lines.push({ quoteLineId: line.id, action: 'send_back', reason: d.reason.trim() });
    else
      lines.push({
        quoteLineId: line.id,
        action: 'correct',
        ...(d.offerId ? { offerId: d.offerId } : {}),
        ...(d.capYuan === null || d.capYuan === undefined ? {} : { priceCapFen: yuanToFen(d.capYuan) }),
      });
  }
  return { lines, ids };
}
