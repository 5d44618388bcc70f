import type { LightMyRequestResponse as Response } from 'fastify';
import { expect } from 'vitest';
import { cliCtx } from '../../src/cli/system-ctx.ts';
import { runPayouts } from '../../src/modules/settlement/index.ts';
import { markOverdue } from '../../src/modules/settlement/financing/mark-overdue.ts';
import { addDays, chinaDate } from '../../src/platform/china-date.ts';
import type { TestApp } from './app.ts';
import { cast } from './cast.ts';
import { type CatalogFixture, loadCatalogFixture } from './catalog-fixture.ts';

// A small world in which money moves, driven one event at a time through the same routes (or, for
// what has no route, the same functions the CLI and the daily job call) the people use: a warehouse
// receiving goods (bought outright or on consignment), a shop ordering for itself, deliveries
// accepted or rejected, returns; the platform's finance team gathering the shop's statements, a
// second person issuing them, the shop confirming or disputing them, the platform crediting, the
// shop's money recorded and matched, invoices; payout runs on any day, the bank's answers; a
// supplier borrowing against its receivables, approved or refused, funded by a second person,
// falling overdue, given up on. Each event picks its object among those it applies to (a pick
// past the end wraps round) and does nothing when there is none, so any sequence is a history.
// The property test (ledger-properties.test.ts) draws the sequences; money-invariants.ts says what
// must hold after each.

export type Supplier = 'huajun' | 'yuetong';
export type MoneyOp =
  | { kind: 'receive'; product: number; qty: number; consignment: boolean }
  | { kind: 'order'; product: number; qty: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'deliver'; pick: number; accept: boolean }
  | { kind: 'return'; pick: number; restock: boolean }
  // An accepted line sent back (售后退货): approved and received (restocked or scrapped), or refused.
  | { kind: 'sendBack'; pick: number; approve: boolean; restock: boolean }
  // Goods received, ordered, delivered and accepted at once: what most days are made of.
  | { kind: 'sale'; product: number; qty: number; consignment: boolean }
  | { kind: 'gather'; byAdmin: boolean; replay: boolean }
  | { kind: 'issue'; pick: number; ownFirst: boolean }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'answer'; pick: number; dispute: boolean; lines: number[] }
  | { kind: 'resolve'; pick: number; credits: (number | null)[] }
  | { kind: 'pay'; pick: number; how: 'exact' | 'partial' | 'over' | 'unmatched'; replay: boolean }
  | { kind: 'allocate'; pick: number; statement: number }
  // Part or all of what is left of a payment asked back (退款): approved by a second person, withdrawn,
  // or left waiting (held from matches).
  | { kind: 'refund'; pick: number; whole: boolean; decide: 'approve' | 'withdraw' | 'leave' }
  | { kind: 'invoice'; pick: number; whole: boolean }
  | { kind: 'terms'; who: Supplier | 'shop'; payoutDays: number; weekly: boolean; invoiceRequired: boolean }
  | { kind: 'payouts'; days: number; twice: boolean }
  | { kind: 'bank'; pick: number; confirm: boolean }
  | { kind: 'finance'; who: Supplier; lines: number }
  | { kind: 'decide'; pick: number; approve: boolean }
  | { kind: 'fund'; pick: number; ownFirst: boolean }
  | { kind: 'overdue'; days: number }
  | { kind: 'default'; pick: number };

// returned: rejected at the door and taken back; sentBack: accepted, then sent back and taken back.
export type LineState = 'open' | 'accepted' | 'rejected' | 'cancelled' | 'returned' | 'sentBack';
export type Line = { orderId: string; lineId: string; shipmentId: string; product: number; amountFen: number; state: LineState };

type Page<T> = { items: T[]; nextCursor: string | null };
type Statement = { id: string; status: string; totalFen: number; paidFen: number; outstandingFen: number; invoicedFen: number; createdBy: string };
type StatementLine = { orderLineId: string; kind: string; netFen: number; vatFen: number };
type Financing = { id: string; status: string; approvedBy: string | null };

export type MoneyWorld = Awaited<ReturnType<typeof moneyWorld>>;

