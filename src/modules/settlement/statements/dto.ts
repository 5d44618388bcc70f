import { z } from 'zod';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { statementStatuses } from './lifecycle.ts';
import type { StatementRow } from './find-statement.ts';

const orgRef = z.object({ id: z.uuid(), name: z.string() });

export const StatementDto = z
  .object({
    id: z.uuid(),
    statementNo: z.string(),
    payer: orgRef,
    payerKind: z.enum(['insurer', 'repair_shop']),
    periodFrom: z.string(),
    periodTo: z.string(),
    status: z.enum(statementStatuses),
    lineCount: z.number().int(),
    netFen: fenOutput,
    vatFen: fenOutput,
    handlingFeeFen: fenOutput,
    creditFen: fenOutput,
    totalFen: fenOutput,
    paidFen: fenOutput,
    outstandingFen: fenOutput,
    invoiceRequired: z.boolean(),
    invoicedFen: fenOutput,
    dispute: z
      .object({
        raisedAt: z.string(),
        lines: z.array(
          z.object({
            orderLineId: z.uuid(),
            reason: z.string(),
            resolution: z.object({ kind: z.enum(['credit', 'confirm']), creditFen: fenOutput, note: z.string().nullable(), at: z.string() }).nullable(),
          }),
        ),
      })
      .nullable(),
    createdBy: z.uuid(),
    createdAt: z.string(),
    issuedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Statement' });
export type StatementDto = z.infer<typeof StatementDto>;

export function toStatementDto(s: StatementRow, names: ReadonlyMap<string, string>, invoicedFen: bigint): StatementDto {
  return {
    id: s.id,
    statementNo: s.statementNo,
    payer: { id: s.payerOrgId, name: names.get(s.payerOrgId) ?? '' },
    payerKind: s.payerKind,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    status: s.status,
    lineCount: s.lineCount,
    netFen: fenToJson(s.netFen),
    vatFen: fenToJson(s.vatFen),
    handlingFeeFen: fenToJson(s.handlingFeeFen),
    creditFen: fenToJson(s.creditFen),
    totalFen: fenToJson(s.totalFen),
    paidFen: fenToJson(s.paidFen),
    outstandingFen: fenToJson(s.totalFen - s.paidFen),
    invoiceRequired: s.invoiceRequired,
    invoicedFen: fenToJson(invoicedFen),
    dispute: s.dispute
      ? {
          raisedAt: s.dispute.raisedAt,
          lines: s.dispute.lines.map((l) => ({
            orderLineId: l.orderLineId,
            reason: l.reason,
            resolution: l.resolution ? { kind: l.resolution.kind, creditFen: l.resolution.creditFen, note: l.resolution.note, at: l.resolution.at } : null,
          })),
        }
      : null,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    issuedAt: s.issuedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export const StatementLineDto = z
  .object({
    orderLineId: z.uuid(),
    // The sale, a credit note on it, or its return after acceptance (credited whole).
    kind: z.enum(['sale', 'credit', 'return']),
    claimNo: z.string().nullable(),
    orderNo: z.string(),
    productName: z.string(),
    grade: z.string(),
    qty: z.number().int(),
    netFen: fenOutput,
    vatFen: fenOutput,
    handlingFeeFen: fenOutput,
    totalFen: fenOutput,
    // Against the OE reference the price check recorded (claim orders), null otherwise.
    savingFen: fenOutput.nullable(),
    postedAt: z.string(),
  })
  .meta({ id: 'StatementLine' });
export type StatementLineDto = z.infer<typeof StatementLineDto>;
