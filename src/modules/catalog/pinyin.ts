import { pinyin } from 'pinyin-pro';

// Adjusters type pinyin or its initials as often as characters (qbxg for 前保险杠), so every
// part name is stored with both, lower-case, without tones or spaces; ü is written v as on every
// Chinese keyboard (滤 → lv). Latin letters and digits in a name (e.g. "LED", "A柱") are kept as
// they are, lower-cased.
export function namePinyin(name: string): { pinyin: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return { pinyin: clean(full), initials: clean(first) };
}

// A search text made only of Latin letters may be pinyin or initials.
export function looksLikePinyin(text: string): boolean {
  return /^[a-z]+$/i.test(text.trim());
}
