import { inArray } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { claim as claimTable } from '../../modules/claims/index.ts';
import { addDays, chinaDate } from '../../platform/china-date.ts';
import type { Config } from '../../platform/config.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type DemoCaller, demoCaller, demoModels, walkDemoClaim } from '../claims/demo-claims.ts';
import { historyClaims, historyMonths } from './history-plan.ts';

// The demo's settled history (issue 13): the months before this one, told through the API on the
// days they happened, so that statements, payments, payouts and financing show real figures on
// the first start. Each month, both insurers' claims are filed, ordered, delivered and signed for;
// early the next month the platform's finance team gathers each insurer's statement, a second
// person issues it and the insurer confirms it (one month PICC disputes a line and is credited);
// the insurer pays it and the platform records the payment and the invoice late in that month. The
// platform pays its suppliers twice a month on their terms, and the bank confirms the payouts the
// next day. The last month's statements are confirmed and not yet paid, and the supplier owed most
// on them borrows against them (应收账款融资): requested, approved, funded by a second person; the
// next supplier asks the demo factoring company instead (安融商业保理, a funder organisation), whose
// finance manager approves and whose administrator funds it. The platform set the factor's
// settlement terms when it came on board, at the start of the history.
//
// The story runs on an app of its own whose clock the story sets (ctx.now of every command it
// calls); sign-ins and sessions keep the wall clock. It runs once, before the demo claims of today,
// when none of its claims is filed yet; a start cut short in the middle leaves the history as far
// as it went (the claims of today still follow).

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would.
type Json = Record<string, any>;

export type HistoryReport = {
  months: string[];
  claims: number;
  statements: number;
  payments: number;
  payoutRuns: number;
  payouts: number;
  // Suppliers financed by the platform, and by the demo funder.
  financed: number;
  financedByFunder: number;
  skipped: boolean;
};

const FINANCE = 'finance@anpei.demo';
// The second person of the platform (issues statements, funds advances).
const SECOND = 'admin@anpei.demo';
const INSURERS = ['picc', 'cpic'] as const;
const SUPPLIERS = ['huajun', 'yuetong', 'anxin'] as const;
// The demo funder's people: its finance manager approves, its administrator funds (four eyes).
const FUNDER_APPROVES = 'finance@anrong.demo';
const FUNDER_FUNDS = 'admin@anrong.demo';

// China time of day on a calendar day, as an instant.
const at = (day: string, hour: number, minute = 0): Date => new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

// None of the history's claims is filed yet (it is told once).
async function historyMissing(db: Executor, now: Date): Promise<boolean> {
  const numbers = historyClaims(historyMonths(now)).map((c) => c.claimNo);
  if (numbers.length === 0) return false;
  const filed = await db.select({ claimNo: claimTable.claimNo }).from(claimTable).where(inArray(claimTable.claimNo, numbers)).limit(1);
  return filed.length === 0;
}

type Event = { at: Date; what: string; run: () => Promise<void> };

