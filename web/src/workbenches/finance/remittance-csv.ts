import { chinaDateTime } from '../../components/china-time.ts';
import type { RemittanceLine } from './api.ts';
import { formatFen } from './money.ts';

// A payout's remittance advice (付款通知) as CSV, the way the statements' export writes it (UTF-8
// with a byte-order mark so Excel and WPS read the Chinese, CRLF, amounts in yuan with two
// decimals): one row per line paid or taken (a fee or a correction negative), then the total,
// which is what the payout paid. A text cell that a spreadsheet would run as a formula (= + - @)
// is written with a leading apostrophe.

export type RemittanceCsvWords = {
  headers: [postedAt: string, code: string, claimNo: string, orderNo: string, part: string, qty: string, amount: string];
  code: (code: string) => string;
  total: string;
};

function text(v: string | null): string {
  if (v === null) return '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const yuan = (fen: number) => formatFen(fen, { symbol: false }).replaceAll(',', '');

export function remittanceCsv(lines: readonly RemittanceLine[], words: RemittanceCsvWords): string {
  const rows = [words.headers.map(text).join(',')];
  for (const l of lines) {
    rows.push([text(chinaDateTime(l.postedAt)), text(words.code(l.code)), text(l.claimNo), text(l.orderNo), text(l.productName), l.qty === null ? '' : String(l.qty), yuan(l.amountFen)].join(','));
  }
  rows.push([text(words.total), '', '', '', '', '', yuan(lines.reduce((a, l) => a + l.amountFen, 0))].join(','));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