const PEOPLE = {
  ops: 'admin@hz-ops.demo',
  shop: 'buyer@sh-anda.demo',
  shopAdmin: 'admin@sh-anda.demo',
  huajun: 'sales@huajun.demo',
  yuetong: 'sales@yuetong.demo',
  huajunFinance: 'finance@huajun.demo',
  yuetongFinance: 'finance@yuetong.demo',
  finance: 'finance@anpei.demo',
  admin: 'admin@anpei.demo',
};

// What every history starts from: the catalog fixture, the people signed in, a warehouse. Made
// once and copied for each history (snapshot.ts), the sessions with it.
export type WorldStart = {
  tokens: Record<string, string>;
  orgs: Record<string, string>;
  users: Record<string, string>;
  products: { id: string; supplier: string; seller: Supplier }[];
  warehouseId: string;
  // The suppliers' sales before the history, on consignment: what their financing limits are made of.
  lines: Line[];
};

export async function prepareMoneyWorld(t: TestApp): Promise<WorldStart> {
  const f: CatalogFixture = await loadCatalogFixture(t.database.db);
  const people = cast(() => t);
  await people.signIn(PEOPLE);
  const w = await people.call('ops', 'POST', '/api/v1/warehouses', {
    code: 'LEDGER-1',
    name: 'ledger',
    kind: 'central',
    regionCode: '330100',
    coverage: [{ regionCode: '310000', transitDays: 1 }],
  });
  expect(w.statusCode, w.body).toBe(201);
  const start: WorldStart = {
    tokens: { ...people.tokens },
    orgs: { ...people.orgs },
    users: { ...people.users },
    products: [
      { id: f.products.oes.id, supplier: f.suppliers.huajun, seller: 'huajun' },
      { id: f.products.aftermarket.id, supplier: f.suppliers.yuetong, seller: 'yuetong' },
    ],
    warehouseId: w.json().id as string,
    lines: [],
  };
  const world = await moneyWorld(t, start);
  for (const qty of [3, 3, 2]) for (const product of [0, 1]) await world.apply({ kind: 'sale', product, qty, consignment: true });
  return { ...start, lines: world.lines.map((l) => ({ ...l })) };
}

