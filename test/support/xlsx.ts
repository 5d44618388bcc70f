import ExcelJS from 'exceljs';

export type Sheet = { name: string; header: string[]; rows: (string | number | null)[][] };

// The first sheet of an exported .xlsx as a person reads it: its name, the header row, the rows.
export async function readSheet(body: Buffer): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const values = (n: number) => (ws.getRow(n).values as (string | number | null)[]).slice(1);
  const rows: Sheet['rows'] = [];
  for (let n = 2; n <= ws.rowCount; n++) rows.push(values(n));
  return { name: ws.name, header: values(1) as string[], rows };
}
