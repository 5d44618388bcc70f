import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClaims, seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { countStatements } from './support/count-statements.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Claim = { id: string; claimNo: string; status: string; plate: string; repairShopName: string; vehicle: { model: string } | null };

// The demo world's claims, made through the API at first start: every workbench opens on work.
// The adjuster sees claims at each step; the price checker a quote waiting for a person; the shop
// an approved quote to order and an order on its way; the other insurer its own claims only.
// Running the story again files nothing twice.
for (const kind of databaseKinds()) {
  describe(`the demo world's claims on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    let first: { filed: number; skipped: number };

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      first = await seedDemoClaims(t.app, t.database.db);
      await users.signIn({ adjuster: 'adjuster@picc.demo', cpic: 'adjuster@cpic.demo', checker: 'checker@picc.demo', buyer: 'buyer@sh-anda.demo', gzBuyer: 'buyer@gz-junchi.demo' });
    }, 300_000);
    afterAll(() => t?.close());

    const claims = async (who: string) => (await call(who, 'GET', '/api/v1/claims?limit=50')).json<Page<Claim>>().items;

    it('files each insurer’s claims at the step the story takes them to', async () => {
      expect(first).toEqual({ filed: demoClaims.length, skipped: 0 });
      const picc = await claims('adjuster');
      expect(Object.fromEntries(picc.map((c) => [c.claimNo, c.status]))).toEqual({
        RDAA2026310115000101: 'ordered',
        RDAA2026310115000102: 'approved',
        RDAA2026310115000103: 'quoted',
        RDAA2026330106000104: 'assessing',
        RDAA2026330106000105: 'open',
      });
      // Newest first, each with its vehicle and shop by name.
      expect(picc[0]!.claimNo).toBe('RDAA2026330106000105');
      expect(picc.every((c) => c.vehicle !== null && c.repairShopName.length > 0)).toBe(true);
      const cpic = await claims('cpic');
      expect(cpic.map((c) => [c.claimNo, c.status])).toEqual([
        ['APIC2026510107000202', 'open'],
        ['APIC2026440106000201', 'approved'],
      ]);
    });

    it('leaves the dear quote in the price checker’s queue', async () => {
      const queue = (await call('checker', 'GET', '/api/v1/price-checks?limit=50')).json<Page<{ claimNo: string; pendingLines: number }>>().items;
      expect(queue.map((q) => q.claimNo)).toEqual(['RDAA2026310115000103']);
      expect(queue[0]!.pendingLines).toBeGreaterThan(0);
    });

    it('gives the shop a delivery to sign, its certified parts packed with their trace codes, and the other shop its approved claim to order', async () => {
      const orders = (await call('buyer', 'GET', '/api/v1/orders?limit=50')).json<
        Page<{ claimNo: string | null; status: string; lines: { grade: string; status: string; traceCodes: string[] }[]; shipments: { status: string; carrier: string }[] }>
      >().items;
      expect(orders.map((o) => [o.claimNo, o.status])).toEqual([['RDAA2026310115000101', 'delivered']]);
      const [order] = orders;
      expect(order!.lines).toHaveLength(3);
      expect(new Set(order!.lines.map((l) => l.status))).toEqual(new Set(['delivered']));
      expect(order!.shipments.every((s) => s.status === 'delivered' && s.carrier === '顺丰速运')).toBe(true);
      for (const l of order!.lines) expect(l.traceCodes.length > 0, l.grade).toBe(l.grade === 'certified');
      // The insurer's policy prefers certified parts: the receiver has codes to scan.
      expect(order!.lines.some((l) => l.grade === 'certified')).toBe(true);
      // The receiver finds it among the deliveries to sign.
      const toSign = (await call('buyer', 'GET', '/api/v1/orders?lineStatus=delivered')).json<Page<{ claimNo: string }>>().items;
      expect(toSign.map((o) => o.claimNo)).toEqual(['RDAA2026310115000101']);
      const gz = await claims('gzBuyer');
      expect(gz.map((c) => [c.claimNo, c.status])).toEqual([['APIC2026440106000201', 'approved']]);
    });

    // The claim path's order placement, held to its round trips (issue 12: it took thirteen): lock
    // the version and its claim (asking for an earlier order with it), read the approved lines, the
    // sourcing world, the names for the answer, lock the payer's ledger accounts (issue 13), and one
    // last write with the claim's move, the ledger's transfers, the audit trail, the events and the
    // Idempotency-Key's answer. The shop's own order reads its prices instead of the first two.
    it('orders the approved demo claim in six statements after the sign-in check, one more than a shop’s own order', async () => {
      const approved = (await claims('buyer')).find((c) => c.status === 'approved')!;
      expect(approved.claimNo).toBe('RDAA2026310115000102');
      const detail = (await call('buyer', 'GET', `/api/v1/claims/${approved.id}`)).json<{ assessments: { id: string; status: string }[] }>();
      const version = detail.assessments.find((a) => a.status === 'approved')!;
      await call('buyer', 'GET', '/api/v1/me');
      let status = 0;
      const sent = await countStatements(t.database, async () => {
        status = (await call('buyer', 'POST', '/api/v1/orders', { assessmentId: version.id }, { 'idempotency-key': `count-${kind}` })).statusCode;
      });
      expect(status).toBe(201);
      // The session check (one) comes first, then the command.
      expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(7);
      expect((await claims('buyer')).find((c) => c.claimNo === approved.claimNo)!.status).toBe('ordered');

      // The shop path, for comparison: the same product bought for the shop itself.
      const order = (await call('buyer', 'GET', '/api/v1/orders?limit=1')).json<Page<{ lines: { productId: string }[] }>>().items[0]!;
      const own = await countStatements(t.database, async () => {
        status = (await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: order.lines[0]!.productId, qty: 1 }] }, { 'idempotency-key': `count-shop-${kind}` })).statusCode;
      });
      expect(status).toBe(201);
      expect(own.length, own.join('\n')).toBeLessThanOrEqual(6);
      expect(sent.length).toBeLessThanOrEqual(own.length + 1);
    });

    it('files nothing twice when told the story again', async () => {
      expect(await seedDemoClaims(t.app, t.database.db)).toEqual({ filed: 0, skipped: demoClaims.length });
      expect(await claims('adjuster')).toHaveLength(5);
    });
  });
}
