import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FEE_BP, feeRatesOn, ledgerAccount, ledgerTransfer } from '../src/modules/ledger/index.ts';
import { MAX_CREDIT_LIMIT_FEN } from '../src/platform/bounds.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { newId } from '../src/platform/ids.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Problem = { code: string; detail: string; errors: { path: string; in: string; code: string }[] };
type OrgRef = { id: string; name: string };
type Account = {
  id: string;
  org: OrgRef | null;
  code: string;
  codeName: string;
  normal: 'debit' | 'credit';
  partner: OrgRef | null;
  debitsPendingFen: number;
  debitsPostedFen: number;
  creditsPendingFen: number;
  creditsPostedFen: number;
  balanceFen: number;
  pendingFen: number;
  creditLimitFen: number | null;
  creditAvailableFen: number | null;
};
type Transfer = {
  id: string;
  phase: string;
  code: string;
  codeName: string;
  side: 'debit' | 'credit';
  amountFen: number;
  otherAccount: { id: string; code: string; codeName: string; org: OrgRef | null; partner: OrgRef | null };
  pendingId: string | null;
  reversesId: string | null;
  links: Record<'claimId' | 'orderId' | 'orderLineId' | 'returnId' | 'purchaseOrderId' | 'documentId', string | null>;
  at: string;
};
type Sides = { debitsPendingFen: number; debitsPostedFen: number; creditsPendingFen: number; creditsPostedFen: number };
type TrialBalance = {
  accountCodes: (Sides & { code: string; codeName: string; accounts: number; balanceFen: number; pendingFen: number })[];
  transferCodes: { code: string; codeName: string; transfers: number; postedFen: number; reversedFen: number; pendingFen: number }[];
  totals: Sides;
  balanced: boolean;
  balancedPosted: boolean;
  balancedPending: boolean;
};
type FeeRates = {
  supplier: OrgRef;
  today: string;
  defaultRateBp: number;
  inForce: { rateBp: number; fromDate: string | null };
  items: { fromDate: string; rateBp: number; inForce: boolean; setBy: string | null }[];
  nextCursor: string | null;
};

