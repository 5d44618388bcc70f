// Money in the finance workbench: the API speaks integer fen (分); people read and type yuan with
// two decimals and thousands separators (¥1,234,567.80). Both ways go through integers and
// strings only, never through a float times 100, so ¥0.29 is 29 fen and a ledger's ¥28,540,509.98
// shows to the fen.

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// 123456789 → ¥1,234,567.89; -500 → -¥5.00. `sign: 'always'` writes + before a positive amount
// (a movement in and out of an account); null is a dash.
export function formatFen(fen: number | null | undefined, opts: { symbol?: boolean; sign?: 'auto' | 'always' } = {}): string {
  if (fen === null || fen === undefined) return '—';
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  const yuan = grouped(String(Math.floor(abs / 100)));
  const cents = String(abs % 100).padStart(2, '0');
  const sign = fen < 0 ? '-' : opts.sign === 'always' && fen > 0 ? '+' : '';
  return `${sign}${opts.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

// What a person typed as yuan, in fen: "1,234.5", "¥ 12", "１２.３０" (full-width, from a Chinese
// input method) are read; a third decimal, a sign, letters or an empty box are not (undefined), so
// a form can say so rather than round.
export function parseYuan(text: string): number | undefined {
  const s = text.normalize('NFKC').replace(/[\s,¥￥]/g, '');
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : undefined;
}

// Fen as a form's yuan box shows it: 123450 → "1234.50" (no separators, so it reads back the same).
export function fenToYuanInput(fen: number): string {
  return formatFen(fen, { symbol: false }).replaceAll(',', '');
}
