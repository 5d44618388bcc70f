import fc from 'fast-check';
import type { MoneyOp } from './money-world.ts';

// The events of a history (money-world.ts). Drawn each on its own, the dozen steps from a sale to
// a repaid advance (sold, gathered, issued, confirmed, financed, approved, funded, paid, invoiced)
// would almost never come in their order; so a history is a few rounds, each a stretch of trade
// followed by the settlement steps in the order people take them, any of them left out, and each
// step free to pick whichever object it applies to (a statement of an earlier round, say). Within
// that frame every choice is random: which steps, on what, by whom, how much, on what day.

const pick = fc.nat({ max: 1000 });
const product = fc.nat({ max: 1 });
// Three times in four.
const mostly = fc.nat({ max: 3 }).map((x) => x > 0);
const supplier = fc.constantFrom('huajun' as const, 'yuetong' as const);
const ops = <T>(a: fc.Arbitrary<T>, maxLength: number) => fc.array(a, { minLength: 0, maxLength });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 8 });
// One time in three.
const sometimes = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
// The steps taken, in their order.
const taken = (steps: (MoneyOp | undefined)[]): MoneyOp[] => steps.filter((s) => s !== undefined);

// Goods and orders.
const trade: fc.Arbitrary<MoneyOp> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), product, qty: fc.integer({ min: 1, max: 4 }), consignment: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('order' as const), product, qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick, accept: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('return' as const), pick, restock: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sendBack' as const), pick, approve: mostly, restock: fc.boolean() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sale' as const), product, qty: fc.integer({ min: 1, max: 3 }), consignment: mostly }) },
);

// A statement's way: gathered, then issued (or withdrawn), answered, a dispute settled.
const statementSteps: fc.Arbitrary<MoneyOp[]> = fc
  .tuple(
    maybe(fc.record({ kind: fc.constant('gather' as const), byAdmin: fc.boolean(), replay: fc.boolean() })),
    maybe(
      fc.oneof(
        { weight: 6, arbitrary: fc.record({ kind: fc.constant('issue' as const), pick, ownFirst: fc.boolean() }) },
        { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pick }) },
      ),
    ),
    maybe(fc.record({ kind: fc.constant('answer' as const), pick, dispute: fc.boolean(), lines: fc.array(pick, { minLength: 1, maxLength: 2 }) })),
    maybe(fc.record({ kind: fc.constant('resolve' as const), pick, credits: fc.array(fc.option(fc.constantFrom(0.01, 0.1, 0.5, 1), { nil: null }), { minLength: 1, maxLength: 2 }) })),
  )
  .map(taken);

// An advance asked for, decided, funded; the daily job's overdue check; given up on.
const financing: fc.Arbitrary<MoneyOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finance' as const), who: supplier, lines: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('decide' as const), pick, approve: mostly }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fund' as const), pick, ownFirst: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('overdue' as const), days: fc.constantFrom(29, 31, 45) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('default' as const), pick }) },
);
const financingSteps: fc.Arbitrary<MoneyOp[]> = fc.oneof(
  // Mostly in order.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        maybe(fc.record({ kind: fc.constant('finance' as const), who: supplier, lines: fc.integer({ min: 1, max: 3 }) })),
        maybe(fc.record({ kind: fc.constant('decide' as const), pick, approve: mostly })),
        maybe(fc.record({ kind: fc.constant('fund' as const), pick, ownFirst: fc.boolean() })),
        sometimes(fc.record({ kind: fc.constant('overdue' as const), days: fc.constantFrom(29, 31, 45) })),
        sometimes(fc.record({ kind: fc.constant('default' as const), pick })),
      )
      .map(taken),
  },
  { weight: 1, arbitrary: ops(financing, 3) },
);

// The payer's money and the invoices.
const money: fc.Arbitrary<MoneyOp> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), pick, how: fc.constantFrom('exact' as const, 'partial' as const, 'over' as const, 'unmatched' as const), replay: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('allocate' as const), pick, statement: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick, whole: fc.boolean(), decide: fc.constantFrom('approve' as const, 'withdraw' as const, 'leave' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('invoice' as const), pick, whole: mostly }) },
);

// Payout runs on various days, the bank's answers, the terms changed.
const payouts: fc.Arbitrary<MoneyOp> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('terms' as const),
      who: fc.constantFrom('huajun' as const, 'yuetong' as const, 'shop' as const),
      payoutDays: fc.constantFrom(0, 7, 30),
      weekly: fc.boolean(),
      invoiceRequired: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('payouts' as const), days: fc.constantFrom(0, 1, 8, 29, 30, 31, 45), twice: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bank' as const), pick, confirm: mostly }) },
);

const round: fc.Arbitrary<MoneyOp[]> = fc
  .tuple(fc.array(trade, { minLength: 1, maxLength: 6 }), ops(payouts, 1), statementSteps, financingSteps, ops(money, 3), ops(payouts, 2), financingSteps)
  .map((parts) => parts.flat());

export const moneyHistory: fc.Arbitrary<MoneyOp[]> = fc.array(round, { minLength: 1, maxLength: 3 }).map((rounds) => rounds.flat());
