import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import type { Locale } from '../platform/i18n.ts';
import { warehouse } from '../modules/inventory/index.ts';
import { replenishWarehouse, OUTFLOW_DAYS, type ReplenishmentRun } from '../modules/purchasing/index.ts';
import { cliCtx } from './system-ctx.ts';
import { locale, UsageError, withDatabase } from './with-database.ts';
import { yuanText } from '../platform/money.ts';

// `anpei replenish --warehouse HZ-CENTRAL [--dry-run]`: replenishes one warehouse by its rules, as
// the daily job does (purchasing/replenishment). A dry run prints what it would buy and why and
// changes nothing; otherwise the purchases are raised as draft purchase orders (origin
// `replenishment`) for the warehouse's operator to review and send.
export function registerReplenishCommand(program: Command): void {
  program
    .command('replenish')
    .description(
      'propose purchases for a warehouse from its min/max rules, stock, incoming, backorders and the last 30 days’ orders; raise them as draft purchase orders (or only print them with --dry-run)',
    )
    .requiredOption('--warehouse <code>', 'the warehouse’s code, e.g. HZ-CENTRAL')
    .option('--dry-run', 'print what would be bought and why; change nothing')
    .action((opts: { warehouse: string; dryRun?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [w] = await db.select({ id: warehouse.id }).from(warehouse).where(eq(warehouse.code, opts.warehouse));
        if (!w) throw new UsageError(locale === 'en' ? `No warehouse with code ${opts.warehouse}.` : `没有代码为 ${opts.warehouse} 的仓库。`);
        const ctx = await cliCtx(db);
        const run = await db.transaction((tx) => replenishWarehouse(tx, ctx, w.id, { dryRun: opts.dryRun === true }));
        process.stdout.write(describeRun(run, locale));
      }),
    );
}

const whyText: Record<Locale, Record<string, string>> = {
  'zh-CN': { below_min: '不高于最小库存：补到最大库存', above_min: '高于最小库存：不补', no_offer: '本地区没有有效报价：无法采购' },
  en: { below_min: 'at or below min: buy up to max', above_min: 'above min: nothing to buy', no_offer: 'no valid offer for the region: cannot buy' },
};

// A table a person reads in a terminal: one row per rule, the figures that decided it, and then
// what is (or would be) bought from whom.
export function describeRun(run: ReplenishmentRun, lang: Locale): string {
  const en = lang === 'en';
  const out: string[] = [];
  out.push(
    en
      ? `replenish ${run.warehouseCode} on ${run.day}${run.dryRun ? ' (dry run: nothing is written)' : ''}: ${run.lines.length} rule(s); position = available + incoming + drafts − backorders − lead-time demand (from the last ${OUTFLOW_DAYS} days' outflow)`
      : `补货 ${run.warehouseCode}（${run.day}）${run.dryRun ? '【试运行，不写入】' : ''}：${run.lines.length} 条规则；库存位置 = 可用 + 在途 + 草稿采购 − 缺货待补 − 提前期需求（按近 ${OUTFLOW_DAYS} 天出库）`,
  );
  if (run.lines.length === 0) {
    out.push(en ? 'No replenishment rules for this warehouse.' : '该仓库没有补货规则。');
    return `${out.join('\n')}\n`;
  }
  const head = ['SKU', 'min', 'max', 'avail', 'incoming', 'drafts', 'backord', `out${OUTFLOW_DAYS}d`, 'leadDem', 'position', 'buy', 'unit ¥', 'why'];
  const rows = run.lines.map((l) => [
    l.sku,
    String(l.minQty),
    String(l.maxQty),
    String(l.available),
    String(l.incoming),
    String(l.drafts),
    String(l.backorders),
    String(l.outflow),
    String(l.leadDemand),
    String(l.position),
    String(l.qty),
    l.offer ? yuanText(l.offer.unitFen) : '-',
    whyText[lang][l.why] ?? l.why,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  out.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out.push(fmt(r));
  if (run.purchases.length === 0) out.push(en ? 'Nothing to buy.' : '无需采购。');
  for (const p of run.purchases) {
    const units = p.lines.reduce((n, l) => n + l.qty, 0);
    out.push(
      en
        ? `${run.dryRun ? 'would buy' : 'buying'} from ${p.supplierName}: ${p.lines.length} product(s), ${units} unit(s), ¥${yuanText(p.totalFen)}, expected ${p.expectedDate}`
        : `${run.dryRun ? '将向' : '向'} ${p.supplierName} 采购：${p.lines.length} 种商品，${units} 件，¥${yuanText(p.totalFen)}，预计 ${p.expectedDate} 到货`,
    );
  }
  for (const r of run.raised) out.push(en ? `raised draft purchase order ${r.poNo} (${r.lines} line(s))` : `已生成采购单草稿 ${r.poNo}（${r.lines} 行）`);
  return `${out.join('\n')}\n`;
}
