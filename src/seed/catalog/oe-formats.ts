import type { PartTemplate } from './part-templates.ts';

// OE numbers in each carmaker's own format. A number is built from three things: the model code
// of the car that first used the part (the slot every maker reserves for it), the part's template
// (its group code), and a variant (revisions and trim versions). The mapping is injective within a
// style as long as model codes differ, so the demo and the large catalog can share a database
// without colliding: they draw model codes from disjoint sets (see `largeModelCodes`).
export type OeStyle = 'vw' | 'toyota' | 'honda' | 'nissan' | 'numeric8' | 'bmw' | 'benz' | 'qct' | 'gwm' | 'numeric10' | 'tesla';

export type OeInput = {
  style: OeStyle;
  // The maker's model slot, e.g. `5G0` (VW), `02` (Toyota), `TBA` (Honda), `205` (Mercedes).
  modelCode: string;
  template: PartTemplate;
  templateIndex: number;
  variant: number;
  // Numeric styles start with a maker prefix: GM `2`, Volvo `3`, Geely `66`.
  prefix: string;
};

const DIGITS = '0123456789';
// Letters that makers use in part numbers; I, O and Q are avoided as they are in VINs.
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const ALNUM = DIGITS + LETTERS;

// The alphabet of each position of a style's model code.
export const MODEL_CODE_ALPHABETS: Readonly<Record<OeStyle, readonly string[]>> = {
  // A letter in second place keeps VW numbers apart from Tesla's all-digit ones.
  vw: ['123456789', LETTERS, ALNUM],
  toyota: [ALNUM, ALNUM],
  honda: [LETTERS, ALNUM, ALNUM],
  nissan: [DIGITS, LETTERS, LETTERS],
  numeric8: [DIGITS, DIGITS, DIGITS],
  bmw: ['78', DIGITS, DIGITS],
  benz: ['123456789', DIGITS, DIGITS],
  qct: [LETTERS, LETTERS],
  gwm: [LETTERS, LETTERS, LETTERS],
  numeric10: [DIGITS, DIGITS, DIGITS],
  tesla: [DIGITS, DIGITS, DIGITS],
};

// How many variants of one part of one model a style can tell apart.
export const VARIANT_CAPACITY: Readonly<Record<OeStyle, number>> = {
  vw: 10_000,
  toyota: LETTERS.length * 10,
  honda: LETTERS.length * 100,
  nissan: LETTERS.length * 10,
  numeric8: 100,
  bmw: 100,
  benz: 100,
  qct: 100,
  gwm: LETTERS.length * 100,
  numeric10: 1000,
  tesla: 1000,
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// Bijective base-23 letters: 1 → A, 23 → Z, 24 → AA. VW appends them for revisions (…221 B).
function letterSuffix(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / LETTERS.length)) s = LETTERS[(k - 1) % LETTERS.length] + s;
  return s;
}

function letter(n: number): string {
  const c = LETTERS[n];
  if (c === undefined) throw new Error(`variant letter ${n} out of range`);
  return c;
}

export function formatOe(input: OeInput): string {
  const { style, modelCode: m, template, templateIndex: t, variant: v, prefix } = input;
  if (!Number.isInteger(v) || v < 0 || v >= VARIANT_CAPACITY[style]) throw new Error(`variant ${v} out of range for ${style}`);
  const codes = template.codes;
  switch (style) {
    // 5G0 807 221 B
    case 'vw':
      return `${m} ${codes.vw}${v === 0 ? '' : ` ${letterSuffix(v)}`}`;
    // 52119-02A40: base, model, variant letter, two digits.
    case 'toyota':
      return `${codes.toyota}-${m}${letter(v % LETTERS.length)}${pad(((Math.floor(v / LETTERS.length) + 1) * 10) % 100, 2)}`;
    // 71101-TBA-A00
    case 'honda':
      return `${codes.honda}-${m}-${letter(Math.floor(v / 100))}${pad(v % 100, 2)}`;
    // 62022-4BA0A
    case 'nissan':
      return `${codes.nissan}-${m}${v % 10}${letter(Math.floor(v / 10))}`;
    // 26213497: prefix, model, template, variant.
    case 'numeric8':
      return `${prefix}${m}${pad(t, 2)}${pad(v, 2)}`;
    // 51 11 7 294 375: group, then a seven-digit number of model, template, variant.
    case 'bmw': {
      const seven = `${m}${pad(t, 2)}${pad(v, 2)}`;
      return `${codes.bmw} ${seven.slice(0, 1)} ${seven.slice(1, 4)} ${seven.slice(4)}`;
    }
    // A 205 880 01 40: model series, group, sub-group, variant.
    case 'benz':
      return `A ${m} ${codes.benz} ${pad(v, 2)}`;
    // 4121100-HN01 (BYD): QC/T 265 group, model letters, variant.
    case 'qct':
      return `${codes.qct}-${m}${pad(v + 1, 2).slice(-2)}`;
    // 2803101XKZ16A (Great Wall): group, model, two digits, revision letter.
    case 'gwm':
      return `${codes.qct}${m}${pad(v % 100, 2)}${letter(Math.floor(v / 100))}`;
    // 6600087325 (Geely): prefix, model, template, variant.
    case 'numeric10':
      return `${prefix}${m}${pad(t, 2)}${pad(v, 3)}`;
    // 1084168-00-E (Tesla): seven digits, two-digit revision, letter.
    case 'tesla':
      return `1${m}${pad(t, 2)}${v % 10}-${pad(Math.floor(v / 10), 2)}-${letter((t + Number(m)) % 6)}`;
  }
}

// Model codes for generated models: every code of the style's alphabet, visited in a scrambled
// but fixed order (a stride coprime to the count), skipping the codes the demo models use.
export function largeModelCodes(style: OeStyle, count: number, reserved: ReadonlySet<string>): string[] {
  const alphabets = MODEL_CODE_ALPHABETS[style];
  const capacity = alphabets.reduce((n, a) => n * a.length, 1);
  if (count + reserved.size > capacity) {
    throw new Error(`OE style ${style} has room for ${capacity - reserved.size} generated model codes, ${count} asked`);
  }
  let stride = 7919;
  while (gcd(stride, capacity) !== 1) stride += 2;
  const codes: string[] = [];
  for (let n = 0; codes.length < count; n++) {
    let k = (n * stride + 11) % capacity;
    let code = '';
    for (let p = alphabets.length - 1; p >= 0; p--) {
      const a = alphabets[p]!;
      code = a[k % a.length] + code;
      k = Math.floor(k / a.length);
    }
    if (!reserved.has(code)) codes.push(code);
  }
  return codes;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
