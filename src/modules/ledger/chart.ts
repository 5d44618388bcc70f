// The chart of accounts (科目表), as data: every account the ledger keeps is one of these codes,
// held per organisation it concerns (an insurer's receivable is the insurer's account; the
// platform's own accounts belong to the books themselves, with no organisation), and for a few of
// the platform's accounts per counterparty too (`partner`), so that sales and VAT are known per
// payer and no single row is written by every order in the country. The README has this table in
// words (test/ledger-chart-readme.test.ts keeps the two the same).
//
// `normal` is the side that grows the account: assets and expenses are debit-normal, liabilities
// and income credit-normal. The flags are TigerBeetle's balance invariants, checked at posting
// (create-transfers.ts): what the platform owes a supplier or a shop cannot be paid out beyond what
// is owed (`debitsMustNotExceedCredits` on a payable), and a receivable may carry a credit limit.

export type AccountOwner = 'platform' | 'insurer' | 'repair_shop' | 'supplier' | 'funder';

export type AccountSpec = {
  normal: 'debit' | 'credit';
  // Whose account: the books' own (platform), or the organisation of that kind it concerns.
  owner: AccountOwner;
  // The platform's accounts kept per counterparty: the payer for sales and VAT on them, the
  // supplier for fees, purchases and VAT on them, whoever pays or is paid for cash.
  partner: 'payer' | 'supplier' | 'counterparty' | null;
  // Debits (pending and posted) never above posted credits: a payable paid out at most in full.
  debitsMustNotExceedCredits: boolean;
  // A receivable whose debits (pending and posted) less posted credits stay within the limit the
  // platform set for the organisation, when it set one.
  creditLimit: boolean;
  zh: string;
  en: string;
};

const spec = (s: Partial<AccountSpec> & Pick<AccountSpec, 'normal' | 'owner' | 'zh' | 'en'>): AccountSpec => ({
  partner: null,
  debitsMustNotExceedCredits: false,
  creditLimit: false,
  ...s,
});

export const chart = {
  // What an insurer owes for the parts of its claims, their VAT and the shops' handling fees.
  insurer_receivable: spec({ normal: 'debit', owner: 'insurer', creditLimit: true, zh: '应收保险公司款', en: 'Insurer receivable' }),
  // What a repair shop owes for the parts it bought for itself.
  shop_receivable: spec({ normal: 'debit', owner: 'repair_shop', creditLimit: true, zh: '应收维修企业款', en: 'Shop receivable' }),
  // What the platform owes a supplier: goods sold on consignment or drop-shipped, goods it bought.
  supplier_payable: spec({ normal: 'credit', owner: 'supplier', debitsMustNotExceedCredits: true, zh: '应付供应商款', en: 'Supplier payable' }),
  // The handling fee (配件管理费) the insurer pays through the platform to the repair shop.
  handling_fee_payable: spec({ normal: 'credit', owner: 'repair_shop', debitsMustNotExceedCredits: true, zh: '应付维修企业管理费', en: 'Shop handling fee payable' }),
  // The platform's sales of parts, net of VAT, per payer.
  sales_revenue: spec({ normal: 'credit', owner: 'platform', partner: 'payer', zh: '配件销售收入', en: 'Parts sales revenue' }),
  // What the parts it sold cost the platform, net of VAT, per supplier: the supplier's price on
  // consignment and drop-ship, the stock's average cost for goods it had bought.
  cost_of_sales: spec({ normal: 'debit', owner: 'platform', partner: 'supplier', zh: '配件销售成本', en: 'Cost of parts sold' }),
  // The platform's fee on each supplier's sales (平台服务费), taken from what the supplier is owed.
  fee_revenue: spec({ normal: 'credit', owner: 'platform', partner: 'supplier', zh: '平台服务费收入', en: 'Platform fee revenue' }),
  // Stock the platform bought outright, at cost net of VAT.
  platform_inventory: spec({ normal: 'debit', owner: 'platform', zh: '库存商品', en: 'Platform inventory' }),
  // Stock of the platform's lost at a count or scrapped on a return (a gain when a count finds more).
  stock_loss: spec({ normal: 'debit', owner: 'platform', zh: '存货损失', en: 'Stock losses' }),
  // The platform's bank account: payments in, payouts out. Kept per counterparty (the payer who
  // paid, the supplier or shop paid out, the supplier financed), its balance the sum of them (the
  // trial balance adds up each code), so that no single row is written by every payment: one row
  // moved by every payment held each one's lock from its write to its commit, and payments queued
  // on it at a few hundred a second whatever else was done (bench/ledger.ts `http`). A payment
  // already moves its payer's receivable, so it now waits only for payments of the same payer.
  platform_cash: spec({ normal: 'debit', owner: 'platform', partner: 'counterparty', zh: '银行存款', en: 'Platform cash (bank)' }),
  // Output VAT on the platform's sales (销项税额), per payer.
  vat_output: spec({ normal: 'credit', owner: 'platform', partner: 'payer', zh: '应交增值税（销项税额）', en: 'VAT output' }),
  // Input VAT on what the platform bought (进项税额), per supplier.
  vat_input: spec({ normal: 'debit', owner: 'platform', partner: 'supplier', zh: '应交增值税（进项税额）', en: 'VAT input' }),
  // Advances paid to suppliers against their receivables (应收账款融资), per supplier.
  financing_advanced: spec({ normal: 'debit', owner: 'platform', partner: 'supplier', zh: '应收账款融资垫款', en: 'Financing advanced' }),
  // The discount fee kept on those advances, per supplier.
  financing_fee_revenue: spec({ normal: 'credit', owner: 'platform', partner: 'supplier', zh: '融资服务费收入', en: 'Financing fee revenue' }),
  // What the platform owes a funder (资金方): the face of the receivables it advanced on, once the
  // insurer has paid them; paid out to it like a supplier's payable, never beyond what is owed.
  funder_payable: spec({ normal: 'credit', owner: 'funder', debitsMustNotExceedCredits: true, zh: '应付资金方款', en: 'Funder payable' }),
} as const satisfies Record<string, AccountSpec>;

export type AccountCode = keyof typeof chart;
export const accountCodes = Object.keys(chart) as AccountCode[];

export function isAccountCode(code: string): code is AccountCode {
  return Object.hasOwn(chart, code);
}
