import type { Command } from 'commander';
import { z } from 'zod';
import { explainError } from '../../cli/errors.ts';
import { cliCtx } from '../../cli/system-ctx.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Db } from '../../platform/db.ts';
import { loadConfig } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n.ts';
import { objectNames } from '../../platform/messages.ts';
import { openConfiguredDatabase } from '../../platform/open.ts';
import { MAX_PAGE_LIMIT } from '../../platform/pagination.ts';
import { LotParams, LotRecipientsQuery, RecallLotInput, type LotRecipientsDto, type RecallDto, type RecipientDto } from './dto.ts';
import { lotRecipients } from './lot-recipients.ts';
import { chinaDateTime, recallLot } from './recall-lot.ts';
import { textTable } from './text-table.ts';

// `anpei trace lot <lotNo> [--product <id>] [--json]`: the recall list of the API, acting as the
// platform (cli/system-ctx.ts), read page by page to the end. A table for people by default (column
// headers in Chinese and English), or one JSON object with --json for scripts.

// A recall of more lines than this is cut, table or JSON alike, and says so on stderr: every list
// has a bound, and the API's pages remain for anything bigger.
export const MAX_CLI_RECIPIENTS = 20_000;

// The problem's `what` is an object code; the API translates it at its edge, the CLI here.
function forTerminal(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError)) return error;
  const what = error.params.what;
  if (typeof what !== 'string' || !Object.hasOwn(objectNames, what)) return error;
  return new AppError(error.code, { ...error.params, what: objectNames[what as keyof typeof objectNames][locale] }, error.errors, error.headers);
}

function day(iso: string | null): string {
  return iso ? chinaDate(new Date(iso)) : '';
}

function tableOf(result: LotRecipientsDto): string {
  const products = new Map(result.lots.map((l) => [l.productId, l]));
  const several = result.lots.length > 1;
  const headers = [
    '订单号 Order no.',
    '行 Line',
    ...(several ? ['商品 Product'] : []),
    '已发 Shipped',
    '占用 Reserved',
    '状态 Status',
    '维修厂 Shop',
    '案件号 Claim no.',
    '车架号 VIN',
    '保险公司 Insurer',
    '发货 Shipped on',
    '安装 Installed on',
    '追溯码 Trace codes',
  ];
  const rows = result.items.map((r: RecipientDto) => [
    r.orderNo,
    String(r.lineNo),
    ...(several ? [`${products.get(r.productId)?.sku ?? r.productId}`] : []),
    String(r.qtyShipped),
    String(r.qtyReserved),
    r.lineStatus,
    r.shopName,
    r.claimNo ?? '',
    // The vehicle the part is on once known, else the claim's.
    r.installedVin ?? r.claimVin ?? '',
    r.insurerName ?? '',
    day(r.shippedAt),
    day(r.installedAt),
    r.traceCodes.join(','),
  ]);
  const lots = result.lots.map((l) => `批次 Lot ${result.lotNo}: ${l.productName} (${l.brand}, SKU ${l.sku}) — ${l.supplierName}`);
  const summary = `${result.items.length} 行 line(s)`;
  return [...lots, '', result.items.length ? textTable(headers, rows) : '（无 none）', '', summary].join('\n');
}

// Validated under the CLI's own names, so that an error reads `--product: …`, not `--productId`.
const CliInput = z.strictObject({ lotNo: LotParams.shape.lotNo, product: z.uuid().optional() });

export type TraceLotReport = { stdout: string; stderr: string };

// The command's work apart from opening the database and writing to the terminal, so that tests
// can run it against their own database.
export async function traceLotReport(db: Db, lotNoArg: string, opts: { product?: string; json?: boolean }): Promise<TraceLotReport> {
  const { lotNo, product } = CliInput.parse({ lotNo: lotNoArg, product: opts.product });
  const ctx = await cliCtx(db);
  let result: LotRecipientsDto | undefined;
  let cursor: string | undefined;
  do {
    const query = LotRecipientsQuery.parse({ productId: product, limit: MAX_PAGE_LIMIT, cursor });
    const page = await lotRecipients(db, ctx, lotNo, query);
    if (result) result.items.push(...page.items);
    else result = page;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && result.items.length < MAX_CLI_RECIPIENTS);
  const { nextCursor: _next, ...all } = result;
  return {
    stdout: opts.json ? `${JSON.stringify(all)}\n` : `${tableOf(result)}\n`,
    stderr: cursor ? `注意 Note: only the first ${result.items.length} lines are shown; use the API's paging for the rest.\n` : '',
  };
}

