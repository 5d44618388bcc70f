import { z } from 'zod';
import '../zod-setup.ts';

// Cell types shared by the import formats. Every cell reaches these schemas already trimmed, and
// an empty cell arrives as `undefined` (absent), so "required" means "not empty". Codes, numbers
// and dates are folded with NFKC first because Chinese input methods and Excel on Chinese Windows
// produce full-width digits and letters (１２３, ＣＡＰＡ) that people cannot tell apart on screen.
// Names are left as typed: NFKC would also turn （） into (), which is not ours to change.

// Our own refinements name a field code from messages.ts as their message and put its
// parameters into `params`, so the report can be translated at the edge like any other error.
type Ctx = z.core.$RefinementCtx;

function fail(ctx: Ctx, code: string, params?: Record<string, unknown>): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: code, params });
  return z.NEVER;
}

export function text(maxLength: number) {
  return z.string().max(maxLength);
}

export function optionalText(maxLength: number) {
  return text(maxLength).optional();
}

// A code made of the given characters, upper-cased, e.g. a WMI or a certification body's code.
export function code(pattern: RegExp, format: string) {
  return z.string().transform((raw, ctx) => {
    const value = raw.normalize('NFKC').toUpperCase();
    return pattern.test(value) ? value : fail(ctx, 'invalid_format', { format });
  });
}

// A whole number within bounds. Fifteen digits keep every accepted value exact as a JS number.
export function integer(minimum: number, maximum: number) {
  return z
    .string()
    .transform((raw, ctx) => {
      const value = raw.normalize('NFKC');
      return /^[+-]?\d{1,15}$/.test(value) ? Number(value) : fail(ctx, 'invalid_format', { format: 'integer' });
    })
    .pipe(z.number().int().min(minimum).max(maximum));
}

// An amount in fen: a positive whole number up to one of the domain's bounds (bounds.ts), so that
// nothing computed from it leaves the exact range of JSON numbers, read into a bigint.
export function fen(maxFen: number) {
  return integer(1, maxFen).transform((n) => BigInt(n));
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

// A calendar date as ISO `YYYY-MM-DD`. Excel on Chinese Windows writes `2025/1/5`, so slashes,
// dots and one-digit months and days are accepted and normalised; 2025-02-30 is refused.
export function isoDate(raw: string): string | undefined {
  const match = DATE.exec(raw.normalize('NFKC'));
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1900 || y > 2200) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export function date() {
  return z.string().transform((raw, ctx) => isoDate(raw) ?? fail(ctx, 'invalid_format', { format: 'YYYY-MM-DD' }));
}

// Several values in one cell, separated by `|` (or the full-width ｜ a Chinese keyboard gives).
// Empty items are dropped, and values that come out the same (`5G0-807` and `5G0807` are one OE
// number) are kept once, in their first order.
export function list(item: (value: string, ctx: Ctx) => string, maxItems: number) {
  return z.string().transform((raw, ctx) => {
    const items = raw
      .split(/[|｜]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length > maxItems) return fail(ctx, 'too_big_array', { maximum: maxItems });
    const values = new Set<string>();
    for (const value of items) {
      const parsed = item(value, ctx);
      if (parsed === z.NEVER) return z.NEVER;
      values.add(parsed);
    }
    return [...values];
  });
}

export function listItemFail(ctx: Ctx, code: string, params?: Record<string, unknown>): typeof z.NEVER {
  return fail(ctx, code, params);
}
