import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import type { Text } from '../../../platform/i18n.ts';
import { requirePermission } from '../../../platform/access.ts';
import { chinaMinute, type Cell, writeXlsx, type XlsxColumn, yuan } from '../../../platform/xlsx.ts';
import { type Grade, gradeNames } from '../../catalog/index.ts';
import type { StatementLineDto } from './dto.ts';
import { findStatement, type StatementRow } from './find-statement.ts';
import { type LineKey, readStatementLines } from './statement-lines.ts';

type Row = StatementLineDto;

const kindNames: Record<Row['kind'], Text> = { sale: { 'zh-CN': '销售', en: 'Sale' }, credit: { 'zh-CN': '红字冲减', en: 'Credit' }, return: { 'zh-CN': '退货冲减', en: 'Return' } };

// The statement's columns, once for both files: what a payer's finance clerk ticks off against its
// own claims system, amounts in yuan (credits negative, so a column sums to what is owed).
function columns(ctx: Ctx): XlsxColumn<Row>[] {
  const sign = (r: Row, fen: number) => (r.kind === 'sale' ? fen : -fen);
  return [
    { header: { 'zh-CN': '类型', en: 'Type' }, width: 10, value: (r) => kindNames[r.kind][ctx.locale] },
    { header: { 'zh-CN': '报案号', en: 'Claim no.' }, width: 24, value: (r) => r.claimNo },
    { header: { 'zh-CN': '订单号', en: 'Order no.' }, width: 24, value: (r) => r.orderNo },
    { header: { 'zh-CN': '配件', en: 'Part' }, width: 30, value: (r) => r.productName },
    { header: { 'zh-CN': '等级', en: 'Grade' }, width: 12, value: (r) => gradeNames[r.grade as Grade]?.[ctx.locale] ?? r.grade },
    { header: { 'zh-CN': '数量', en: 'Qty' }, width: 8, value: (r) => r.qty, numFmt: '0' },
    { header: { 'zh-CN': '不含税金额（元）', en: 'Net (CNY)' }, width: 16, value: (r) => yuan(sign(r, r.netFen)), numFmt: '#,##0.00' },
    { header: { 'zh-CN': '税额（元）', en: 'VAT (CNY)' }, width: 14, value: (r) => yuan(sign(r, r.vatFen)), numFmt: '#,##0.00' },
    { header: { 'zh-CN': '管理费（元）', en: 'Handling fee (CNY)' }, width: 14, value: (r) => yuan(sign(r, r.handlingFeeFen)), numFmt: '#,##0.00' },
    { header: { 'zh-CN': '价税合计（元）', en: 'Total (CNY)' }, width: 16, value: (r) => yuan(sign(r, r.totalFen)), numFmt: '#,##0.00' },
    { header: { 'zh-CN': '较原厂节省（元）', en: 'Saving vs OE (CNY)' }, width: 16, value: (r) => yuan(r.savingFen), numFmt: '#,##0.00' },
    { header: { 'zh-CN': '入账时间', en: 'Posted at' }, width: 18, value: (r) => chinaMinute(r.postedAt) },
  ];
}

const CHUNK = 5000;

// Every line of the statement (at most MAX_STATEMENT_LINES and its credits), read in chunks.
async function everyLine(db: Executor, s: StatementRow): Promise<Row[]> {
  const rows: Row[] = [];
  let after: LineKey | undefined;
  for (;;) {
    const chunk = await readStatementLines(db, s.id, after, CHUNK);
    rows.push(...chunk);
    if (chunk.length < CHUNK) return rows;
    after = chunk.at(-1)!.key;
  }
}

export const statementFileName = (s: StatementRow): Text => ({ 'zh-CN': `对账单-${s.statementNo}`, en: `statement-${s.statementNo}` });

export async function exportStatementXlsx(db: Executor, ctx: Ctx, id: string): Promise<{ s: StatementRow; file: Buffer }> {
  requirePermission(ctx.actor, 'statements.read');
  const s = await findStatement(db, ctx.actor, id);
  const file = await writeXlsx({ 'zh-CN': '对账单', en: 'Statement' }, columns(ctx), await everyLine(db, s), ctx.locale);
  return { s, file };
}

// The same as CSV, UTF-8 with a byte-order mark (so Excel and WPS read the Chinese), amounts with
// two decimals.
export async function exportStatementCsv(db: Executor, ctx: Ctx, id: string): Promise<{ s: StatementRow; file: string }> {
  requirePermission(ctx.actor, 'statements.read');
  const s = await findStatement(db, ctx.actor, id);
  const cols = columns(ctx);
  const cell = (v: Cell, numFmt: string | undefined) => {
    if (v === null) return '';
    if (typeof v === 'number') return numFmt === '#,##0.00' ? v.toFixed(2) : String(v);
    return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  };
  const lines = [cols.map((c) => cell(c.header[ctx.locale], undefined)).join(',')];
  for (const r of await everyLine(db, s)) lines.push(cols.map((c) => cell(c.value(r), c.numFmt)).join(','));
  return { s, file: `\uFEFF${lines.join('\r\n')}\r\n` };
}