// The ledger's HTTP API (issue 13) on the demo world, as its people use it: PICC's finance team
// reads PICC's receivable (the demo's delivered order pending on it) and its transfers page by
// page; CPIC sees none of it; the platform's finance team sees every account and a balanced trial
// balance, sets a credit limit that then refuses the shop's next order for PICC's claim whole (and
// lifts it again), and dates suppliers' fee rates, never into the past. Every write replays under
// its Idempotency-Key and leaves an audit row.
for (const kind of databaseKinds()) {
  describe(`the ledger API on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call, orgs } = users;
    const today = chinaDate(new Date());

    const get = async <T>(who: string, url: string, headers: Record<string, string> = {}): Promise<T> => {
      const res = await call(who, 'GET', url, undefined, headers);
      expect(res.statusCode, `${who} GET ${url}: ${res.body}`).toBe(200);
      return res.json<T>();
    };
    const put = (who: string, url: string, body: unknown, key?: string) => call(who, 'PUT', url, body, key ? { 'idempotency-key': key } : {});
    // Every page of a list, following nextCursor, with a bound on the pages.
    const allPages = async <T>(who: string, url: string, limit: number): Promise<{ items: T[]; pages: number }> => {
      const items: T[] = [];
      let pages = 0;
      for (let cursor: string | null = null; pages < 100; ) {
        const page: Page<T> = await get<Page<T>>(who, `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        items.push(...page.items);
        pages += 1;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { items, pages };
    };
    const accountsOf = async (who: string, query = '') => (await allPages<Account>(who, `/api/v1/ledger/accounts${query}`, 200)).items;
    const receivableOf = async (who: string, orgId: string) => (await accountsOf(who, `?orgId=${orgId}&code=insurer_receivable`))[0];

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({
        finance: 'finance@anpei.demo',
        admin: 'admin@anpei.demo',
        catalog: 'catalog@anpei.demo',
        piccFinance: 'finance@picc.demo',
        piccAdmin: 'admin@picc.demo',
        adjuster: 'adjuster@picc.demo',
        cpicFinance: 'finance@cpic.demo',
        huajun: 'finance@huajun.demo',
        yuetong: 'finance@yuetong.demo',
        shopAdmin: 'admin@sh-anda.demo',
        buyer: 'buyer@sh-anda.demo',
      });
    }, 300_000);
    afterAll(() => t?.close());

    describe('accounts', () => {
      it('shows PICC its own accounts, its receivable holding the delivered demo order as pending, to its finance team and administrator alike', async () => {
        const mine = await accountsOf('piccFinance');
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.every((a) => a.org?.id === orgs.piccFinance)).toBe(true);
        expect(mine.every((a) => a.org?.name.includes('中国人民财产保险'))).toBe(true);
        const receivable = mine.find((a) => a.code === 'insurer_receivable')!;
        expect(receivable).toMatchObject({ codeName: '应收保险公司款', normal: 'debit', partner: null, creditLimitFen: null, creditAvailableFen: null, debitsPostedFen: 0, balanceFen: 0 });
        // The demo order of claim …0101 is delivered and not yet signed for: owed, but pending.
        expect(receivable.debitsPendingFen).toBeGreaterThan(0);
        expect(receivable.pendingFen).toBe(receivable.debitsPendingFen - receivable.creditsPendingFen);
        expect(await accountsOf('piccAdmin')).toEqual(mine);
        // In English on request.
        const en = await get<Account>('piccFinance', `/api/v1/ledger/accounts/${receivable.id}`, { 'accept-language': 'en' });
        expect(en).toMatchObject({ id: receivable.id, codeName: 'Insurer receivable' });
      });

      it('hides PICC’s accounts from CPIC (404 by id, absent from its list even when asked for) and from those who do not answer for money (403)', async () => {
        const receivable = (await receivableOf('piccFinance', orgs.piccFinance!))!;
        const foreign = await call('cpicFinance', 'GET', `/api/v1/ledger/accounts/${receivable.id}`);
        expect(foreign.statusCode).toBe(404);
        expect(foreign.json<Problem>().code).toBe('not_found');
        expect(await accountsOf('cpicFinance', `?orgId=${orgs.piccFinance}`)).toEqual([]);
        expect((await accountsOf('cpicFinance')).every((a) => a.org?.id === orgs.cpicFinance)).toBe(true);
        expect((await call('cpicFinance', 'GET', `/api/v1/ledger/transfers?accountId=${receivable.id}`)).statusCode).toBe(404);
        for (const who of ['adjuster', 'buyer', 'catalog']) {
          const res = await call(who, 'GET', '/api/v1/ledger/accounts');
          expect(res.statusCode, who).toBe(403);
        }
        // A supplier's finance team sees its own payable side only.
        expect((await accountsOf('huajun')).every((a) => a.org?.id === orgs.huajun)).toBe(true);
      });

      it('shows the platform every account, its own books among them, by keyset pages without repeats', async () => {
        const all = await accountsOf('finance');
        const owners = new Set(all.map((a) => a.org?.id ?? 'platform'));
        expect(owners.has(orgs.piccFinance!)).toBe(true);
        expect(owners.has('platform')).toBe(true);
        const paged = await allPages<Account>('finance', '/api/v1/ledger/accounts', 2);
        expect(paged.pages).toBeGreaterThan(1);
        expect(new Set(paged.items.map((a) => a.id)).size).toBe(paged.items.length);
        expect(paged.items.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
        // The platform's books: no organisation, and per payer for sales and VAT.
        const books = await accountsOf('finance', '?orgId=platform');
        expect(books.length).toBeGreaterThan(0);
        expect(books.every((a) => a.org === null)).toBe(true);
        const sales = books.filter((a) => a.code === 'sales_revenue');
        expect(sales.map((a) => a.partner?.id)).toContain(orgs.piccFinance);
        expect(sales.every((a) => a.normal === 'credit' && a.pendingFen === a.creditsPendingFen - a.debitsPendingFen)).toBe(true);
        const perPartner = await accountsOf('finance', `?code=sales_revenue&partnerOrgId=${orgs.piccFinance}`);
        expect(perPartner.map((a) => a.id)).toEqual(sales.filter((a) => a.partner?.id === orgs.piccFinance).map((a) => a.id));
        expect((await accountsOf('admin')).length).toBe(all.length);
      });

      it('refuses a malformed cursor and an unknown code with a 400 naming the field', async () => {
        const bad = await call('finance', 'GET', '/api/v1/ledger/accounts?cursor=bm90LWEtdXVpZA');
        expect(bad.statusCode).toBe(400);
        expect(bad.json<Problem>().errors).toContainEqual(expect.objectContaining({ path: 'cursor', code: 'invalid_cursor' }));
        const code = await call('finance', 'GET', '/api/v1/ledger/accounts?code=petty_cash');
        expect(code.statusCode).toBe(400);
        expect(code.json<Problem>().errors).toContainEqual(expect.objectContaining({ path: 'code', in: 'querystring' }));
      });
    });

    describe('transfers', () => {
      it('pages an account’s transfers newest first without repeats, each with its other side and its cause', async () => {
        const receivable = (await receivableOf('piccFinance', orgs.piccFinance!))!;
        const url = `/api/v1/ledger/transfers?accountId=${receivable.id}`;
        const whole = (await get<Page<Transfer>>('piccFinance', `${url}&limit=200`)).items;
        // Three lines, each its sale and the sale's VAT.
        expect(whole.length).toBeGreaterThanOrEqual(6);
        const paged = await allPages<Transfer>('piccFinance', url, 2);
        expect(paged.pages).toBe(Math.ceil(whole.length / 2));
        expect(paged.items).toEqual(whole);
        expect(new Set(whole.map((x) => x.id)).size).toBe(whole.length);
        for (let i = 1; i < whole.length; i++) expect(whole[i - 1]!.at >= whole[i]!.at).toBe(true);
        // Nothing signed for yet: every transfer pending, on the debit side, summing to the balance.
        expect(whole.every((x) => x.phase === 'pending' && x.side === 'debit' && x.pendingId === null)).toBe(true);
        expect(whole.reduce((n, x) => n + x.amountFen, 0)).toBe(receivable.debitsPendingFen);
        // The demo's PICC pays its shops no handling fee through the platform: sales and VAT only.
        expect(new Set(whole.map((x) => x.otherAccount.code))).toEqual(new Set(['sales_revenue', 'vat_output']));
        const sale = whole.find((x) => x.code === 'sale')!;
        expect(sale).toMatchObject({ codeName: '配件销售', otherAccount: { org: null, partner: { id: orgs.piccFinance } } });
        expect(sale.links.claimId && sale.links.orderId && sale.links.orderLineId).toBeTruthy();
        // The same transfer seen from the platform's revenue account: the credit side.
        const fromRevenue = (await get<Page<Transfer>>('finance', `/api/v1/ledger/transfers?accountId=${sale.otherAccount.id}&limit=200`)).items;
        expect(fromRevenue.find((x) => x.id === sale.id)).toMatchObject({ side: 'credit', otherAccount: { id: receivable.id, code: 'insurer_receivable', org: { id: orgs.piccFinance } } });
      });

      it('filters by code and by day, China time, and refuses a range that ends before it starts', async () => {
        const receivable = (await receivableOf('piccFinance', orgs.piccFinance!))!;
        const url = `/api/v1/ledger/transfers?accountId=${receivable.id}&limit=200`;
        const whole = (await get<Page<Transfer>>('piccFinance', url)).items;
        const sales = (await get<Page<Transfer>>('piccFinance', `${url}&code=sale`)).items;
        expect(sales.map((x) => x.id)).toEqual(whole.filter((x) => x.code === 'sale').map((x) => x.id));
        expect((await get<Page<Transfer>>('piccFinance', `${url}&from=${today}&to=${today}`)).items).toHaveLength(whole.length);
        expect((await get<Page<Transfer>>('piccFinance', `${url}&from=${addDays(today, 1)}`)).items).toEqual([]);
        expect((await get<Page<Transfer>>('piccFinance', `${url}&to=${addDays(today, -1)}`)).items).toEqual([]);
        const backwards = await call('piccFinance', 'GET', `${url}&from=${today}&to=${addDays(today, -1)}`);
        expect(backwards.statusCode).toBe(400);
        expect(backwards.json<Problem>().errors).toContainEqual(expect.objectContaining({ path: 'to', code: 'date_order' }));
        expect((await call('piccFinance', 'GET', '/api/v1/ledger/transfers')).statusCode).toBe(400);
        const cursor = await call('piccFinance', 'GET', `${url}&cursor=${Buffer.from('s-1').toString('base64url')}`);
        expect(cursor.statusCode).toBe(400);
        expect((await call('piccFinance', 'GET', `/api/v1/ledger/transfers?accountId=${newId()}`)).statusCode).toBe(404);
      });
    });

    describe('the trial balance', () => {
      it('balances, per account code and per transfer code, for the platform alone', async () => {
        const tb = await get<TrialBalance>('finance', '/api/v1/ledger/trial-balance');
        expect(tb.balanced && tb.balancedPosted && tb.balancedPending).toBe(true);
        expect(tb.totals.debitsPendingFen).toBeGreaterThan(0);
        expect(tb.totals.debitsPendingFen).toBe(tb.totals.creditsPendingFen);
        expect(tb.totals.debitsPostedFen).toBe(tb.totals.creditsPostedFen);
        // The per-code lines add up to the totals; every chart code and transfer code is listed.
        const sum = (k: keyof Sides) => tb.accountCodes.reduce((n, l) => n + l[k], 0);
        expect({ debitsPendingFen: sum('debitsPendingFen'), debitsPostedFen: sum('debitsPostedFen'), creditsPendingFen: sum('creditsPendingFen'), creditsPostedFen: sum('creditsPostedFen') }).toEqual(
          tb.totals,
        );
        expect(tb.accountCodes.map((l) => l.code)).toContain('financing_fee_revenue');
        expect(tb.transferCodes.map((l) => l.code)).toContain('stock_found');
        // Every pending transfer still open is one pending debit and one pending credit.
        expect(tb.transferCodes.reduce((n, l) => n + l.pendingFen, 0)).toBe(tb.totals.debitsPendingFen);
        expect(tb.transferCodes.reduce((n, l) => n + l.postedFen - l.reversedFen, 0)).toBeLessThanOrEqual(tb.totals.debitsPostedFen);
        // The receivables' line is every insurer's receivable, PICC's among them.
        const picc = (await receivableOf('finance', orgs.piccFinance!))!;
        const line = tb.accountCodes.find((l) => l.code === 'insurer_receivable')!;
        expect(line.debitsPendingFen).toBeGreaterThanOrEqual(picc.debitsPendingFen);
        expect(line.accounts).toBeGreaterThanOrEqual(1);
        expect((await call('piccFinance', 'GET', '/api/v1/ledger/trial-balance')).statusCode).toBe(403);
      });

      it('agrees with the transfers themselves', async () => {
        const tb = await get<TrialBalance>('finance', '/api/v1/ledger/trial-balance');
        const rows = await t.database.db.select({ code: ledgerTransfer.code, phase: ledgerTransfer.phase, amountFen: ledgerTransfer.amountFen }).from(ledgerTransfer);
        for (const line of tb.transferCodes) {
          const mine = rows.filter((r) => r.code === line.code);
          expect(line.transfers, line.code).toBe(mine.length);
          const of = (phases: string[]) => mine.filter((r) => phases.includes(r.phase)).reduce((n, r) => n + r.amountFen, 0n);
          expect(BigInt(line.pendingFen), line.code).toBe(of(['pending']) - of(['post', 'void']));
        }
      });
    });

    describe('credit limits', () => {
      const approvedClaim = async () => {
        const claims = (await call('buyer', 'GET', '/api/v1/claims?limit=50')).json<Page<{ id: string; claimNo: string; status: string }>>().items;
        const claim = claims.find((c) => c.claimNo === 'RDAA2026310115000102')!;
        const detail = (await call('buyer', 'GET', `/api/v1/claims/${claim.id}`)).json<{ status: string; assessments: { id: string; status: string }[] }>();
        return { claim, status: detail.status, assessmentId: detail.assessments.find((a) => a.status === 'approved')!.id };
      };
      const ledgerFingerprint = async () => ({
        transfers: (await t.database.db.select({ id: ledgerTransfer.id }).from(ledgerTransfer)).length,
        accounts: await t.database.db.select().from(ledgerAccount).orderBy(ledgerAccount.id),
      });

      it('refuses the order that would pass PICC’s limit, whole, and takes it once the limit is lifted', async () => {
        const before = (await receivableOf('finance', orgs.piccFinance!))!;
        const owed = before.debitsPendingFen + before.debitsPostedFen - before.creditsPostedFen;
        // Exactly what PICC owes now: nothing more may be ordered on its account.
        const set = await put('finance', `/api/v1/ledger/credit-limits/${orgs.piccFinance}`, { limitFen: owed }, `limit-picc-${kind}`);
        expect(set.statusCode, set.body).toBe(200);
        expect(set.json<Account>()).toMatchObject({ id: before.id, code: 'insurer_receivable', creditLimitFen: owed, creditAvailableFen: 0, debitsPendingFen: before.debitsPendingFen });
        // PICC sees the limit set on it.
        expect((await get<Account>('piccFinance', `/api/v1/ledger/accounts/${before.id}`)).creditLimitFen).toBe(owed);

        const { assessmentId } = await approvedClaim();
        const fingerprint = await ledgerFingerprint();
        const orders = (await call('buyer', 'GET', '/api/v1/orders?limit=50')).json<Page<{ id: string }>>().items.length;
        const refused = await call('buyer', 'POST', '/api/v1/orders', { assessmentId }, { 'accept-language': 'en' });
        expect(refused.statusCode, refused.body).toBe(409);
        expect(refused.json<Problem>().code).toBe('credit_limit_exceeded');
        expect(refused.json<Problem>().detail).toContain('nothing was changed');
        // Nothing changed: no order, the claim still approved, the ledger as it was.
        expect((await approvedClaim()).status).toBe('approved');
        expect((await call('buyer', 'GET', '/api/v1/orders?limit=50')).json<Page<{ id: string }>>().items.length).toBe(orders);
        expect(await ledgerFingerprint()).toEqual(fingerprint);

        const lifted = await put('admin', `/api/v1/ledger/credit-limits/${orgs.piccFinance}`, { limitFen: null });
        expect(lifted.statusCode, lifted.body).toBe(200);
        expect(lifted.json<Account>()).toMatchObject({ creditLimitFen: null, creditAvailableFen: null });
        const placed = await call('buyer', 'POST', '/api/v1/orders', { assessmentId });
        expect(placed.statusCode, placed.body).toBe(201);
        const after = (await receivableOf('finance', orgs.piccFinance!))!;
        expect(after.debitsPendingFen).toBeGreaterThan(before.debitsPendingFen);
        expect((await get<TrialBalance>('finance', '/api/v1/ledger/trial-balance')).balanced).toBe(true);

        // Both settings are in the audit trail, with what the limit was.
        const audits = await t.database.db
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.objectId, before.id), eq(auditEvent.action, 'set_credit_limit')))
          .orderBy(auditEvent.id);
        expect(audits.map((a) => [a.orgId, a.data])).toEqual([
          [orgs.piccFinance, { code: 'insurer_receivable', before: null, after: String(owed) }],
          [orgs.piccFinance, { code: 'insurer_receivable', before: String(owed), after: null }],
        ]);
        expect(audits.map((a) => a.actorUserId)).toEqual([users.users.finance, users.users.admin]);
      });

      it('opens a shop’s own receivable when it has none, and holds its own purchases to the limit', async () => {
        const shopId = orgs.shopAdmin!;
        expect(await accountsOf('finance', `?orgId=${shopId}&code=shop_receivable`)).toEqual([]);
        const set = await put('finance', `/api/v1/ledger/credit-limits/${shopId}`, { limitFen: 0 });
        expect(set.statusCode, set.body).toBe(200);
        const account = set.json<Account>();
        expect(account).toMatchObject({ code: 'shop_receivable', org: { id: shopId }, creditLimitFen: 0, creditAvailableFen: 0, debitsPendingFen: 0 });
        // The shop's administrator sees it among its accounts.
        expect((await accountsOf('shopAdmin')).map((a) => a.id)).toContain(account.id);
        // The account the posting function uses is the one opened here: a purchase of its own is refused.
        const order = (await call('buyer', 'GET', '/api/v1/orders?limit=1')).json<Page<{ lines: { productId: string }[] }>>().items[0]!;
        const own = await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: order.lines[0]!.productId, qty: 1 }] });
        expect(own.statusCode, own.body).toBe(409);
        expect(own.json<Problem>().code).toBe('credit_limit_exceeded');
        expect((await get<Account>('shopAdmin', `/api/v1/ledger/accounts/${account.id}`)).debitsPendingFen).toBe(0);
        expect((await put('finance', `/api/v1/ledger/credit-limits/${shopId}`, { limitFen: null })).statusCode).toBe(200);
      });

      it('replays a retry under the same Idempotency-Key and refuses the key for another body', async () => {
        const url = `/api/v1/ledger/credit-limits/${orgs.cpicFinance}`;
        const first = await put('finance', url, { limitFen: 123_456_789 }, `limit-cpic-${kind}`);
        expect(first.statusCode, first.body).toBe(200);
        const retry = await put('finance', url, { limitFen: 123_456_789 }, `limit-cpic-${kind}`);
        expect(retry.statusCode).toBe(200);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.json()).toEqual(first.json());
        const other = await put('finance', url, { limitFen: 1 }, `limit-cpic-${kind}`);
        expect(other.statusCode).toBe(409);
        expect(other.json<Problem>().code).toBe('idempotency_key_reused');
        expect((await receivableOf('finance', orgs.cpicFinance!))!.creditLimitFen).toBe(123_456_789);
        const audits = await t.database.db
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.objectId, first.json<Account>().id), eq(auditEvent.action, 'set_credit_limit')));
        expect(audits).toHaveLength(1);
      });

      it('refuses an unknown organisation (404), one of another kind (422), bad amounts (400) and anyone but the platform’s finance (403)', async () => {
        expect((await put('finance', `/api/v1/ledger/credit-limits/${newId()}`, { limitFen: 1 })).statusCode).toBe(404);
        const supplier = await put('finance', `/api/v1/ledger/credit-limits/${orgs.huajun}`, { limitFen: 1 }, `limit-supplier-${kind}`);
        expect(supplier.statusCode).toBe(422);
        expect(supplier.json<Problem>().code).toBe('credit_limit_org_kind');
        for (const limitFen of [-1, 1.5, MAX_CREDIT_LIMIT_FEN + 1, '100']) {
          const res = await put('finance', `/api/v1/ledger/credit-limits/${orgs.piccFinance}`, { limitFen });
          expect(res.statusCode, String(limitFen)).toBe(400);
          expect(res.json<Problem>().errors.map((e) => e.path)).toEqual(['limitFen']);
        }
        expect((await put('finance', `/api/v1/ledger/credit-limits/${orgs.piccFinance}`, {})).statusCode).toBe(400);
        for (const who of ['piccFinance', 'catalog', 'huajun']) {
          expect((await put(who, `/api/v1/ledger/credit-limits/${orgs.piccFinance}`, { limitFen: 1 })).statusCode, who).toBe(403);
        }
        expect((await receivableOf('finance', orgs.piccFinance!))!.creditLimitFen).toBeNull();
      });
    });

    describe('fee rates', () => {
      it('charges the default until the platform dates a rate, today or later, and marks the one in force', async () => {
        const url = `/api/v1/ledger/fee-rates/${orgs.huajun}`;
        const none = await get<FeeRates>('finance', url);
        expect(none).toMatchObject({ supplier: { id: orgs.huajun }, today, defaultRateBp: DEFAULT_FEE_BP, inForce: { rateBp: DEFAULT_FEE_BP, fromDate: null }, items: [], nextCursor: null });

        const now = await put('finance', url, { rateBp: 450, fromDate: today }, `fee-today-${kind}`);
        expect(now.statusCode, now.body).toBe(200);
        expect(now.json<FeeRates>()).toMatchObject({ inForce: { rateBp: 450, fromDate: today }, items: [{ fromDate: today, rateBp: 450, inForce: true, setBy: users.users.finance }] });
        const later = await put('admin', url, { rateBp: 500, fromDate: addDays(today, 10) });
        expect(later.statusCode, later.body).toBe(200);
        expect(later.json<FeeRates>().inForce).toEqual({ rateBp: 450, fromDate: today });
        expect(later.json<FeeRates>().items.map((r) => [r.fromDate, r.rateBp, r.inForce])).toEqual([
          [addDays(today, 10), 500, false],
          [today, 450, true],
        ]);
        // The posting rules read the same rate for a sale today, and the later one from its day.
        expect((await feeRatesOn(t.database.db, [orgs.huajun!], today)).get(orgs.huajun!)).toBe(450);
        expect((await feeRatesOn(t.database.db, [orgs.huajun!], addDays(today, 10))).get(orgs.huajun!)).toBe(500);
        // A later day set again is replaced, and audited with what it was.
        expect((await put('finance', url, { rateBp: 550, fromDate: addDays(today, 10) })).json<FeeRates>().items[0]).toMatchObject({ rateBp: 550 });
        const audits = await t.database.db
          .select()
          .from(auditEvent)
          .where(and(eq(auditEvent.objectId, orgs.huajun!), eq(auditEvent.action, 'set_fee_rate')))
          .orderBy(auditEvent.id);
        expect(audits.map((a) => a.data)).toEqual([
          { fromDate: today, before: null, after: 450 },
          { fromDate: addDays(today, 10), before: null, after: 500 },
          { fromDate: addDays(today, 10), before: 500, after: 550 },
        ]);

        // Newest first by keyset pages.
        const first = await get<FeeRates>('finance', `${url}?limit=1`);
        expect(first.items.map((r) => r.fromDate)).toEqual([addDays(today, 10)]);
        const second = await get<FeeRates>('finance', `${url}?limit=1&cursor=${first.nextCursor}`);
        expect(second.items.map((r) => r.fromDate)).toEqual([today]);
        expect(second.nextCursor).toBeNull();
        expect((await call('finance', 'GET', `${url}?cursor=${Buffer.from('d2026-02-30').toString('base64url')}`)).statusCode).toBe(400);
      });

      it('refuses a day before today (422, naming fromDate), a rate out of range (400), and an organisation that is not a supplier (422) or unknown (404)', async () => {
        const url = `/api/v1/ledger/fee-rates/${orgs.yuetong}`;
        const past = await put('finance', url, { rateBp: 200, fromDate: addDays(today, -1) }, `fee-past-${kind}`);
        expect(past.statusCode).toBe(422);
        expect(past.json<Problem>()).toMatchObject({ code: 'fee_rate_backdated', errors: [{ path: 'fromDate', in: 'body', code: 'date_in_past' }] });
        expect(past.json<Problem>().detail).toContain(today);
        for (const rateBp of [-1, 3001, 2.5]) {
          const res = await put('finance', url, { rateBp, fromDate: today });
          expect(res.statusCode, String(rateBp)).toBe(400);
          expect(res.json<Problem>().errors.map((e) => e.path)).toEqual(['rateBp']);
        }
        expect((await put('finance', url, { rateBp: 200, fromDate: '2026-02-30' })).statusCode).toBe(400);
        const insurer = await put('finance', `/api/v1/ledger/fee-rates/${orgs.piccFinance}`, { rateBp: 200, fromDate: today });
        expect(insurer.statusCode).toBe(422);
        expect(insurer.json<Problem>().code).toBe('fee_rate_org_kind');
        expect((await call('finance', 'GET', `/api/v1/ledger/fee-rates/${orgs.piccFinance}`)).statusCode).toBe(422);
        expect((await put('finance', `/api/v1/ledger/fee-rates/${newId()}`, { rateBp: 200, fromDate: today })).statusCode).toBe(404);
        expect((await get<FeeRates>('finance', url)).items).toEqual([]);
      });

      it('lets a supplier read its own rates only, and set none', async () => {
        const own = await get<FeeRates>('huajun', `/api/v1/ledger/fee-rates/${orgs.huajun}`);
        expect(own.inForce.rateBp).toBe(450);
        expect((await call('huajun', 'GET', `/api/v1/ledger/fee-rates/${orgs.yuetong}`)).statusCode).toBe(404);
        expect((await call('piccFinance', 'GET', `/api/v1/ledger/fee-rates/${orgs.huajun}`)).statusCode).toBe(404);
        expect((await call('adjuster', 'GET', `/api/v1/ledger/fee-rates/${orgs.huajun}`)).statusCode).toBe(403);
        expect((await put('huajun', `/api/v1/ledger/fee-rates/${orgs.huajun}`, { rateBp: 0, fromDate: today })).statusCode).toBe(403);
        expect((await get<FeeRates>('huajun', `/api/v1/ledger/fee-rates/${orgs.huajun}`)).inForce.rateBp).toBe(450);
      });

      it('replays a retry under the same Idempotency-Key and refuses the key for another body', async () => {
        const url = `/api/v1/ledger/fee-rates/${orgs.yuetong}`;
        const body = { rateBp: 250, fromDate: addDays(today, 3) };
        const first = await put('finance', url, body, `fee-yuetong-${kind}`);
        expect(first.statusCode, first.body).toBe(200);
        const retry = await put('finance', url, body, `fee-yuetong-${kind}`);
        expect(retry.statusCode).toBe(200);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        expect(retry.json()).toEqual(first.json());
        const other = await put('finance', url, { ...body, rateBp: 260 }, `fee-yuetong-${kind}`);
        expect(other.statusCode).toBe(409);
        expect(other.json<Problem>().code).toBe('idempotency_key_reused');
        expect((await get<FeeRates>('finance', url)).items.map((r) => r.rateBp)).toEqual([250]);
        expect(
          await t.database.db
            .select()
            .from(auditEvent)
            .where(and(eq(auditEvent.objectId, orgs.yuetong!), eq(auditEvent.action, 'set_fee_rate'))),
        ).toHaveLength(1);
      });
    });
  });
}
