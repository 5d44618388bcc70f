import { z } from 'zod';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import type { invoice } from '../tables.ts';

export const InvoiceDto = z
  .object({
    id: z.uuid(),
    invoiceNo: z.string(),
    kind: z.enum(['special', 'ordinary']),
    // Negative on a red-letter invoice (红字发票).
    amountFen: fenOutput,
    taxFen: fenOutput,
    totalFen: fenOutput,
    issuedOn: z.string(),
    // Null: the platform (its invoices to payers; a payee's to it).
    issuerOrgId: z.uuid().nullable(),
    receiverOrgId: z.uuid().nullable(),
    statementId: z.uuid().nullable(),
    payoutId: z.uuid().nullable(),
    // A red-letter invoice names the blue one it takes back.
    reversesInvoiceId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invoice' });
export type InvoiceDto = z.infer<typeof InvoiceDto>;

export function toInvoiceDto(r: typeof invoice.$inferInsert & { createdAt: Date }): InvoiceDto {
  return {
    id: r.id,
    invoiceNo: r.invoiceNo,
    kind: r.kind,
    amountFen: fenToJson(r.amountFen),
    taxFen: fenToJson(r.taxFen),
    totalFen: fenToJson(r.totalFen),
    issuedOn: r.issuedOn,
    issuerOrgId: r.issuerOrgId ?? null,
    receiverOrgId: r.receiverOrgId ?? null,
    statementId: r.statementId ?? null,
    payoutId: r.payoutId ?? null,
    reversesInvoiceId: r.reversesInvoiceId ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
