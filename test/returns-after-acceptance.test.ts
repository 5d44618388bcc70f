import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { accountId, accountRef, ledgerAccount, ledgerTransfer, stockValuation, verifyLedger } from '../src/modules/ledger/index.ts';
import { orderLine } from '../src/modules/orders/index.ts';
import { supplierRecord } from '../src/modules/ratings/index.ts';
import { payoutItem, runPayouts } from '../src/modules/settlement/index.ts';
import { addDays } from '../src/platform/china-date.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { demoPeople, type DemoPeople } from './support/demo-people.ts';
import { signForFirstDelivered } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Line = {
  id: string;
  productId: string;
  qty: number;
  supplierOrgId: string;
  shipperOrgId: string;
  amountFen: number;
  vatFen: number;
  handlingFeeFen: number;
  status: string;
  returnableUntil: string | null;
};
type Order = { id: string; status: string; payerOrgId: string; lines: Line[] };
type Return = { id: string; stage: string; status: string; reason: string; note: string | null; photoUrls: string[]; orderLineId: string };
type Statement = { id: string; lineCount: number; netFen: number; vatFen: number; handlingFeeFen: number; creditFen: number; totalFen: number };
type StatementLine = { orderLineId: string; kind: string; netFen: number; vatFen: number; handlingFeeFen: number; totalFen: number; qty: number };

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? String(v) : v);

