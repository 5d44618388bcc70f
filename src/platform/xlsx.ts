import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import type { Locale, Text } from './i18n.ts';
import { MAX_PAGE_LIMIT, type Page } from './pagination.ts';

// A list exported as a spreadsheet people open in Excel or WPS: one sheet, a bold frozen header in
// the caller's language, columns sized for their content, amounts as numbers in yuan (so they sum)
// and days as text (China calendar days, no time zone for Excel to shift). Each export names its
// columns; this file knows nothing about claims or orders.

export type Cell = string | number | null;

export type XlsxColumn<T> = {
  header: Text;
  // Width in characters; Chinese characters count about two.
  width: number;
  value: (row: T) => Cell;
  // For numbers: '#,##0.00' for yuan, '0' for counts.
  numFmt?: string;
};

// Whole fen as the yuan a cell shows and sums (exact to the fen for any amount the platform holds).
export const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function writeXlsx<T>(sheet: Text, columns: readonly XlsxColumn<T>[], rows: readonly T[], locale: Locale): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'anpei';
  const ws = book.addWorksheet(sheet[locale], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ key: String(i), header: c.header[locale], width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row)));
  if (rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

// A month of a busy branch is a few thousand rows; beyond the cap the caller is asked to narrow
// the filters rather than given a file that silently stops.
export const MAX_EXPORT_ROWS = 10_000;

// Every page of a list, read through the list's own function (so its scope and filters hold).
export async function everyPage<T>(fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, MAX_PAGE_LIMIT);
    rows.push(...page.items);
    if (rows.length > MAX_EXPORT_ROWS) throw new AppError('export_too_large', { limit: MAX_EXPORT_ROWS });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

// Sends the file as a download named for the list and the day in China, e.g. 报案清单-20261205.xlsx:
// filename* carries the Chinese name to every browser, filename a plain ASCII one for clients
// that ignore filename*.
export function sendXlsx(reply: FastifyReply, ctx: Ctx, name: Text, file: Buffer): FastifyReply {
  const day = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const ascii = `${name.en.toLowerCase().replaceAll(' ', '-')}-${day}.xlsx`;
  const disposition = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${name[ctx.locale]}-${day}.xlsx`)}`;
  return reply.type(XLSX_TYPE).header('content-disposition', disposition).header('cache-control', 'no-store').send(file);
}

// "2026-12-05 09:30", China time: a real date-time would be shifted by the reader's time zone.
export function chinaMinute(iso: string | null): string | null {
  return iso === null ? null : new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
