import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { addDays } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { executePrepared, type Executor } from '../../../platform/db.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { pageQuery, type Page } from '../../../platform/pagination.ts';
import { raw, stmt, type Stmt } from '../../../platform/stmt.ts';
import { org } from '../../identity/index.ts';
import { accountCodes, chart, type AccountCode } from '../chart.ts';
import { ledgerAccount, ledgerTransfer } from '../tables.ts';
import { transferCodeList, transferCodes, type TransferCode } from '../transfer-codes.ts';
import { findAccount, LedgerOrgDto } from './accounts.ts';
import { decodeSeqCursor, encodeSeqCursor } from './cursor.ts';

const day = z.iso.date();

export const ListTransfersQuery = z
  .strictObject({
    accountId: z.uuid(),
    code: z.enum(transferCodeList).optional(),
    // Calendar days in China, both ends included.
    from: day.optional(),
    to: day.optional(),
    ...pageQuery,
  })
  .superRefine((q, ctx) => {
    // An empty page would look like "no transfers" rather than a mistyped range.
    if (q.from !== undefined && q.to !== undefined && q.to < q.from) ctx.addIssue({ code: 'custom', message: 'date_order', path: ['to'] });
  });
export type ListTransfersQuery = z.infer<typeof ListTransfersQuery>;

export const LedgerTransferDto = z
  .object({
    id: z.uuid(),
    phase: z.enum(['single', 'pending', 'post', 'void']),
    code: z.enum(transferCodeList),
    codeName: z.string(),
    // Which side of this transfer the account asked for is on.
    side: z.enum(['debit', 'credit']),
    amountFen: fenOutput,
    // The account on the other side.
    otherAccount: z.object({
      id: z.uuid(),
      code: z.enum(accountCodes),
      codeName: z.string(),
      org: LedgerOrgDto.nullable(),
      partner: LedgerOrgDto.nullable(),
    }),
    // A post or void names the pending transfer it resolves; a correction the one it reverses.
    pendingId: z.uuid().nullable(),
    reversesId: z.uuid().nullable(),
    // What caused it.
    links: z.object({
      claimId: z.uuid().nullable(),
      orderId: z.uuid().nullable(),
      orderLineId: z.uuid().nullable(),
      returnId: z.uuid().nullable(),
      purchaseOrderId: z.uuid().nullable(),
      documentId: z.uuid().nullable(),
    }),
    at: z.string(),
  })
  .meta({ id: 'LedgerTransfer' });
export type LedgerTransferDto = z.infer<typeof LedgerTransferDto>;

type Row = {
  side: 'debit' | 'credit';
  id: string;
  phase: LedgerTransferDto['phase'];
  code: TransferCode;
  amount: string;
  pending_id: string | null;
  reverses_id: string | null;
  claim_id: string | null;
  order_id: string | null;
  order_line_id: string | null;
  return_id: string | null;
  purchase_order_id: string | null;
  document_id: string | null;
  seq: string;
  at: string;
  other_id: string;
  other_code: AccountCode;
  other_org_id: string | null;
  other_org_name: string | null;
  other_partner_id: string | null;
  other_partner_name: string | null;
};

const t = ledgerTransfer;
const oa = alias(ledgerAccount, 'oa');
const oo = alias(org, 'oo');
const po = alias(org, 'po');

// The China calendar day's first instant (China keeps UTC+8 all year).
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();

type Bounds = { accountId: string; beforeSeq: string; codes: readonly string[]; fromAt: string; toAt: string; take: number };

