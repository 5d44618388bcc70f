// OE numbers are written many ways for the same part: `5G0 807 221 B`, `5G0-807-221-B`,
// `5g0.807.221b`. The catalog stores and searches the normalised form: no spaces, dashes, dots,
// slashes or underscores, upper-case; letters and digits only.
export function normaliseOe(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\-._/\\]+/g, '')
    .toUpperCase();
}

// Whether a search text should be read as (part of) an OE number rather than a name: it has a
// digit, and after normalising only letters and digits remain.
export function looksLikeOe(text: string): boolean {
  const norm = normaliseOe(text);
  return norm.length >= 2 && /\d/.test(norm) && /^[A-Z0-9]+$/.test(norm);
}