function recallText(r: RecallDto): string {
  const stock = r.stock.length ? r.stock.map((s) => `${s.warehouseCode ?? '在途 in transit'} ${s.onHand}${s.reserved ? ` (占用 reserved ${s.reserved})` : ''}`).join(', ') : '（无 none）';
  const n = r.recipients;
  return [
    `已召回 Recalled: 批次 Lot ${r.lotNo}: ${r.lot.productName} (${r.lot.brand}, SKU ${r.lot.sku}) — ${r.lot.supplierName}`,
    `时间 At: ${chinaDateTime(new Date(r.recalledAt))} (北京时间 China time)`,
    `原因 Reason: ${r.reason}`,
    `停用库存 Stock stopped: ${stock}`,
    `重新调配的订单行 Order lines to re-source: ${r.openLineIds.length}`,
    `收货方 Recipients: ${n.lines} 行 lines, ${n.shops} 维修厂 shops, ${n.claims} 案件 claims, ${n.insurers} 保险公司 insurers, ${n.vehicles} 车辆 vehicles, ${n.traceCodes} 追溯码 trace codes`,
    `已通知 Notified: ${r.notifiedOrgIds.length} 机构 organisations (lot.recalled)`,
  ].join('\n');
}

const CliRecallInput = z.strictObject({ lotNo: LotParams.shape.lotNo, reason: RecallLotInput.shape.reason, product: z.uuid().optional() });

// `anpei trace recall <lotNo> --reason … [--product <id>] [--json]`: the recall of the API, acting
// as the platform, in one transaction. Apart from opening the database, so that tests can run it.
export async function traceRecallReport(db: Db, lotNoArg: string, opts: { reason?: string; product?: string; json?: boolean }): Promise<TraceLotReport> {
  const { lotNo, reason, product } = CliRecallInput.parse({ lotNo: lotNoArg, reason: opts.reason, product: opts.product });
  const ctx = await cliCtx(db);
  const result = await db.transaction((tx) => recallLot(tx, ctx, lotNo, { reason, productId: product }));
  return { stdout: opts.json ? `${JSON.stringify(result)}\n` : `${recallText(result)}\n`, stderr: '' };
}

async function runReport(work: (db: Db) => Promise<TraceLotReport>): Promise<void> {
  const locale: Locale = process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN';
  const database = await openConfiguredDatabase(loadConfig());
  try {
    const report = await work(database.db);
    process.stderr.write(report.stderr);
    process.stdout.write(report.stdout);
  } catch (error) {
    const explained = explainError(forTerminal(error, locale), locale);
    if (!explained) throw error;
    process.stderr.write(`${explained}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

export function registerTraceCommand(program: Command): void {
  const trace = program.command('trace').description('traceability (追溯): trace codes and lot recalls');
  trace
    .command('lot')
    .description('recall (召回): every order line that received or has reserved units of a lot, with shop, claim, VIN, insurer, dates and trace codes')
    .argument('<lotNo>', 'the lot number as the supplier labelled it')
    .option('--product <id>', 'only this product’s lot (lot numbers are unique per product only)')
    .option('--json', 'print one JSON object instead of a table')
    .action((lotNo: string, opts: { product?: string; json?: boolean }) => runReport((db) => traceLotReport(db, lotNo, opts)));
  trace
    .command('recall')
    .description('recall (召回) a lot as the platform: its stock stops, its order lines are re-sourced, its trace codes answer “recalled”, and every shop, insurer, warehouse and the supplier is told')
    .argument('<lotNo>', 'the lot number as the supplier labelled it')
    .requiredOption('--reason <text>', 'why, in the words the shops and insurers will read')
    .option('--product <id>', 'the product whose lot it is, when several products use that lot number')
    .option('--json', 'print one JSON object instead of a summary')
    .action((lotNo: string, opts: { reason: string; product?: string; json?: boolean }) => runReport((db) => traceRecallReport(db, lotNo, opts)));
}
