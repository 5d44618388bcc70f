// The product speaks zh-CN first and English on request. Locale comes from Accept-Language.
export type Locale = 'zh-CN' | 'en';

export type Text = { 'zh-CN': string; en: string };

// Picks the caller's language from an Accept-Language header by q-value; Chinese in any form maps
// to zh-CN, English in any form to en, and no usable preference to zh-CN.
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const prefs = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag, weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((p) => p.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const p of prefs) {
    if (p.tag.startsWith('zh')) return 'zh-CN';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

// Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing silently.
export function format(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}
