import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentLifecycle } from '../src/modules/claims/assessment-lifecycle.ts';
import { claimLifecycle } from '../src/modules/claims/lifecycle.ts';
import { shipmentLifecycle } from '../src/modules/orders/fulfilment/shipment-lifecycle.ts';
import { orderLineLifecycle } from '../src/modules/orders/lifecycle.ts';
import { returnLifecycle } from '../src/modules/orders/returns/lifecycle.ts';
import { transferLifecycle } from '../src/modules/inventory/transfers/lifecycle.ts';
import { purchaseOrderLifecycle, purchaseOrderLineLifecycle } from '../src/modules/purchasing/lifecycle.ts';
import { approvalLifecycle } from '../src/modules/quoting/approve/approval-lifecycle.ts';
import { financingLifecycle } from '../src/modules/settlement/financing/lifecycle.ts';
import { payoutLifecycle } from '../src/modules/settlement/payouts/lifecycle.ts';
import { statementLifecycle } from '../src/modules/settlement/statements/lifecycle.ts';
import { refundLifecycle } from '../src/modules/settlement/refunds/lifecycle.ts';
import { inquiryLifecycle } from '../src/modules/quoting/inquiries/lifecycle.ts';
import { queryRows, type Database } from '../src/platform/db.ts';
import { lifecycleFaults, type Lifecycle } from '../src/platform/lifecycle.ts';
import { databaseKinds, openTestDatabase } from './support/app.ts';

// Every lifecycle, each with the table whose status column it governs: sound as a state machine
// (every state reachable, terminal states final, no event unused), its transition function the
// table itself for every state × event, and the database's CHECK constraint on that column (as the
// committed migrations made it) holding exactly its states.
const lifecycles: [Lifecycle<string, string>, string, string?][] = [
  [claimLifecycle, 'claim'],
  [assessmentLifecycle, 'assessment'],
  [inquiryLifecycle, 'inquiry'],
  [orderLineLifecycle, 'order_line'],
  [shipmentLifecycle, 'shipment'],
  [returnLifecycle, 'order_return'],
  [purchaseOrderLifecycle, 'purchase_order'],
  [purchaseOrderLineLifecycle, 'purchase_order_line'],
  [approvalLifecycle, 'quote_line', 'quote_line_approval_ck'],
  [transferLifecycle, 'stock_transfer'],
  [statementLifecycle, 'statement'],
  [payoutLifecycle, 'payout'],
  [refundLifecycle, 'payment_refund'],
  [financingLifecycle, 'financing_request'],
];

describe.each(lifecycles)('the %s lifecycle', (lifecycle) => {
  it('is sound: every state reachable, terminal states final, every event used', () => {
    expect(lifecycleFaults(lifecycle)).toEqual([]);
  });

  it('answers every state × event as its table says', () => {
    for (const state of lifecycle.states) {
      for (const event of lifecycle.events) {
        const to = lifecycle.transitions[state]?.[event];
        expect(lifecycle.transition(state, event), `${state} --${event}-->`).toEqual(to === undefined ? { ok: false, code: 'invalid_transition' } : { ok: true, to });
      }
    }
  });
});

for (const kind of databaseKinds()) {
  describe(`the status CHECK constraints on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
    });
    afterAll(() => drop?.());

    it.each(lifecycles)('hold exactly the %s states, as the migrations made them', async (lifecycle, table, constraint = `${table}_status_ck`) => {
      const [row] = await queryRows<{ def: string }>(
        database.db,
        sql`select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid where t.relname = ${table} and c.conname = ${constraint}`,
      );
      expect(row, constraint).toBeTruthy();
      const states = [...row!.def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
      expect(states).toEqual([...lifecycle.states]);
    });
  });
}
