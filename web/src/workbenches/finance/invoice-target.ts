import type { Invoice, Payout, Statement } from './api.ts';

// What an invoice (发票) is recorded against, and how much room is left there — the same sums the
// server keeps (settlement/invoices/record-invoice.ts), so the form starts with what it would take:
// - a statement's invoices (the platform's to its payer) add up to at most the statement's total;
// - a payout's (the payee's to the platform) to at most its credits, before fees and corrections;
// - a red-letter invoice (红字发票) takes back at most what is left of its blue one.
// Red-letter invoices are kept negative and carry their statement or payout, so every sum below is
// a plain sum of totals.

// VAT on parts is 13 %: an amount with VAT holds 13/113 of itself as tax, rounded down to the fen
// (the statements' own rule, test/statements.test.ts).
export function splitVat(grossFen: number): { amountFen: number; taxFen: number } {
  const taxFen = Math.floor((grossFen * 13) / 113);
  return { amountFen: grossFen - taxFen, taxFen };
}

// The statement or payout the invoices belong to, as the dialogs name it: its number and the other
// party (the payer receiving the platform's invoices, the payee issuing its own).
export type InvoiceDoc = { on: 'statement' | 'payout'; id: string; no: string; party: string };

export const statementDoc = (s: Statement): InvoiceDoc => ({ on: 'statement', id: s.id, no: s.statementNo, party: s.payer.name });
export const payoutDoc = (p: Payout): InvoiceDoc => ({ on: 'payout', id: p.id, no: p.payoutNo, party: p.payee.name });

export type InvoiceTarget = {
  doc: InvoiceDoc;
  // What the request names: the statement, the payout, or the blue invoice taken back.
  link: { statementId: string } | { payoutId: string } | { reversesInvoiceId: string };
  // The blue invoice a red-letter one takes back (its kind is that one's).
  reverses?: Invoice;
  // How much more may be invoiced (or taken back), tax included.
  leftFen: number;
  // What the form starts with: all that is left.
  start: { amountFen: number; taxFen: number };
};

// What the invoices of a statement or payout add up to (red-letter ones count negative).
export function invoicedFen(invoices: readonly Invoice[]): number {
  return invoices.reduce((sum, i) => sum + i.totalFen, 0);
}

// What is left of a blue invoice once the red-letter ones against it are taken off, amount and tax
// apart (positive). A red-letter invoice that took more amount than the blue one had leaves its
// share to the tax, so neither part is below zero.
export function leftOf(blue: Invoice, invoices: readonly Invoice[]): { amountFen: number; taxFen: number; totalFen: number } {
  const reds = invoices.filter((i) => i.reversesInvoiceId === blue.id);
  const totalFen = blue.totalFen + invoicedFen(reds);
  const taxLeft = blue.taxFen + reds.reduce((sum, i) => sum + i.taxFen, 0);
  const taxFen = Math.min(Math.max(taxLeft, 0), Math.max(totalFen, 0));
  return { amountFen: totalFen - taxFen, taxFen, totalFen };
}

export function statementTarget(s: Statement): InvoiceTarget {
  const leftFen = s.totalFen - s.invoicedFen;
  return { doc: statementDoc(s), link: { statementId: s.id }, leftFen, start: splitVat(Math.max(leftFen, 0)) };
}

export function payoutTarget(p: Payout, invoices: readonly Invoice[]): InvoiceTarget {
  const leftFen = p.creditsFen - invoicedFen(invoices);
  return { doc: payoutDoc(p), link: { payoutId: p.id }, leftFen, start: splitVat(Math.max(leftFen, 0)) };
}

export function redLetterTarget(doc: InvoiceDoc, blue: Invoice, invoices: readonly Invoice[]): InvoiceTarget {
  const left = leftOf(blue, invoices);
  return { doc, link: { reversesInvoiceId: blue.id }, reverses: blue, leftFen: left.totalFen, start: { amountFen: left.amountFen, taxFen: left.taxFen } };
}
