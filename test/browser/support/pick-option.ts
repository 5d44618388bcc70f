import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

// Picks the option reading `text` in an antd Select. The click that opens it is repeated until the
// select says it is open (a click landing while a dialog or another dropdown still animates can
// open nothing), and the option is taken from the dropdown this select owns (its input's
// aria-controls names the list inside it), never from another select's dropdown still fading out,
// which holds an option of the same words (CI once clicked the kind filter's 资金方 there, for 30 s).
export async function pickOption(select: Locator, text: string): Promise<void> {
  const input = select.locator('input[role="combobox"]');
  let list: string | null = null;
  await expect
    .poll(
      async () => {
        if ((await input.getAttribute('aria-expanded')) !== 'true') await select.click({ timeout: 5_000 });
        list = await input.getAttribute('aria-controls');
        return list;
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBeTruthy();
  await select
    .page()
    .locator('.ant-select-dropdown', { has: select.page().locator(`[id="${list}"]`) })
    .locator('.ant-select-item-option', { hasText: text })
    .click();
}