// A return after acceptance (售后退货, issue 13) on the demo world, walked as its people walk it:
// 上海浦东安达's receiver signs for PICC's delivered claim order, the suppliers are paid thirty days
// on, and then the shop finds a fault in one part before fitting it and sends it back. The seller
// approves, the shop ships it back, the warehouse takes it in: the line is returned and its sale
// undone — PICC is credited on its next statement, the supplier already paid now owes what it was
// paid for it, and the ledger still agrees with itself. A refused return leaves the line to fit;
// another shop sees none of it; the door closes thirty days after signing.
for (const kind of databaseKinds()) {
  describe(`returns after acceptance on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    let people: DemoPeople;
    let order: Order;
    let line: Line;
    let other: Line;
    let ret: Return;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const db = () => t.database.db;
    const key = (s: string) => ({ 'idempotency-key': `${s}-${kind}` });
    const seller = (l: Line) => people.as(l.supplierOrgId, 'sales');
    const warehouse = (l: Line) => people.as(l.shipperOrgId, people.orgs.find((o) => o.id === l.shipperOrgId)!.kind === 'operator' ? 'warehouse' : 'sales');
    const balance = async (ref: ReturnType<typeof accountRef>) => {
      const [a] = await db()
        .select()
        .from(ledgerAccount)
        .where(eq(ledgerAccount.id, accountId(ref)));
      return a ? { dp: a.debitsPending, dpo: a.debitsPosted, cp: a.creditsPending, cpo: a.creditsPosted } : { dp: 0n, dpo: 0n, cp: 0n, cpo: 0n };
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({
        receiver: 'receiver@sh-anda.demo',
        buyer: 'buyer@sh-anda.demo',
        other: 'receiver@hz-shunjie.demo',
        finance: 'finance@anpei.demo',
        admin: 'admin@anpei.demo',
        picc: 'finance@picc.demo',
      });
      people = await demoPeople(users, 'finance');
      // The first delivered order the shop has, signed for whole.
      order = await signForFirstDelivered<Order>(users);
      expect(order.lines.length).toBeGreaterThanOrEqual(2);
      [line, other] = order.lines as [Line, Line];
      // Thirty days on, every supplier is paid what it sold (the default terms).
      const run = await runPayouts(db(), await cliCtx(db()), addDays(today, 30));
      expect(run.payees.some((p) => p.payeeOrgId === line.supplierOrgId && p.outcome === 'paid')).toBe(true);
    }, 300_000);
    afterAll(() => t?.close());

    it('opens a return on an accepted line once, and keeps it from being fitted meanwhile', async () => {
      const body = { orderLineId: line.id, reason: 'quality', note: '装车前发现支架开裂', photoUrls: ['https://img.example.com/crack.jpg'] };
      const opened = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, body, key('open'));
      expect(opened.statusCode, opened.body).toBe(201);
      ret = opened.json<Return>();
      expect(ret).toMatchObject({ stage: 'after_acceptance', status: 'requested', reason: 'quality', note: '装车前发现支架开裂', photoUrls: body.photoUrls, orderLineId: line.id });
      // The same request again has its effect once; another is refused, in the caller's words.
      const replay = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, body, key('open'));
      expect(replay.json<Return>().id).toBe(ret.id);
      const twice = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, body, key('open-again'));
      expect(twice.statusCode).toBe(400);
      expect(twice.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([expect.objectContaining({ path: 'orderLineId', code: 'return_exists' })]);
      // Not fitted while it is on its way back.
      const fit = await call('receiver', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: [line.id] });
      expect(fit.statusCode).toBe(400);
      expect(fit.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('return_open');
      // Nor lent against by its supplier.
      const receivables = (await call(await people.as(line.supplierOrgId, 'finance'), 'GET', '/api/v1/financing/receivables')).json<{ items: { orderLineId: string }[] }>();
      expect(receivables.items.map((r) => r.orderLineId)).not.toContain(line.id);
    });

    it('refuses what is not the shop’s to send back: a foreign order, a line not accepted, a line signed for too long ago', async () => {
      const foreign = await call('other', 'POST', `/api/v1/orders/${order.id}/returns`, { orderLineId: other.id, reason: 'quality' });
      expect(foreign.statusCode).toBe(404);
      expect((await call('other', 'GET', `/api/v1/returns/${ret.id}`)).statusCode).toBe(404);
      // Signed for 31 days ago: the door is closed.
      const [before] = await db().select({ at: orderLine.receivedAt }).from(orderLine).where(eq(orderLine.id, other.id));
      await db()
        .update(orderLine)
        .set({ receivedAt: new Date(Date.now() - 31 * 86_400_000) })
        .where(eq(orderLine.id, other.id));
      // The order says so before the shop asks: the line's window closed a day ago, while the
      // line signed for today has a month to go.
      const told = (await call('receiver', 'GET', `/api/v1/orders/${order.id}`)).json<Order>().lines;
      expect(Date.parse(told.find((l) => l.id === other.id)!.returnableUntil!)).toBeLessThan(Date.now());
      expect(Date.parse(told.find((l) => l.id === line.id)!.returnableUntil!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
      const late = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, { orderLineId: other.id, reason: 'damaged' }, { 'accept-language': 'en' });
      expect(late.statusCode).toBe(400);
      expect(late.json<{ errors: { code: string; message: string }[] }>().errors[0]).toMatchObject({ code: 'return_window_closed' });
      expect(late.json<{ errors: { message: string }[] }>().errors[0]!.message).toContain('30 days');
      await db().update(orderLine).set({ receivedAt: before!.at }).where(eq(orderLine.id, other.id));
      const missing = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, { orderLineId: other.id, reason: 'missing' });
      expect(missing.statusCode).toBe(400);
    });

    it('undoes the sale when the warehouse has the goods back: the payer credited, the supplier owing what it was paid', async () => {
      const receivable = accountRef('insurer_receivable', order.payerOrgId);
      const payable = accountRef('supplier_payable', line.supplierOrgId);
      const owedBefore = await balance(receivable);
      const payableBefore = await balance(payable);
      const valuedBefore = await db().select().from(stockValuation).where(eq(stockValuation.productId, line.productId));
      const rejectedOf = async () => (await db().select().from(supplierRecord).where(eq(supplierRecord.supplierOrgId, line.supplierOrgId)))[0]?.linesRejected ?? 0;
      const rejectedBefore = await rejectedOf();

      const sellerWho = await seller(line);
      expect((await call(sellerWho, 'POST', `/api/v1/returns/${ret.id}/approve`, undefined, key('approve'))).statusCode).toBe(200);
      const shipped = await call('receiver', 'POST', `/api/v1/returns/${ret.id}/ship-back`, { carrier: '顺丰速运', trackingNo: 'SF1234567890' }, key('ship-back'));
      expect(shipped.statusCode, shipped.body).toBe(200);
      const wh = await warehouse(line);
      const received = await call(wh, 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: 'restock' }, key('receive'));
      expect(received.statusCode, received.body).toBe(200);
      expect(received.json<Return>().status).toBe('received');
      // Again under the same key: once.
      expect((await call(wh, 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: 'restock' }, key('receive'))).statusCode).toBe(200);
      // It counts against the supplier as a line rejected (its rating and return rate), once.
      expect(await rejectedOf()).toBe(rejectedBefore + 1);

      const now = (await call('receiver', 'GET', `/api/v1/orders/${order.id}`)).json<Order>();
      expect(now.lines.find((l) => l.id === line.id)!.status).toBe('returned');
      expect(now.status).toBe('received');

      // Every transfer the sale posted is reversed once, by a transfer naming it and the return.
      const sold = await db()
        .select()
        .from(ledgerTransfer)
        .where(and(eq(ledgerTransfer.orderLineId, line.id), inArray(ledgerTransfer.phase, ['post', 'single']), sql`${ledgerTransfer.reversesId} is null`, sql`${ledgerTransfer.returnId} is null`));
      const reversals = await db().select().from(ledgerTransfer).where(eq(ledgerTransfer.returnId, ret.id));
      const undoing = reversals.filter((r) => r.reversesId !== null);
      expect(undoing.map((r) => r.reversesId).sort()).toEqual(
        sold
          .filter((s) => s.code !== 'payout')
          .map((s) => s.id)
          .sort(),
      );
      for (const r of undoing) {
        const s = sold.find((x) => x.id === r.reversesId)!;
        expect([r.code, r.debitAccountId, r.creditAccountId, r.amountFen]).toEqual([s.code, s.creditAccountId, s.debitAccountId, s.amountFen]);
      }

      // PICC owes the line, its VAT and the shop's handling fee less.
      const owedAfter = await balance(receivable);
      expect(owedAfter.cpo - owedBefore.cpo).toBe(BigInt(line.amountFen + line.handlingFeeFen));
      // The supplier was paid for the line: whatever its goods were, what it was owed for them is
      // taken back (its own goods) or nothing was (goods the platform had bought outright, whose
      // cost came back into the platform's stock).
      const payableAfter = await balance(payable);
      const takenBack =
        sold.filter((s) => s.code === 'consignment_sold' || s.code === 'purchase_vat').reduce((a, s) => a + s.amountFen, 0n) -
        sold.filter((s) => s.code === 'supplier_fee').reduce((a, s) => a + s.amountFen, 0n);
      expect(payableAfter.dpo - payableAfter.cpo - (payableBefore.dpo - payableBefore.cpo)).toBe(takenBack);
      const ownCost = sold.filter((s) => s.code === 'stock_sold').reduce((a, s) => a + s.amountFen, 0n);
      const valuedAfter = await db().select().from(stockValuation).where(eq(stockValuation.productId, line.productId));
      expect((valuedAfter[0]?.valueFen ?? 0n) - (valuedBefore[0]?.valueFen ?? 0n)).toBe(ownCost);
      expect(takenBack + ownCost).toBeGreaterThan(0n);
      // Paid out already (the run thirty days on), a supplier whose goods they were now owes them.
      if (takenBack > 0n) expect(payableAfter.cpo - payableAfter.dpo - payableAfter.dp).toBe(payableBefore.cpo - payableBefore.dpo - payableBefore.dp - takenBack);
      if (takenBack > 0n && payableBefore.cpo - payableBefore.dpo - payableBefore.dp === 0n) expect(payableAfter.cpo - payableAfter.dpo - payableAfter.dp).toBeLessThan(0n);

      // The books still agree with themselves: a supplier owing after a return is not a payable
      // paid beyond what it was owed.
      const report = await verifyLedger(db());
      expect(report.ok, JSON.stringify(report, bigints).slice(0, 2000)).toBe(true);
      const tb = (await call('finance', 'GET', '/api/v1/ledger/trial-balance')).json<{ balanced: boolean }>();
      expect(tb.balanced).toBe(true);
    });

    it('credits the return on the payer’s next statement, once, beside the sales it nets', async () => {
      // The return as if the ledger had reversed the sale two days ago, before this statement's
      // period: a return no statement has credited yet is the next one's, whatever its day.
      await db().execute(sql`update ledger_transfer set at = at - interval '2 days' where return_id = ${ret.id}`);
      const created = await call('finance', 'POST', '/api/v1/statements', { payerOrgId: order.payerOrgId, from: today, to: today }, key('statement'));
      expect(created.statusCode, created.body).toBe(201);
      const s = created.json<Statement>();
      const lines: StatementLine[] = (await call('finance', 'GET', `/api/v1/statements/${s.id}/lines?limit=200`)).json<Page<StatementLine>>().items;
      const back = lines.filter((l) => l.kind === 'return');
      expect(back.map((l) => l.orderLineId)).toEqual([line.id]);
      expect(back[0]).toMatchObject({ netFen: line.amountFen - line.vatFen, vatFen: line.vatFen, handlingFeeFen: line.handlingFeeFen, totalFen: line.amountFen + line.handlingFeeFen });
      const sales = lines.filter((l) => l.kind === 'sale');
      expect(sales.map((l) => l.orderLineId).sort()).toEqual(order.lines.map((l) => l.id).sort());
      const billed = sales.reduce((a, l) => a + l.totalFen, 0);
      expect(s).toMatchObject({ creditFen: back[0]!.totalFen, totalFen: billed - back[0]!.totalFen, lineCount: sales.length + 1 });
      // Nothing of it is billed or credited twice.
      const again = await call('finance', 'POST', '/api/v1/statements', { payerOrgId: order.payerOrgId, from: today, to: today }, key('statement-again'));
      expect(again.statusCode).toBe(422);
      // The export says it in words, taken off the total.
      const csv = await call('finance', 'GET', `/api/v1/statements/${s.id}/export.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('退货冲减');
      expect(csv.body).toContain(`-${((line.amountFen + line.handlingFeeFen) / 100).toFixed(2)}`);
    });

    it('nets what the supplier owes in its next payouts rather than paying it', async () => {
      const run = await runPayouts(db(), await cliCtx(db()), addDays(today, 31));
      const mine = run.payees.find((p) => p.payeeOrgId === line.supplierOrgId);
      // The reversal is due with the next run, and with nothing newer it is not a payment.
      if (mine) expect(mine.outcome).not.toBe('paid');
      const held = await db()
        .select()
        .from(payoutItem)
        .innerJoin(ledgerTransfer, eq(ledgerTransfer.id, payoutItem.transferId))
        .where(and(eq(ledgerTransfer.returnId, ret.id), isNotNull(ledgerTransfer.reversesId)));
      expect(held).toEqual([]);
    });

    it('leaves a refused return’s line accepted, to be fitted, and orders a replacement for a received one', async () => {
      const opened = await call('receiver', 'POST', `/api/v1/orders/${order.id}/returns`, { orderLineId: other.id, reason: 'wrong_part' }, key('open-other'));
      expect(opened.statusCode, opened.body).toBe(201);
      const refused = await call(await seller(other), 'POST', `/api/v1/returns/${opened.json<Return>().id}/refuse`, { reason: '配件型号与定损一致，非错发' }, key('refuse'));
      expect(refused.json<Return>().status).toBe('refused');
      const fit = await call('receiver', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: [other.id] }, key('install'));
      expect(fit.statusCode, fit.body).toBe(200);
      expect(fit.json<Order>().lines.find((l) => l.id === other.id)!.status).toBe('installed');

      const replacement = await call('buyer', 'POST', `/api/v1/returns/${ret.id}/replacement`, undefined, key('replace'));
      expect(replacement.statusCode, replacement.body).toBe(201);
      const placed = replacement.json<Order>();
      expect(placed.payerOrgId).toBe(order.payerOrgId);
      expect(placed.lines).toEqual([expect.objectContaining({ productId: line.productId, qty: line.qty, amountFen: line.amountFen })]);
      const report = await verifyLedger(db());
      expect(report.ok, JSON.stringify(report, bigints).slice(0, 2000)).toBe(true);
    });
  });
}
