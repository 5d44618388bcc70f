import type { AccountCode } from './chart.ts';

// Why money moved: every transfer carries one of these codes, and each code moves money from one
// kind of account to one other (debit, credit), checked when it is posted (create-transfers.ts). A
// correction is a reversing transfer of the same code, from credit to debit (`reversal`), never an
// update. Several codes may debit one receivable at once (the parts, their VAT, the handling fee):
// they are separate transfers, linked so that they post or fail together.
export type TransferCodeSpec = {
  debit: AccountCode | readonly AccountCode[];
  credit: AccountCode | readonly AccountCode[];
  zh: string;
  en: string;
};

const receivables = ['insurer_receivable', 'shop_receivable'] as const;

export const transferCodes = {
  // A sale of parts, net of VAT: pending when the order is placed, posted when the shop accepts
  // the line, voided when it rejects it or the line is cancelled.
  sale: { debit: receivables, credit: 'sales_revenue', zh: '配件销售', en: 'Parts sale' },
  // Its VAT, the same way.
  sale_vat: { debit: receivables, credit: 'vat_output', zh: '销项税额', en: 'Output VAT on a sale' },
  // The shop's handling fee on an insurer's claim order, the same way.
  handling_fee: { debit: 'insurer_receivable', credit: 'handling_fee_payable', zh: '维修企业配件管理费', en: 'Shop handling fee' },
  // Goods the supplier owned (consignment, drop-ship) sold: the platform owes the supplier its
  // price net of VAT, at the shop's acceptance.
  consignment_sold: { debit: 'cost_of_sales', credit: 'supplier_payable', zh: '寄售/直发商品售出', en: 'Consigned goods sold' },
  // Goods the platform bought outright, at the warehouse's receipt, net of VAT.
  stock_purchase: { debit: 'platform_inventory', credit: 'supplier_payable', zh: '采购入库', en: 'Stock purchased' },
  // The supplier's VAT on either of those.
  purchase_vat: { debit: 'vat_input', credit: 'supplier_payable', zh: '进项税额', en: 'Input VAT on a purchase' },
  // The platform's fee on a supplier's sale, taken from what the supplier is owed.
  supplier_fee: { debit: 'supplier_payable', credit: 'fee_revenue', zh: '平台服务费', en: 'Platform fee' },
  // The platform's own stock sold: its average cost leaves inventory.
  stock_sold: { debit: 'cost_of_sales', credit: 'platform_inventory', zh: '自有库存售出成本', en: 'Cost of own stock sold' },
  // The platform's own stock lost (a count's shortfall, a return scrapped).
  stock_written_off: { debit: 'stock_loss', credit: 'platform_inventory', zh: '存货报损', en: 'Stock written off' },
  // The platform's own stock found (a count's surplus).
  stock_found: { debit: 'platform_inventory', credit: 'stock_loss', zh: '存货盘盈', en: 'Stock found' },
  // A credit note on a statement (a dispute settled by a credit): the sale, net of VAT, and its VAT
  // taken back from what the payer owes.
  credit_note: { debit: 'sales_revenue', credit: receivables, zh: '对账单红字冲减', en: 'Credit note' },
  credit_note_vat: { debit: 'vat_output', credit: receivables, zh: '红字冲减销项税额', en: 'Credit note VAT' },
  // Money received from a payer (an insurer, a shop buying for itself) into the platform's bank.
  payment: { debit: 'platform_cash', credit: receivables, zh: '收款', en: 'Payment received' },
  // Money a payer sent beyond what it owed, sent back to it (退款) once a second person approved:
  // the payer's receivable takes back what the payment had credited.
  refund: { debit: receivables, credit: 'platform_cash', zh: '退款', en: 'Refund to a payer' },
  // Money paid out: to a supplier what it is owed, to a shop its handling fees.
  payout: { debit: 'supplier_payable', credit: 'platform_cash', zh: '供应商付款', en: 'Supplier payout' },
  handling_fee_payout: { debit: 'handling_fee_payable', credit: 'platform_cash', zh: '管理费付款', en: 'Handling fee payout' },
  // Receivables financing (应收账款融资): the advance paid to the supplier (face less the fee), the
  // fee the platform keeps, and the advance repaid out of what the supplier is owed when the payer
  // pays.
  financing_advance: { debit: 'financing_advanced', credit: 'platform_cash', zh: '融资放款', en: 'Financing advance' },
  financing_fee: { debit: 'financing_advanced', credit: 'financing_fee_revenue', zh: '融资服务费', en: 'Financing fee' },
  financing_repaid: { debit: 'supplier_payable', credit: 'financing_advanced', zh: '融资还款', en: 'Financing repaid' },
  // An advance made by a funder (资金方) from its own bank: the supplier's receivable is assigned to
  // it, per financed line, pending from the funding (no platform cash moves), posted when the
  // insurer's payment repays the line (the platform now owes the funder the face), voided when the
  // funder writes the advance off; a written-off line the insurer pays after all posts it then.
  financing_assigned: { debit: 'financing_advanced', credit: 'funder_payable', zh: '应收账款转让（资金方）', en: 'Receivable assigned to a funder' },
  // What the platform owes a funder paid out to it.
  funder_payout: { debit: 'funder_payable', credit: 'platform_cash', zh: '资金方付款', en: 'Funder payout' },
} as const satisfies Record<string, TransferCodeSpec>;

export type TransferCode = keyof typeof transferCodes;
export const transferCodeList = Object.keys(transferCodes) as TransferCode[];

function listOf(codes: AccountCode | readonly AccountCode[]): readonly AccountCode[] {
  return typeof codes === 'string' ? [codes] : codes;
}

// May a transfer of this code move money from an account of `debit` to one of `credit`? Either
// way round: a reversal swaps the sides.
export function codeFits(code: TransferCode, debit: AccountCode, credit: AccountCode, reversal: boolean): boolean {
  const s: TransferCodeSpec = transferCodes[code];
  const [d, c] = reversal ? [credit, debit] : [debit, credit];
  return listOf(s.debit).includes(d) && listOf(s.credit).includes(c);
}
