import { describe, expect, it } from 'vitest';
import type { Invoice, Payout, Statement } from './api.ts';
import confirmedJson from './fixtures/statement-confirmed.json';
import payoutJson from './fixtures/payout-supplier.json';
import invoicesJson from './fixtures/payout-invoices.json';
import { invoicedFen, leftOf, payoutTarget, redLetterTarget, splitVat, statementTarget } from './invoice-target.ts';

// The fixtures: a supplier's payout of ¥6,994,997.00 (its credits), its invoice for all of it, and a
// red-letter invoice taking back a tenth (¥699,499.70), as the server recorded them.
const p = payoutJson as Payout;
const [blue, red] = invoicesJson.items as [Invoice, Invoice];

describe('splitVat', () => {
  it.each([
    [0, 0, 0],
    [113, 100, 13],
    [100, 89, 11],
    [699499700, 619026284, 80473416],
  ])('%d fen with VAT → %d + %d tax', (gross, amount, tax) => expect(splitVat(gross)).toEqual({ amountFen: amount, taxFen: tax }));
});

describe('the room an invoice has', () => {
  it('counts a red-letter invoice against its payout', () => {
    expect(invoicedFen([blue, red])).toBe(p.creditsFen - 69949970);
    const target = payoutTarget(p, [blue, red]);
    expect(target).toMatchObject({ link: { payoutId: p.id }, leftFen: 69949970, doc: { on: 'payout', no: p.payoutNo, party: p.payee.name } });
    expect(target.start).toEqual(splitVat(69949970));
  });

  it('leaves of a blue invoice what the red-letter ones did not take, amount and tax apart', () => {
    expect(leftOf(blue, [blue, red])).toEqual({ amountFen: 619026284 - 61902629, taxFen: 80473416 - 8047341, totalFen: 699499700 - 69949970 });
    expect(leftOf(blue, [blue])).toEqual({ amountFen: blue.amountFen, taxFen: blue.taxFen, totalFen: blue.totalFen });
    const target = redLetterTarget(payoutTarget(p, []).doc, blue, [blue, red]);
    expect(target).toMatchObject({ link: { reversesInvoiceId: blue.id }, reverses: blue, leftFen: 629549730, start: { amountFen: 557123655, taxFen: 72426075 } });
  });

  it('never starts a part below zero, nor above what is left', () => {
    // A red-letter invoice that took back all of the amount and none of the tax.
    const small = { ...blue, amountFen: 100, taxFen: 13, totalFen: 113 };
    const odd = { ...red, reversesInvoiceId: small.id, amountFen: -110, taxFen: 0, totalFen: -110 };
    expect(leftOf(small, [small, odd])).toEqual({ amountFen: 0, taxFen: 3, totalFen: 3 });
    const all = { ...red, reversesInvoiceId: small.id, amountFen: -100, taxFen: -13, totalFen: -113 };
    expect(leftOf(small, [small, all])).toEqual({ amountFen: 0, taxFen: 0, totalFen: 0 });
  });

  it('starts a statement’s invoice with what is left of its total', () => {
    const s = { ...(confirmedJson as Statement), invoicedFen: 10000 };
    const target = statementTarget(s);
    expect(target).toMatchObject({ link: { statementId: s.id }, leftFen: s.totalFen - 10000, doc: { on: 'statement', party: s.payer.name } });
    expect(target.start.amountFen + target.start.taxFen).toBe(s.totalFen - 10000);
  });
});
