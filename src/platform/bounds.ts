// The domain's bounds on money and quantities: the largest amount or count any input may carry,
// defined once here and used by every HTTP schema, CSV cell and CLI input of money or quantity
// (the schemas in money.ts take them as their maximum).
//
// Why bounds at all: money is exact bigint fen inside, but it leaves as JSON numbers, exact only up
// to 2^53 (about ¥90 trillion), and fenToJson throws past that. An input allowed up to 2^53 − 1 is
// therefore not safe to multiply or add: one supplier's price of 2^53 − 1 fen made every quote of
// that part with quantity 2 answer 500. Each bound below is generous for the business, and small
// enough that every product and sum the code forms from bounded values stays far inside 2^53:
//
//   a line     unit × quantity        ≤ 10^8 × 999            = 99,900,000,000 fen     (~1.0e11)
//   a version  200 lines               ≤ 200 × 9.99e10         = 19,980,000,000,000     (~2.0e13)
//   an order   200 lines               ≤ the same              ~2.0e13
//   a claim    20 versions × 200 lines ≤ 4,000 × 9.99e10       = 399,600,000,000,000    (~4.0e14)
//   2^53                                                       = 9,007,199,254,740,992  (~9.0e15)
//
// so the largest sum the code shows (a claim's approved total, with its reference) has 22 times
// room to spare. Everything else is derived from those and no larger: the VAT inside an amount,
// its net part, a shop's handling fee (basis points ≤ 100 % of the amount) and a guide's cap
// (basis points ≤ 100 % of the reference) are at most the amount; a saving lies between minus the
// amount and the reference; an order return's credit is at most its line's amount. Intermediate
// products (gross × 13 × 2 in vatOfGross, saving × 10,000 for basis points) are bigints, exact at
// any size; only results become JSON numbers. A saving in basis points is clamped to
// [MIN_SAVING_BP, 10,000] (money.ts), because a reference can be as small as 1 fen and the ratio is
// otherwise unbounded, and it is stored in a 32-bit column. Quantities are stored in 32-bit
// columns too (≤ 2,147,483,647), which every quantity bound below is far under.
//
// Amounts read back from the database obey these bounds only if they were written after them:
// offers and bids priced above MAX_UNIT_PRICE_FEN are left out where offers are ranked, quoted and
// listed to buyers (the supplier still sees and can correct its own), and stored references and
// caps above it are read as MAX_UNIT_PRICE_FEN (atMostUnitFen), so no stored value can overflow a
// quote either. Values are JSON numbers (all are safe integers), as the schemas need them.

// --- Quantities -------------------------------------------------------------------------------

// Units of one part on one line of an assessment, a quote, an inquiry or an order. A car has at
// most a few of any part (four wheels, a few dozen clips); a garage buying stock for itself orders
// by the box. 999 is three digits on every form.
export const MAX_LINE_QTY = 999;
// Lines of one assessment version (and so of its quote) and of one order.
export const MAX_LINES_PER_ASSESSMENT = 200;
export const MAX_ORDER_LINES = 200;
// A first assessment and its supplements; a claim with more versions is a process problem to look
// at, not something to keep accepting.
export const MAX_ASSESSMENT_VERSIONS = 20;
// An offer's minimum order: a minimum above what one line may order would make an offer no line
// can ever take.
export const MAX_MIN_QTY = MAX_LINE_QTY;
// One line of a warehouse receipt or transfer: a container of one article. Larger deliveries are
// split into lines; each unit may carry a trace code, a row of its own.
export const MAX_STOCK_LINE_QTY = 10_000;
// One lot counted on a shelf at a stock count.
export const MAX_COUNTED_QTY = 100_000;
// A replenishment rule's minimum and maximum of one product at one warehouse (issue 10): four
// digits, as the rule's table checks, and under what one purchase order line may buy.
export const MAX_REPLENISH_QTY = 9_999;

// --- Money (fen, VAT included) ----------------------------------------------------------------