export async function moneyWorld(t: TestApp, start: WorldStart) {
  const people = cast(() => t);
  Object.assign(people.tokens, start.tokens);
  Object.assign(people.orgs, start.orgs);
  Object.assign(people.users, start.users);
  const { call, orgs, users: userIds } = people;
  const { products, warehouseId } = start;
  const ctx = await cliCtx(t.database.db);

  const lines: Line[] = start.lines.map((l) => ({ ...l }));
  // Who gathered each statement (the issue needs someone else), and how often each kind of event
  // did something (for the run's report of what the histories reached).
  const reached = new Map<string, number>();
  const did = (what: string) => reached.set(what, (reached.get(what) ?? 0) + 1);
  let serial = 0;
  const next = () => ++serial;
  const today = () => chinaDate(new Date());
  const inState = (s: LineState) => lines.filter((l) => l.state === s);
  const pickOf = <T>(items: readonly T[], pick: number): T | undefined => (items.length === 0 ? undefined : items[pick % items.length]);
  const ok = (res: Response, status = 200) => expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
  const refused = (res: Response, code: string) => expect({ status: res.statusCode, code: res.json().code }, res.body).toMatchObject({ code });

  const statements = async (status?: string): Promise<Statement[]> => (await call('finance', 'GET', `/api/v1/statements?limit=200${status ? `&status=${status}` : ''}`)).json<Page<Statement>>().items;
  const open = async () => (await statements()).filter((s) => ['issued', 'confirmed', 'disputed'].includes(s.status));
  const saleLines = async (id: string) => (await call('finance', 'GET', `/api/v1/statements/${id}/lines?limit=200`)).json<Page<StatementLine>>().items.filter((l) => l.kind === 'sale');
  const requests = async (status: string) => (await call('finance', 'GET', `/api/v1/financing/requests?limit=200&status=${status}`)).json<Page<Financing>>().items;

  async function receive(product: number, qty: number, consignment: boolean) {
    const p = products[product]!;
    ok(
      await call('ops', 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, {
        supplierOrgId: p.supplier,
        consignment,
        lines: [{ productId: p.id, qty, lotNo: `L${qty}` }],
      }),
      201,
    );
  }

  async function order(product: number, qty: number): Promise<Line | undefined> {
    const res = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: products[product]!.id, qty }], backorders: 'in_stock_only' });
    expect([201, 409], res.body).toContain(res.statusCode);
    if (res.statusCode !== 201) return undefined;
    const body = res.json();
    const line: Line = { orderId: body.id, lineId: body.lines[0].id, shipmentId: body.shipments[0].id, product, amountFen: body.lines[0].amountFen, state: 'open' };
    lines.push(line);
    return line;
  }

  async function deliver(target: Line, accept: boolean) {
    ok(await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/pack`, { lines: [{ orderLineId: target.lineId }] }));
    ok(await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/ship`, { carrier: 'SF', trackingNo: 'P1' }));
    ok(await call('ops', 'POST', `/api/v1/shipments/${target.shipmentId}/events`, { type: 'delivered' }));
    ok(
      await call('shop', 'POST', `/api/v1/orders/${target.orderId}/receipt`, {
        lines: [{ orderLineId: target.lineId, result: accept ? 'accepted' : 'rejected', ...(accept ? {} : { reason: 'quality' }) }],
      }),
    );
    target.state = accept ? 'accepted' : 'rejected';
    did(accept ? 'accepted' : 'rejected');
  }

  // The platform's finance team gathers what the shop owes for the last two days (from the one
  // before "today", so a history that crosses midnight in China loses nothing).
  async function gather(byAdmin: boolean, replay: boolean): Promise<void> {
    const key = { 'idempotency-key': `gather-${next()}` };
    const body = { payerOrgId: orgs.shop, from: addDays(today(), -1), to: today() };
    const res = await call(byAdmin ? 'admin' : 'finance', 'POST', '/api/v1/statements', body, key);
    if (res.statusCode === 422) return refused(res, 'statement_empty');
    ok(res, 201);
    did('gathered');
    if (replay) {
      const again = await call(byAdmin ? 'admin' : 'finance', 'POST', '/api/v1/statements', body, key);
      expect({ status: again.statusCode, id: again.json().id }).toEqual({ status: 201, id: res.json().id });
    }
  }

  const apply = async (o: MoneyOp): Promise<void> => {
    switch (o.kind) {
      case 'receive':
        return receive(o.product, o.qty, o.consignment);
      case 'order':
        await order(o.product, o.qty);
        return;
      case 'sale': {
        await receive(o.product, o.qty, o.consignment);
        const line = await order(o.product, o.qty);
        expect(line, 'the goods just received are in stock').toBeDefined();
        return deliver(line!, true);
      }
      case 'cancel': {
        const target = pickOf(inState('open'), o.pick);
        if (!target) return;
        ok(await call('shop', 'POST', `/api/v1/orders/${target.orderId}/cancel`, { reason: 'property' }));
        target.state = 'cancelled';
        return;
      }
      case 'deliver': {
        const target = pickOf(inState('open'), o.pick);
        if (target) await deliver(target, o.accept);
        return;
      }
      case 'return': {
        const target = pickOf(inState('rejected'), o.pick);
        if (!target) return;
        const ret = (await call('shop', 'GET', '/api/v1/returns?status=requested')).json().items.find((r: { orderLineId: string }) => r.orderLineId === target.lineId);
        ok(await call(products[target.product]!.seller, 'POST', `/api/v1/returns/${ret.id}/approve`));
        ok(await call('ops', 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: o.restock ? 'restock' : 'scrap' }));
        target.state = 'returned';
        return;
      }
      case 'sendBack': {
        const target = pickOf(inState('accepted'), o.pick);
        if (!target) return;
        const opened = await call('shop', 'POST', `/api/v1/orders/${target.orderId}/returns`, { orderLineId: target.lineId, reason: 'quality' }, { 'idempotency-key': `send-back-${next()}` });
        // A line sent back before and refused stays accepted, and has its one return already.
        if (opened.statusCode === 400) return refused(opened, 'validation_failed');
        ok(opened, 201);
        const id = opened.json().id as string;
        if (!o.approve) {
          ok(await call(products[target.product]!.seller, 'POST', `/api/v1/returns/${id}/refuse`, { reason: '非质量问题' }));
          did('sent back, refused');
          return;
        }
        ok(await call(products[target.product]!.seller, 'POST', `/api/v1/returns/${id}/approve`));
        ok(await call('ops', 'POST', `/api/v1/returns/${id}/receive`, { disposition: o.restock ? 'restock' : 'scrap' }, { 'idempotency-key': `send-back-${next()}` }));
        target.state = 'sentBack';
        did(o.restock ? 'sent back, restocked' : 'sent back, scrapped');
        return;
      }
      case 'gather':
        return gather(o.byAdmin, o.replay);
      case 'issue': {
        const s = pickOf(await statements('draft'), o.pick);
        if (!s) return;
        const own = s.createdBy === userIds.finance ? 'finance' : 'admin';
        const other = own === 'finance' ? 'admin' : 'finance';
        if (o.ownFirst) refused(await call(own, 'POST', `/api/v1/statements/${s.id}/issue`), 'four_eyes');
        ok(await call(other, 'POST', `/api/v1/statements/${s.id}/issue`, undefined, { 'idempotency-key': `issue-${next()}` }));
        did('issued');
        return;
      }
      case 'withdraw': {
        const s = pickOf(await statements('draft'), o.pick);
        if (!s) return;
        ok(await call('finance', 'POST', `/api/v1/statements/${s.id}/cancel`));
        did('withdrawn');
        return;
      }
      case 'answer': {
        const s = pickOf(await statements('issued'), o.pick);
        if (!s) return;
        if (!o.dispute) {
          ok(await call('shopAdmin', 'POST', `/api/v1/statements/${s.id}/confirm`));
          did('confirmed');
          return;
        }
        const on = await saleLines(s.id);
        const named = [...new Set(o.lines.map((i) => on[i % on.length]!.orderLineId))];
        ok(await call('shopAdmin', 'POST', `/api/v1/statements/${s.id}/dispute`, { lines: named.map((orderLineId) => ({ orderLineId, reason: '价格有误' })) }));
        did('disputed');
        return;
      }
      case 'resolve': {
        const s = pickOf(await statements('disputed'), o.pick);
        if (!s) return;
        const full = (await call('finance', 'GET', `/api/v1/statements/${s.id}`)).json<{ dispute: { lines: { orderLineId: string }[] } }>();
        const on = await saleLines(s.id);
        const body = full.dispute.lines.map((d, i) => {
          const line = on.find((l) => l.orderLineId === d.orderLineId)!;
          const share = o.credits[i % o.credits.length] ?? null;
          // A share of the line's parts and their VAT, at least a fen; or the line confirmed.
          return share === null
            ? { orderLineId: d.orderLineId, resolution: 'confirm' }
            : { orderLineId: d.orderLineId, resolution: 'credit', creditFen: Math.max(1, Math.floor((line.netFen + line.vatFen) * share)) };
        });
        ok(await call('finance', 'POST', `/api/v1/statements/${s.id}/resolve`, { lines: body }, { 'idempotency-key': `resolve-${next()}` }));
        did('resolved');
        return;
      }
      case 'pay': {
        const s =
          o.how === 'unmatched'
            ? undefined
            : pickOf(
                (await open()).filter((x) => x.outstandingFen > 0),
                o.pick,
              );
        const due = s?.outstandingFen ?? 0;
        const amountFen = !s ? 100 + (o.pick % 5000) : o.how === 'partial' ? Math.max(1, Math.floor(due / 2)) : o.how === 'over' ? due + 500 : due;
        const allocated = !s ? 0 : o.how === 'partial' ? amountFen : due;
        const body = {
          payerOrgId: orgs.shop,
          amountFen,
          receivedOn: today(),
          bankRef: `BK-${next()}`,
          allocations: s ? [{ statementId: s.id, amountFen: allocated }] : [],
        };
        const key = { 'idempotency-key': `pay-${serial}` };
        const res = await call('finance', 'POST', '/api/v1/payments', body, key);
        ok(res, 201);
        expect(res.json()).toMatchObject({ amountFen, allocatedFen: allocated, unallocatedFen: amountFen - allocated });
        did(s ? `paid ${o.how}` : 'paid unmatched');
        if (o.replay) {
          const again = await call('finance', 'POST', '/api/v1/payments', body, key);
          expect({ status: again.statusCode, id: again.json().id }).toEqual({ status: 201, id: res.json().id });
        }
        return;
      }
      case 'allocate': {
        const p = pickOf((await call('finance', 'GET', '/api/v1/payments?unmatched=true&limit=200')).json<Page<{ id: string; unallocatedFen: number }>>().items, o.pick);
        const s = pickOf(
          (await open()).filter((x) => x.outstandingFen > 0),
          o.statement,
        );
        if (!p || !s) return;
        const amountFen = Math.min(p.unallocatedFen, s.outstandingFen);
        ok(await call('finance', 'POST', `/api/v1/payments/${p.id}/allocations`, { statementId: s.id, amountFen }, { 'idempotency-key': `alloc-${next()}` }));
        did('allocated');
        return;
      }
      case 'refund': {
        // What is left of a payment; when nothing is, a payment sent twice (matched to nothing).
        let p = pickOf((await call('finance', 'GET', '/api/v1/payments?unmatched=true&limit=200')).json<Page<{ id: string; unallocatedFen: number }>>().items, o.pick);
        if (!p) {
          const twice = await call(
            'finance',
            'POST',
            '/api/v1/payments',
            { payerOrgId: orgs.shop, amountFen: 100 + (o.pick % 5000), receivedOn: today(), bankRef: `BK-${next()}` },
            { 'idempotency-key': `pay-twice-${next()}` },
          );
          ok(twice, 201);
          p = twice.json<{ id: string; unallocatedFen: number }>();
        }
        const amountFen = o.whole || p.unallocatedFen < 2 ? p.unallocatedFen : Math.floor(p.unallocatedFen / 2);
        const asked = await call('finance', 'POST', `/api/v1/payments/${p.id}/refunds`, { amountFen, reason: '多付', toAccount: '6222 0000 0000 0001' }, { 'idempotency-key': `refund-${next()}` });
        ok(asked, 201);
        const id = asked.json<{ id: string }>().id;
        if (o.decide === 'approve') ok(await call('admin', 'POST', `/api/v1/refunds/${id}/approve`, undefined, { 'idempotency-key': `refund-approve-${next()}` }));
        if (o.decide === 'withdraw') ok(await call('finance', 'POST', `/api/v1/refunds/${id}/withdraw`, { reason: '撤回' }, { 'idempotency-key': `refund-withdraw-${next()}` }));
        did(o.decide === 'approve' ? 'refunded' : o.decide === 'withdraw' ? 'refund withdrawn' : 'refund waiting');
        return;
      }
      case 'invoice': {
        const s = pickOf(
          (await statements()).filter((x) => x.status !== 'draft' && x.status !== 'cancelled' && x.totalFen > x.invoicedFen),
          o.pick,
        );
        if (!s) return;
        const room = s.totalFen - s.invoicedFen;
        const total = o.whole || room < 2 ? room : Math.floor(room / 2);
        const tax = Math.floor((total * 13) / 113);
        const res = await call(
          'finance',
          'POST',
          '/api/v1/invoices',
          { invoiceNo: `2631${String(next()).padStart(8, '0')}`, kind: 'special', amountFen: total - tax, taxFen: tax, issuedOn: today(), statementId: s.id },
          { 'idempotency-key': `inv-${serial}` },
        );
        ok(res, 201);
        did('invoiced');
        return;
      }
      case 'terms': {
        const orgId = o.who === 'shop' ? orgs.shop : products.find((p) => p.seller === o.who)!.supplier;
        const body = { invoiceRequired: o.invoiceRequired, payoutDays: o.payoutDays, payoutCycle: o.weekly ? 'weekly' : 'daily' };
        ok(await call('finance', 'PUT', `/api/v1/settlement-terms/${orgId}`, body, { 'idempotency-key': `terms-${next()}` }));
        return;
      }
      case 'payouts': {
        // A run for a day to come (the terms make a sale due thirty days on): the function the CLI and
        // the daily job call, since the API refuses days to come. Twice at once, sometimes.
        const day = addDays(today(), o.days);
        const runs = await Promise.all(Array.from({ length: o.twice ? 2 : 1 }, async () => runPayouts(t.database.db, { ...ctx, now: new Date() }, day)));
        const paid = runs.flatMap((r) => r.payees.filter((p) => p.outcome === 'paid').map((p) => p.payeeOrgId));
        expect(paid.length, 'each payee paid once a day').toBe(new Set(paid).size);
        if (paid.length > 0) did('payouts run');
        return;
      }
      case 'bank': {
        const p = pickOf((await call('finance', 'GET', '/api/v1/payouts?status=pending&limit=200')).json<Page<{ id: string }>>().items, o.pick);
        if (!p) return;
        const res = o.confirm
          ? await call('finance', 'POST', `/api/v1/payouts/${p.id}/confirm`, { bankRef: `CMB-${next()}` }, { 'idempotency-key': `pc-${serial}` })
          : await call('finance', 'POST', `/api/v1/payouts/${p.id}/return`, { reason: '收款账户有误' }, { 'idempotency-key': `pr-${next()}` });
        ok(res);
        did(o.confirm ? 'payout confirmed' : 'payout returned');
        return;
      }
      case 'finance': {
        // The supplier's clerk picks the smallest receivables that fit its available limit; when
        // none does, it asks for the smallest and is refused, nothing changed.
        const who = `${o.who}Finance`;
        const items = (await call(who, 'GET', '/api/v1/financing/receivables')).json<{ items: { orderLineId: string; faceFen: number }[] }>().items;
        if (items.length === 0) return;
        const { availableFen } = (await call(who, 'GET', '/api/v1/financing/limit')).json<{ availableFen: number }>();
        const picked: typeof items = [];
        for (const r of [...items].sort((a, b) => a.faceFen - b.faceFen)) if (picked.length < o.lines && picked.reduce((a, p) => a + p.faceFen, 0) + r.faceFen <= availableFen) picked.push(r);
        const ask = picked.length > 0 ? picked : [items.reduce((a, b) => (a.faceFen <= b.faceFen ? a : b))];
        const res = await call(who, 'POST', '/api/v1/financing/requests', { orderLineIds: ask.map((r) => r.orderLineId) }, { 'idempotency-key': `fin-${next()}` });
        if (picked.length === 0) return refused(res, 'financing_over_limit');
        // A fee as large as the face (an advance of nothing) is refused too.
        if (res.statusCode === 409 && res.json().code === 'financing_over_limit') return;
        ok(res, 201);
        did('financing requested');
        return;
      }
      case 'decide': {
        const r = pickOf(await requests('requested'), o.pick);
        if (!r) return;
        if (!o.approve) {
          ok(await call('finance', 'POST', `/api/v1/financing/requests/${r.id}/refuse`, { reason: '额度不足' }));
          did('financing refused');
          return;
        }
        const res = await call('finance', 'POST', `/api/v1/financing/requests/${r.id}/approve`, undefined, { 'idempotency-key': `appr-${next()}` });
        // The limit may have fallen since it was asked (a dispute credited, say).
        if (res.statusCode === 409 && res.json().code === 'financing_over_limit') return;
        ok(res);
        did('financing approved');
        return;
      }
      case 'fund': {
        const r = pickOf(await requests('approved'), o.pick);
        if (!r) return;
        const own = r.approvedBy === userIds.finance ? 'finance' : 'admin';
        if (o.ownFirst) refused(await call(own, 'POST', `/api/v1/financing/requests/${r.id}/fund`), 'four_eyes');
        ok(await call(own === 'finance' ? 'admin' : 'finance', 'POST', `/api/v1/financing/requests/${r.id}/fund`, undefined, { 'idempotency-key': `fund-${next()}` }));
        did('financing funded');
        return;
      }
      case 'overdue': {
        // The daily job on a day to come.
        if ((await markOverdue(t.database.db, { ...ctx, now: new Date(Date.now() + o.days * 86_400_000) })) > 0) did('financing overdue');
        return;
      }
      case 'default': {
        const r = pickOf(await requests('overdue'), o.pick);
        if (!r) return;
        ok(await call('finance', 'POST', `/api/v1/financing/requests/${r.id}/default`));
        did('financing defaulted');
        return;
      }
    }
  };

  // The last gathering of a history: every line accepted so far goes on a statement.
  const sweep = () => gather(false, false);
  return { apply, sweep, lines, reached, orgs, call };
}
