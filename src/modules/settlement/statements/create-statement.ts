import { z } from 'zod';
import { actorId, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { executePrepared, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { bare, stmt } from '../../../platform/stmt.ts';
import { findPayer } from '../find-payer.ts';
import { accountId, ledgerTransfer, payerAccount } from '../../ledger/index.ts';
import { statement, statementLine } from '../tables.ts';
import { documentNo } from '../document-no.ts';

// The most lines one statement holds: a month of a large insurer's claims. What is left of the
// period goes on the next statement for it.
export const MAX_STATEMENT_LINES = 100_000;
const MAX_PERIOD_DAYS = 366;

const day = z.iso.date();
export const CreateStatementInput = z
  .strictObject({
    payerOrgId: z.uuid(),
    from: day,
    to: day,
  })
  .meta({ id: 'CreateStatementInput' });
export type CreateStatementInput = z.infer<typeof CreateStatementInput>;

// The platform's finance team gathers a statement (对账单) for one payer and period: every order
// line whose sale the payer's receivable posted in the period (the shop accepted it) and that no
// other statement holds, with its amounts as the ledger posted them, so the statement's totals are
// the ledger's to the fen; and as credits, the lines sent back after acceptance whose sales the
// ledger reversed by the period's end and no statement credits yet (returns), as far as the sales
// cover them. One statement does it all in the database (a grouped read of the ledger into the
// statement's lines), so 100,000 lines take seconds, and a statement gathered at
// the same moment for the same payer takes only what this one did not (the unique index on a
// line's sale). The draft is checked and issued by a second person (move-statement.ts).
export async function createStatement(tx: Tx, ctx: Ctx, input: CreateStatementInput): Promise<{ id: string; truncated: boolean }> {
  requirePermission(ctx.actor, 'statements.manage');
  const today = chinaDate(ctx.now);
  if (input.from > input.to) throw new AppError('validation_failed', { count: 1 }, [{ path: 'to', in: 'body', code: 'invalid' }]);
  if (input.to > today) throw new AppError('validation_failed', { count: 1 }, [{ path: 'to', in: 'body', code: 'invalid' }]);
  if (addDays(input.from, MAX_PERIOD_DAYS) <= input.to) throw new AppError('validation_failed', { count: 1 }, [{ path: 'from', in: 'body', code: 'invalid' }]);
  const payer = await findPayer(tx, input.payerOrgId);

  const id = newId();
  const statementNo = documentNo('ST', today, id);
  await tx.insert(statement).values({
    id,
    statementNo,
    payerOrgId: payer.id,
    payerKind: payer.kind,
    periodFrom: input.from,
    periodTo: input.to,
    status: 'draft',
    lineCount: 0,
    netFen: 0n,
    vatFen: 0n,
    handlingFeeFen: 0n,
    totalFen: 0n,
    createdBy: actorId(ctx.actor),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });

  // The period's days in China time, as instants: from its first midnight to the one after its last.
  const fromAt = new Date(`${input.from}T00:00:00+08:00`);
  const toAt = new Date(`${addDays(input.to, 1)}T00:00:00+08:00`);
  const receivable = accountId(payerAccount(payer.kind, payer.id));
  const t = ledgerTransfer;
  const l = statementLine;
  const s = statement;
  const [totals] = await executePrepared<{ n: number; returns: number; found: number }>(
    tx,
    stmt`with sales as (
        select ${t.orderLineId} as line, ${t.orderId} as order_id, ${t.claimId} as claim_id, max(${t.at}) as posted_at,
          coalesce(sum(${t.amountFen}) filter (where ${t.code} = 'sale'), 0) as net,
          coalesce(sum(${t.amountFen}) filter (where ${t.code} = 'sale_vat'), 0) as vat,
          coalesce(sum(${t.amountFen}) filter (where ${t.code} = 'handling_fee'), 0) as fee
        from ${t}
        where ${t.debitAccountId} = ${receivable} and ${t.phase} = 'post' and ${t.at} >= ${fromAt.toISOString()}::timestamptz and ${t.at} < ${toAt.toISOString()}::timestamptz
          and ${t.code} in ('sale', 'sale_vat', 'handling_fee')
        group by 1, 2, 3
        order by 4, 1
        limit ${MAX_STATEMENT_LINES + 1}),
      taken as (
        insert into ${l} (${bare(l.statementId)}, ${bare(l.orderLineId)}, ${bare(l.kind)}, ${bare(l.orderId)}, ${bare(l.claimId)}, ${bare(l.postedAt)}, ${bare(l.netFen)}, ${bare(l.vatFen)}, ${bare(l.handlingFeeFen)}, ${bare(l.totalFen)})
        select ${id}::uuid, line, 'sale', order_id, claim_id, posted_at, net, vat, fee, net + vat + fee from sales
        order by posted_at, line limit ${MAX_STATEMENT_LINES}
        on conflict (${bare(l.orderLineId)}) where ${bare(l.kind)} = 'sale' do nothing
        returning ${bare(l.netFen)} as net, ${bare(l.vatFen)} as vat, ${bare(l.handlingFeeFen)} as fee),
      sums as (select count(*)::int as n, coalesce(sum(net), 0) as net, coalesce(sum(vat), 0) as vat, coalesce(sum(fee), 0) as fee from taken),
      -- Lines sent back after acceptance whose sale the ledger reversed by the period's end (a
      -- return's transfers, all posted at once) and that no statement credits yet: those of the
      -- period, and those an earlier statement had no room for. What came off the receivable, less
      -- the credit notes re-billed with it.
      returned as (
        select distinct ${t.orderLineId} as line from ${t}
        where ${t.creditAccountId} = ${receivable} and ${t.returnId} is not null and ${t.phase} = 'single' and ${t.at} < ${toAt.toISOString()}::timestamptz
          and not exists (select 1 from ${l} where ${l.orderLineId} = ${t.orderLineId} and ${l.kind} = 'return')),
      back as (
        select ${t.orderLineId} as line, ${t.orderId} as order_id, ${t.claimId} as claim_id, max(${t.at}) as posted_at,
          coalesce(sum(case when ${t.creditAccountId} = ${receivable} then ${t.amountFen} else -${t.amountFen} end) filter (where ${t.code} in ('sale', 'credit_note')), 0) as net,
          coalesce(sum(case when ${t.creditAccountId} = ${receivable} then ${t.amountFen} else -${t.amountFen} end) filter (where ${t.code} in ('sale_vat', 'credit_note_vat')), 0) as vat,
          coalesce(sum(${t.amountFen}) filter (where ${t.code} = 'handling_fee'), 0) as fee
        from ${t}
        where ${t.orderLineId} in (select line from returned) and ${t.returnId} is not null and ${t.phase} = 'single'
          and (${t.creditAccountId} = ${receivable} or ${t.debitAccountId} = ${receivable})
        group by 1, 2, 3),
      -- A statement credits returns up to what it bills, oldest first, so that its total is never
      -- below zero: what is left waits for the payer's next statement.
      fits as (
        select *, sum(net + vat + fee) over (order by posted_at, line) as running from back),
      given as (
        insert into ${l} (${bare(l.statementId)}, ${bare(l.orderLineId)}, ${bare(l.kind)}, ${bare(l.orderId)}, ${bare(l.claimId)}, ${bare(l.postedAt)}, ${bare(l.netFen)}, ${bare(l.vatFen)}, ${bare(l.handlingFeeFen)}, ${bare(l.totalFen)})
        select ${id}::uuid, line, 'return', order_id, claim_id, posted_at, net, vat, fee, net + vat + fee from fits
        where running <= (select net + vat + fee from sums)
        on conflict (${bare(l.orderLineId)}) where ${bare(l.kind)} = 'return' do nothing
        returning ${bare(l.totalFen)} as total),
      back_sums as (select count(*)::int as n, coalesce(sum(total), 0) as total from given)
      update ${s} set ${bare(s.lineCount)} = sums.n + back_sums.n, ${bare(s.netFen)} = sums.net, ${bare(s.vatFen)} = sums.vat, ${bare(s.handlingFeeFen)} = sums.fee,
        ${bare(s.creditFen)} = back_sums.total, ${bare(s.totalFen)} = sums.net + sums.vat + sums.fee - back_sums.total
      from sums, back_sums where ${s.id} = ${id}
      returning sums.n as n, back_sums.n as returns, (select count(*) from sales)::int as found`,
  );
  const n = totals?.n ?? 0;
  const returns = totals?.returns ?? 0;
  if (n === 0) throw new AppError('statement_empty', { from: input.from, to: input.to });
  const truncated = (totals?.found ?? 0) > MAX_STATEMENT_LINES;
  await recordAudit(tx, ctx, {
    orgId: payer.id,
    objectType: 'statement',
    objectId: id,
    action: 'create',
    toState: 'draft',
    data: { statementNo, from: input.from, to: input.to, lines: n, returns, truncated },
  });
  return { id, truncated };
}