// One unit of one part: offers, bids, OE list prices, price-guide references and caps, a price
// checker's cap. ¥1,000,000: above any single replacement part (an EV battery pack, a supercar's
// engine); a price above it is a typo or an attack, not a part.
export const MAX_UNIT_PRICE_FEN = 100_000_000;
// A line's amount: unit × quantity. Bounds the policy's line threshold.
export const MAX_LINE_AMOUNT_FEN = MAX_UNIT_PRICE_FEN * MAX_LINE_QTY;
// Every line of every version of a claim: bounds the policy's claim threshold.
export const MAX_CLAIM_PARTS_TOTAL_FEN = MAX_LINE_AMOUNT_FEN * MAX_LINES_PER_ASSESSMENT * MAX_ASSESSMENT_VERSIONS;
// An order's total (its lines' amounts; an order from a claim is one approved version).
export const MAX_ORDER_TOTAL_FEN = MAX_LINE_AMOUNT_FEN * MAX_ORDER_LINES;
// One ledger transfer (issue 13): a payment, a payout or a statement's total may add up many orders,
// so ¥100,000,000,000 (10^13 fen), five hundred times an order's largest total; balances, sums of
// transfers, are checked against 2^53 where they leave as JSON (fenToJson).
export const MAX_MONEY_MOVE_FEN = 10_000_000_000_000;
export const MAX_TRANSFER_FEN = BigInt(MAX_MONEY_MOVE_FEN);
// A receivable's credit limit, set by the platform on an insurer or a repair shop (issue 13): what
// it may owe at once, so as large as the largest transfer, ¥100,000,000,000. Only compared with
// balances, never multiplied.
export const MAX_CREDIT_LIMIT_FEN = MAX_MONEY_MOVE_FEN;
// An insured vehicle's value, and so the policy's vehicle-price bands: ¥100,000,000, above any
// car an insurer writes a motor policy for. Only compared, never multiplied.
export const MAX_VEHICLE_VALUE_FEN = 10_000_000_000;

// A saving shown in basis points of its reference: at most 100 % (a free part), and a loss read
// as no worse than −10,000 % (a price 101 times its reference) — past that the figure says all it
// can, and a 32-bit column holds it.
export const MAX_SAVING_BP = 10_000;
export const MIN_SAVING_BP = -1_000_000;

// The named bounds by kind, for the test that checks every money and quantity input declares one
// of them as its maximum.
export const moneyBounds = {
  MAX_UNIT_PRICE_FEN,
  MAX_LINE_AMOUNT_FEN,
  MAX_CLAIM_PARTS_TOTAL_FEN,
  MAX_ORDER_TOTAL_FEN,
  MAX_VEHICLE_VALUE_FEN,
  MAX_MONEY_MOVE_FEN,
  MAX_CREDIT_LIMIT_FEN,
} as const;

export const quantityBounds = {
  MAX_LINE_QTY,
  MAX_MIN_QTY,
  MAX_STOCK_LINE_QTY,
  MAX_COUNTED_QTY,
  MAX_REPLENISH_QTY,
} as const;

// The largest amount the code forms from bounded values (see the table above): a claim's total,
// its reference, or a saving of either sign. Asserted at load, in bigint, so a bound raised later
// without redoing the arithmetic fails at once rather than in a quote.
export const LARGEST_DERIVED_FEN = BigInt(MAX_UNIT_PRICE_FEN) * BigInt(MAX_LINE_QTY) * BigInt(MAX_LINES_PER_ASSESSMENT) * BigInt(MAX_ASSESSMENT_VERSIONS);
// Headroom kept below 2^53, so "far inside" is a number: at least a factor of 16.
export const HEADROOM = 16n;

export function assertBoundsSafe(): void {
  const exact = BigInt(Number.MAX_SAFE_INTEGER);
  const largest = [LARGEST_DERIVED_FEN, BigInt(MAX_ORDER_TOTAL_FEN), BigInt(MAX_VEHICLE_VALUE_FEN), BigInt(MAX_CREDIT_LIMIT_FEN)].reduce((a, b) => (a > b ? a : b));
  if (largest * HEADROOM > exact) throw new Error(`bounds: ${largest} fen leaves less than ${HEADROOM}× room below 2^53`);
  const int4 = 2n ** 31n - 1n;
  for (const [name, value] of Object.entries({ ...quantityBounds, MIN_SAVING_BP: -MIN_SAVING_BP, MAX_SAVING_BP })) {
    if (BigInt(value) * HEADROOM > int4) throw new Error(`bounds: ${name} = ${value} leaves less than ${HEADROOM}× room in a 32-bit column`);
  }
  for (const [name, value] of Object.entries({ ...moneyBounds, ...quantityBounds })) {
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`bounds: ${name} = ${value} is not a positive safe integer`);
  }
}
assertBoundsSafe();

// A unit amount read from the database (an OE list price, a price guide's reference or cap) that
// was written before these bounds existed may exceed MAX_UNIT_PRICE_FEN. Read as the bound, it
// changes no ranking (every offer counted is at most the bound, so a larger cap admits the same
// offers) and keeps every product of it inside what a quote can show.
export function atMostUnitFen(fen: bigint): bigint {
  const max = BigInt(MAX_UNIT_PRICE_FEN);
  return fen > max ? max : fen;
}