export async function seedDemoHistory(database: Database, config: Config, now = new Date()): Promise<HistoryReport> {
  const months = historyMonths(now);
  const report: HistoryReport = { months, claims: 0, statements: 0, payments: 0, payoutRuns: 0, payouts: 0, financed: 0, financedByFunder: 0, skipped: false };
  if (months.length === 0 || !(await historyMissing(database.db, now))) return { ...report, skipped: true };
  let clock = now;
  const app = await buildApp({ database, config, logger: false, clock: () => clock });
  try {
    const as = demoCaller(app);
    const models = await demoModels(as);
    const orgId = async (email: string) => ((await as(email, 'GET', '/api/v1/me')).org as Json).id as string;
    const payers = Object.fromEntries(await Promise.all(INSURERS.map(async (i) => [i, await orgId(`finance@${i}.demo`)] as const)));
    const events: Event[] = [];
    const statementOf = new Map<string, Json>();
    const pendingPayouts: string[] = [];
    const funderOrgId = await orgId(FUNDER_FUNDS);
    // The factor came on board before the history: paid the day the insurers' money arrives (T+0,
    // daily), issuing no invoices to the platform (what it is paid is the receivables it bought).
    events.push({
      at: at(`${months[0]}-01`, 9),
      what: 'funder terms',
      run: async () => void (await as(FINANCE, 'PUT', `/api/v1/settlement-terms/${funderOrgId}`, { invoiceRequired: false, payoutDays: 0, payoutCycle: 'daily' })),
    });

    for (const [m, month] of months.entries()) {
      const claims = historyClaims([month]);
      for (const [i, c] of claims.entries()) {
        events.push({
          at: at(c.filedOn, 10, i),
          what: `claim ${c.claimNo}`,
          run: async () => {
            await walkDemoClaim(as, database.db, models, c, clock);
            report.claims++;
          },
        });
      }
      const next = addDays(lastDay(month), 1);
      const last = m === months.length - 1;
      for (const insurer of INSURERS) {
        const key = `${month}:${insurer}`;
        events.push({
          at: at(addDays(next, 1), 9),
          what: `statement ${key}`,
          run: async () => {
            const s = await as(FINANCE, 'POST', '/api/v1/statements', { payerOrgId: payers[insurer], from: `${month}-01`, to: lastDay(month) });
            statementOf.set(key, s);
            report.statements++;
          },
        });
        events.push({ at: at(addDays(next, 1), 11), what: `issue ${key}`, run: async () => void (await as(SECOND, 'POST', `/api/v1/statements/${statementOf.get(key)!.id}/issue`)) });
        // In the middle month PICC questions its dearest line, and the platform credits part of it.
        const disputes = insurer === 'picc' && m === 1;
        if (disputes) {
          events.push({
            at: at(addDays(next, 2), 15),
            what: `dispute ${key}`,
            run: async () => {
              const s = statementOf.get(key)!;
              const lines = (await as(`finance@${insurer}.demo`, 'GET', `/api/v1/statements/${s.id}/lines?limit=200`)).items as Json[];
              const dearest = [...lines].sort((a, b) => b.totalFen - a.totalFen)[0]!;
              await as(`finance@${insurer}.demo`, 'POST', `/api/v1/statements/${s.id}/dispute`, { lines: [{ orderLineId: dearest.orderLineId, reason: '单价高于本地市场价' }] });
              const credit = Math.max(100, Math.round(dearest.totalFen * 0.05));
              await as(FINANCE, 'POST', `/api/v1/statements/${s.id}/resolve`, { lines: [{ orderLineId: dearest.orderLineId, resolution: 'credit', creditFen: credit, note: '按市场价下调5%' }] });
            },
          });
        } else {
          events.push({
            at: at(addDays(next, 2), 10),
            what: `confirm ${key}`,
            run: async () => void (await as(`finance@${insurer}.demo`, 'POST', `/api/v1/statements/${statementOf.get(key)!.id}/confirm`)),
          });
        }
        // The insurer pays on its 30-day terms, late in the month after; the invoice is recorded first.
        if (!last) {
          events.push({
            at: at(addDays(next, 24), 14),
            what: `payment ${key}`,
            run: async () => {
              const s = await as(FINANCE, 'GET', `/api/v1/statements/${statementOf.get(key)!.id}`);
              const day = chinaDate(clock);
              const taxFen = Math.round((s.totalFen * 13) / 113);
              await as(FINANCE, 'POST', '/api/v1/invoices', { invoiceNo: invoiceNo(month, insurer), kind: 'special', amountFen: s.totalFen - taxFen, taxFen, issuedOn: day, statementId: s.id });
              await as(FINANCE, 'POST', '/api/v1/payments', {
                payerOrgId: payers[insurer],
                amountFen: s.outstandingFen ?? s.totalFen,
                receivedOn: day,
                bankRef: `HIST${month.replace('-', '')}${insurer.toUpperCase()}`,
                payerName: insurer === 'picc' ? '中国人民财产保险股份有限公司' : '中国太平洋财产保险股份有限公司',
                allocations: [{ statementId: s.id, amountFen: s.outstandingFen ?? s.totalFen }],
              });
              report.payments++;
            },
          });
        }
      }
      if (last) {
        events.push({
          at: at(addDays(next, 2), 16),
          what: `financing ${month}`,
          run: async () => {
            const financed = await financeOneSupplier(as);
            if (financed) report.financed++;
            if (await financeByFunder(as, funderOrgId, financed)) report.financedByFunder++;
          },
        });
      }
    }
    // Payouts on the 1st and the 16th, from the month after the first, confirmed by the bank the next day.
    for (let day = addDays(lastDay(months[0]!), 1); day <= chinaDate(now); day = nextPayDay(day)) {
      const runDay = day;
      events.push({
        at: at(runDay, 8),
        what: `payouts ${runDay}`,
        run: async () => {
          const run = await as(FINANCE, 'POST', '/api/v1/payout-runs', { runDate: runDay });
          report.payoutRuns++;
          pendingPayouts.push(...(run.payoutIds as string[]));
        },
      });
      events.push({
        at: at(addDays(runDay, 1), 9),
        what: `payouts confirmed ${runDay}`,
        run: async () => {
          for (const id of pendingPayouts.splice(0)) {
            await as(FINANCE, 'POST', `/api/v1/payouts/${id}/confirm`, { bankRef: `PAY${id.replaceAll('-', '').slice(-16).toUpperCase()}` });
            report.payouts++;
          }
        },
      });
    }

    // Everything in the order it happened; what would happen in the last hour or later is left to the people of today.
    const cutoff = now.getTime() - 3600_000;
    for (const e of events.filter((e) => e.at.getTime() < cutoff).sort((a, b) => a.at.getTime() - b.at.getTime())) {
      clock = e.at;
      await e.run();
    }
    return report;
  } finally {
    await app.close();
  }
}

