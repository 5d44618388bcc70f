import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// What the finance journeys (finance*.test.ts, bank-import.test.ts) check on every page they shoot.

// What may be Latin in the Chinese UI: document numbers (statements ST…, payments PM…, payouts PO…,
// financing requests FR…, refunds RF…, orders AP…, claims RDAA…/APIC…, bank references BK…/ICBC…/CMB…/HIST… and
// the history's payouts' PAY…), an order line by the end of its id (…5db5209e), the file formats
// and encodings a page names (Excel, CSV, GBK, GB18030, UTF-8), a file's size in MB and its
// extension (.csv), and ids (a select's accessible list of options carries their values, unseen).
export function englishLeft(text: string): string[] {
  const stripped = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ' ')
    .replace(/…[0-9a-f]{8}\b/g, ' ')
    .replace(/\b(?:ST|PM|PO|FR|RF|AP|RDAA|APIC|BK|ICBC|CMB|HIST|PAY)[A-Z0-9-]*\b/g, ' ')
    .replace(/\b(?:Excel|CSV|English|GBK|GB18030|UTF-8|UTF-16)\b/g, ' ')
    .replace(/\b\d+\s?MB\b/g, ' ')
    .replace(/\.(?:csv|txt|xlsx)\b/gi, ' ');
  return [...new Set(stripped.match(/[A-Za-z]{2,}/g) ?? [])];
}

// A screenshot of a settled page into `dir`, after checking it: no open dropdown, nothing loading,
// nothing wider than the window (a table scrolls inside its box, never the page), no English left
// in the page's own text and its dialogs (the menu and the header are the shell's), but for `data`
// the journey knows is Latin in the data itself (a car model in a part's name: 适用CR-V). A dialog
// is shot as the screen shows it; a page whole.
export function financeShots(dir: string, data: RegExp[] = []): (page: Page, name: string) => Promise<void> {
  mkdirSync(dir, { recursive: true });
  return async (page, name) => {
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    await page.locator('.ant-spin-blur, .ant-skeleton').first().waitFor({ state: 'detached' });
    // The tables' loading veil fades out.
    await page.waitForTimeout(400);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name} overflows`).toBeLessThanOrEqual(client);
    const text = data.reduce((t, re) => t.replace(re, ' '), (await page.locator('.ant-layout-content, .ant-modal:visible').allInnerTexts()).join('\n'));
    expect(englishLeft(text), `${name} shows English in: ${text}`).toEqual([]);
    const dialog = await page.locator('.ant-modal:visible').count();
    await page.screenshot({ path: `${dir}/${name}.png`, fullPage: dialog === 0 });
  };
}

// antd spaces a two-character Chinese button's label (开 具): the popconfirm's button by its words.
export function confirmPop(page: Page, name: string): Promise<void> {
  return page
    .locator('.ant-popover:visible')
    .getByRole('button', { name: new RegExp(name.split('').join('\\s*')) })
    .click();
}

// The state of the document a page shows (its card's status tag).
export function cardStatus(page: Page): Promise<string | null> {
  return page.locator('.ant-card-head [data-status]').first().getAttribute('data-status');
}