// One side of the account's transfers, newest first, from the (account, seq) index of that side.
// Every condition is always present (with open defaults), so that the statement's text is one and
// its plan, once generic, still bounds the index scan by the account and the cursor.
function side(which: 'debit' | 'credit', b: Bounds): Stmt {
  const mine = which === 'debit' ? t.debitAccountId : t.creditAccountId;
  const other = which === 'debit' ? t.creditAccountId : t.debitAccountId;
  return stmt`(select ${t.id} as id, ${t.seq} as seq, ${raw(`'${which}'`)}::text as side, ${other} as other_id from ${t}
    where ${mine} = ${b.accountId}::uuid and ${t.seq} < ${b.beforeSeq}::bigint and ${t.code} = any(${b.codes}::text[])
      and ${t.at} >= ${b.fromAt}::timestamptz and ${t.at} < ${b.toAt}::timestamptz
    order by ${t.seq} desc limit ${b.take}::int)`;
}

// An account's transfers (either side), newest first: a page of each side from its own index, the
// two merged, and the page joined to the other accounts and their organisations' names. A union of
// the two sides rather than `debit = a or credit = a`, which no single index serves.
export async function listTransfers(db: Executor, ctx: Ctx, query: ListTransfersQuery): Promise<Page<LedgerTransferDto>> {
  requirePermission(ctx.actor, 'ledger.read');
  await findAccount(db, ctx.actor, query.accountId);
  const before = decodeSeqCursor(query.cursor);
  const b: Bounds = {
    accountId: query.accountId,
    beforeSeq: String(before ?? Number.MAX_SAFE_INTEGER),
    codes: query.code ? [query.code] : transferCodeList,
    fromAt: query.from ? dayStart(query.from) : '-infinity',
    toAt: query.to ? dayStart(addDays(query.to, 1)) : 'infinity',
    take: query.limit + 1,
  };
  const rows = await executePrepared<Row>(
    db,
    stmt`with page as (${side('debit', b)} union all ${side('credit', b)} order by seq desc limit ${b.take}::int)
    select page.side, ${t.id} as id, ${t.phase} as phase, ${t.code} as code, ${t.amountFen}::text as amount, ${t.pendingId} as pending_id, ${t.reversesId} as reverses_id,
      ${t.claimId} as claim_id, ${t.orderId} as order_id, ${t.orderLineId} as order_line_id, ${t.returnId} as return_id, ${t.purchaseOrderId} as purchase_order_id,
      ${t.documentId} as document_id, ${t.seq}::text as seq, to_json(${t.at}) #>> '{}' as at,
      page.other_id, ${oa.code} as other_code, ${oa.orgId} as other_org_id, ${oo.name} as other_org_name, ${oa.partnerOrgId} as other_partner_id, ${po.name} as other_partner_name
    from page
      join ${t} on ${t.id} = page.id
      join ${ledgerAccount} ${oa} on ${oa.id} = page.other_id
      left join ${org} ${oo} on ${oo.id} = ${oa.orgId}
      left join ${org} ${po} on ${po.id} = ${oa.partnerOrgId}
    order by page.seq desc`,
  );
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const name = (s: { zh: string; en: string }) => (ctx.locale === 'en' ? s.en : s.zh);
  return {
    items: kept.map((r) => ({
      id: r.id,
      phase: r.phase,
      code: r.code,
      codeName: name(transferCodes[r.code]),
      side: r.side,
      amountFen: fenToJson(BigInt(r.amount)),
      otherAccount: {
        id: r.other_id,
        code: r.other_code,
        codeName: name(chart[r.other_code]),
        org: r.other_org_id === null ? null : { id: r.other_org_id, name: r.other_org_name ?? '' },
        partner: r.other_partner_id === null ? null : { id: r.other_partner_id, name: r.other_partner_name ?? '' },
      },
      pendingId: r.pending_id,
      reversesId: r.reverses_id,
      links: {
        claimId: r.claim_id,
        orderId: r.order_id,
        orderLineId: r.order_line_id,
        returnId: r.return_id,
        purchaseOrderId: r.purchase_order_id,
        documentId: r.document_id,
      },
      at: new Date(r.at).toISOString(),
    })),
    nextCursor: more ? encodeSeqCursor(Number(kept.at(-1)!.seq)) : null,
  };
}
