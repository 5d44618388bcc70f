import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// The new-claim form (新建报案) filled as an adjuster fills it, shared by the journeys that file a
// claim: the VIN typed in two bursts (the count and then the check digit shown on the way), the
// first model taken, and the accident's region and the shop picked from the lists, each picker
// waited on so that a slow one fails here and says which.

export type NewClaimWords = { typed10: string; checkOk: string; nearGroup: string };

export const zhNewClaimWords: NewClaimWords = { typed10: '已输入 10 / 17 位', checkOk: '校验位正确', nearGroup: '出险地所在省' };

// The day n days ago in China, as the date picker takes it.
function chinaDayAgo(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

export async function typeVin(page: Page, w: NewClaimWords, vin: string, modelName: string): Promise<void> {
  await page.locator('#vin').pressSequentially(vin.slice(0, 10), { delay: 10 });
  await page.getByText(w.typed10).waitFor();
  await page.locator('#vin').pressSequentially(vin.slice(10), { delay: 10 });
  await page.getByText(w.checkOk).waitFor();
  // One model is taken; several are offered, and the adjuster takes the first.
  const choices = page.getByTestId('vin-models').getByRole('radio');
  if ((await choices.count()) > 0) await choices.first().check();
  else await page.getByTestId('vin-model').getByText(modelName).waitFor();
}

// Plate, claim and policy numbers, the accident two days ago at 浙江省 杭州市 西湖区, and the
// shop found by typing 顺捷; onShopList runs while the shop list is open (for its screenshot).
export async function fillClaimFacts(page: Page, w: NewClaimWords, claimNo: string, onShopList: () => Promise<void>): Promise<void> {
  await page.locator('#plate').fill('浙a·8k2q7');
  await page.locator('#claimNo').fill(claimNo);
  await page.locator('#policyNo').fill('PDAA202633010000054321');
  await page.locator('#accidentDate').click();
  await page.locator('#accidentDate').fill(chinaDayAgo(2));
  await page.locator('#accidentDate').press('Tab');
  await page.locator('#accidentRegionCode').click();
  for (const name of ['浙江省', '杭州市', '西湖区']) {
    await page.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
  }
  await page.locator('#repairShopOrgId').click();
  // The shops of the accident's province come first.
  await page.locator('.ant-select-item-group', { hasText: w.nearGroup }).waitFor();
  await page.waitForTimeout(300); // the list's opening animation
  await onShopList();
  await page.locator('#repairShopOrgId').fill('顺捷');
  // The list narrows on the server after a pause in typing: pick once it holds only the match.
  await expect.poll(() => page.locator('.ant-select-item-option').count(), { timeout: 20_000 }).toBe(1);
  await page.locator('.ant-select-item-option', { hasText: '杭州西湖顺捷汽车服务有限公司' }).click();
  const form = page.getByTestId('new-claim-form');
  expect(await page.locator('#accidentDate').inputValue()).toBe(chinaDayAgo(2));
  await form.getByText('浙江省 / 杭州市 / 西湖区').waitFor();
  await form.locator('.ant-select-content, .ant-select-selection-item').getByText('杭州西湖顺捷汽车服务有限公司').waitFor();
}
