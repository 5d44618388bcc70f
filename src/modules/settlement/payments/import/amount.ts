// Amounts as Chinese banks export them, read into fen exactly: from the text, never through a float
// (0.1 + 0.2 is not 0.3, and 12,345.67 × 100 is 1234566.9999…). What a bank writes:
//   12,345.67 · 12345.67 · 12345.6 · 12345 · ¥12,345.67 · 12,345.67元 · RMB 12,345.67 · +12,345.67
//   -1,000.00 and (1,000.00) for money out · full-width digits (１２３４５．６７) from Excel on Chinese
//   Windows, folded by NFKC.
// Thousands separators must group by three (1,2345.00 is a typing error, not 12,345.00), and a third
// decimal is accepted only when it is zero (12.340), because a fraction of a fen cannot be paid.

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^\d+(\.\d+)?$/;
// Currency marks around the number; the yen sign is what NFKC makes of the full-width ￥.
const CURRENCY = /^(?:¥|rmb|cny)|(?:元|rmb|cny)$/g;

// The signed amount in fen, or null when the text is not an amount.
export function yuanToFen(raw: string): bigint | null {
  let text = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(CURRENCY, '');
  if (text.startsWith('-') || text.startsWith('+')) {
    negative = negative !== text.startsWith('-');
    text = text.slice(1);
  }
  text = text.replace(CURRENCY, '');
  if (!GROUPED.test(text) && !PLAIN.test(text)) return null;
  const [whole, fraction = ''] = text.replaceAll(',', '').split('.') as [string, string?];
  if (fraction.length > 2 && !/^0+$/.test(fraction.slice(2))) return null;
  // More than fifteen digits of yuan is no bank line; it would only overflow later checks.
  if (whole.replace(/^0+/, '').length > 15) return null;
  const fen = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  return negative ? -fen : fen;
}