// The supplier owed most on the last confirmed statements borrows against what its limit allows,
// from the platform. Answers who, or null.
async function financeOneSupplier(as: DemoCaller): Promise<string | null> {
  const best = (await suppliersByReceivables(as))[0];
  if (!best) return null;
  const chosen = await withinLimit(as, best);
  if (chosen.length === 0) return null;
  const request = await as(best.who, 'POST', '/api/v1/financing/requests', { orderLineIds: chosen });
  await as(FINANCE, 'POST', `/api/v1/financing/requests/${request.id}/approve`);
  await as(SECOND, 'POST', `/api/v1/financing/requests/${request.id}/fund`);
  return best.who;
}

// The next supplier with receivables asks the demo funder instead, which approves and funds it.
async function financeByFunder(as: DemoCaller, funderOrgId: string, taken: string | null): Promise<boolean> {
  for (const next of (await suppliersByReceivables(as)).filter((s) => s.who !== taken)) {
    const chosen = await withinLimit(as, next);
    if (chosen.length === 0) continue;
    const request = await as(next.who, 'POST', '/api/v1/financing/requests', { orderLineIds: chosen, funderOrgId });
    await as(FUNDER_APPROVES, 'POST', `/api/v1/financing/requests/${request.id}/approve`);
    await as(FUNDER_FUNDS, 'POST', `/api/v1/financing/requests/${request.id}/fund`);
    return true;
  }
  return false;
}

// The suppliers with financeable receivables, most first.
async function suppliersByReceivables(as: DemoCaller): Promise<{ who: string; items: Json[] }[]> {
  const all: { who: string; items: Json[] }[] = [];
  for (const s of SUPPLIERS) {
    const who = `finance@${s}.demo`;
    const items = (await as(who, 'GET', '/api/v1/financing/receivables')).items as Json[];
    if (items.length > 0) all.push({ who, items });
  }
  return all.sort((a, b) => b.items.length - a.items.length);
}

// The smallest receivables first, as many as the supplier's available limit allows.
async function withinLimit(as: DemoCaller, s: { who: string; items: Json[] }): Promise<string[]> {
  const { availableFen } = await as(s.who, 'GET', '/api/v1/financing/limit');
  const chosen: string[] = [];
  let face = 0;
  for (const r of [...s.items].sort((a, b) => a.faceFen - b.faceFen)) {
    if (face + r.faceFen > availableFen) break;
    face += r.faceFen;
    chosen.push(r.orderLineId);
  }
  return chosen;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function nextPayDay(day: string): string {
  return day.slice(8) === '01' ? `${day.slice(0, 8)}16` : addDays(lastDay(day.slice(0, 7)), 1);
}

// A 全电 invoice number: 20 digits, made from the month and the payer so a rerun makes the same.
function invoiceNo(month: string, insurer: string): string {
  return `${month.replace('-', '')}${insurer === 'picc' ? '11' : '22'}`.padEnd(20, '0');
}
