// An amount in capital Chinese numerals (人民币大写), as a 定损单 states its total so that it cannot
// be altered by adding a stroke: 320800 fen → 叁仟贰佰零捌元整.
const digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const smallUnits = ['', '拾', '佰', '仟'];
const bigUnits = ['', '万', '亿', '万亿'];

export function rmbUpper(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not an amount of fen: ${fen}`);
  if (fen === 0) return '零元整';
  const sign = fen < 0 ? '负' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const cents = abs % 10;
  let out = '';
  if (yuan > 0) {
    const s = String(yuan);
    let zero = false;
    for (let i = 0; i < s.length; i++) {
      const d = Number(s[i]);
      const pos = s.length - 1 - i;
      if (d === 0) zero = true;
      else {
        if (zero) out += '零';
        zero = false;
        out += digits[d]! + smallUnits[pos % 4]!;
      }
      // The end of a group of four: its unit (万, 亿) if any of its digits is not zero.
      if (pos % 4 === 0 && pos > 0 && /[1-9]/.test(s.slice(Math.max(0, i - 3), i + 1))) out += bigUnits[pos / 4]!;
    }
    out += '元';
  }
  if (jiao === 0 && cents === 0) return `${sign}${out}整`;
  if (jiao > 0) out += `${digits[jiao]!}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${digits[cents]!}分`;
  return sign + out;
}
