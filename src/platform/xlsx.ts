import ExcelJS from 'exceljs';
import type { Locale, Text } from './i18n.ts';

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

// `attachment; filename*=UTF-8''…`: a Chinese file name survives every browser this way, with a
// plain ASCII fallback for clients that ignore filename*.
export function attachment(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
