import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world.ts';
import { fillClaimFacts, typeVin, zhNewClaimWords } from './support/new-claim-form.ts';

// The adjuster's (定损员) walk through the claims workbench on the demo world: the claims list,
// a search, filing a claim by typing the first demo model's sample VIN (read from the API, not
// written here), the region and the shop picked from the lists, the claim page with its facts and
// history, and the first assessment version created from there. The assessment editor is another
// workbench: this journey ends when the browser is sent to it.

// Each step waits on several round trips and renders; on a loaded two-core machine a minute is tight.
const STEP_MS = 150_000;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('the adjuster files a claim and starts its assessment, in Chromium', () => {
  let world: ConsoleWorld;
  let page: Page;
  const claimNo = `RDAA${Date.now()}`;
  let claimUrl = '';

  beforeAll(async () => {
    world = await startConsoleWorld('claims-adjuster');
    ({ page } = await world.open({ email: 'adjuster@picc.demo' }));
  }, 300_000);
  afterAll(() => world?.close());

  it(
    'opens the claims list from the menu, and searches it',
    async () => {
      await page.locator('.ant-layout-sider').getByText('理赔定损').click();
      await page.waitForURL(`${world.base}/claims`);
      await page.getByRole('heading', { name: '理赔定损' }).waitFor();
      await page.locator('[data-table=claims] .ant-table').waitFor();
      await page.getByRole('button', { name: /新建报案/ }).waitFor();
      await world.shot(page, '01-claims-list');
      await page.getByTestId('claims-search').locator('input').fill('浙A');
      await page.getByTestId('claims-search').locator('input').press('Enter');
      await page.waitForURL(/q=/);
      await page.getByText('没有符合条件的报案').waitFor();
      await world.shot(page, '02-claims-searched');
    },
    STEP_MS,
  );

  it(
    'decodes the first demo model’s sample VIN as it is typed',
    async () => {
      const models = await page.request.get(`${world.base}/api/v1/vehicle-models?limit=1`);
      expect(models.status()).toBe(200);
      const [first] = ((await models.json()) as { items: { sampleVin: string | null; brand: string; model: string }[] }).items;
      expect(first?.sampleVin).toBeTruthy();
      await page.getByRole('button', { name: /新建报案/ }).click();
      await page.waitForURL(`${world.base}/claims/new`);
      await page.getByRole('heading', { name: '新建报案' }).waitFor();
      await typeVin(page, zhNewClaimWords, first!.sampleVin!, first!.model);
      await world.shot(page, '03-vin-decoded');
    },
    STEP_MS,
  );

  it(
    'files the claim with region and shop picked from the lists',
    async () => {
      await fillClaimFacts(page, zhNewClaimWords, claimNo, () => world.shot(page, '04a-shop-choices'));
      await world.shot(page, '04-new-claim-filled');
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.waitForTimeout(300);
      await world.shot(page, '04b-new-claim-768');
      await page.setViewportSize({ width: 1280, height: 800 });
      const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/claims') && r.request().method() === 'POST');
      await page.getByTestId('file-claim').click();
      const response = await filed;
      expect(response.status()).toBe(201);
      expect(response.request().headers()['idempotency-key']).toBeTruthy();
      await page.waitForURL(new RegExp(`/claims/${UUID}$`));
      claimUrl = page.url();
    },
    STEP_MS,
  );

  it(
    'lands on the claim page showing its facts and history',
    async () => {
      await page.getByRole('heading', { name: `报案 ${claimNo}` }).waitFor();
      const facts = page.getByTestId('claim-facts');
      await facts.getByText('浙江省 杭州市 西湖区').waitFor();
      expect(await facts.innerText()).toContain('杭州西湖顺捷汽车服务有限公司');
      expect(await facts.innerText()).toContain('浙A8K2Q7');
      expect(await facts.innerText()).toContain('已报案');
      await page.getByTestId('claim-timeline').getByText('报案', { exact: true }).waitFor();
      await page.getByText('尚未定损').waitFor();
      await world.shot(page, '05-claim-page');
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.waitForTimeout(300);
      await world.shot(page, '06-claim-page-768');
      await page.setViewportSize({ width: 1280, height: 800 });
    },
    STEP_MS,
  );

  it(
    'creates the first assessment version and is sent to it',
    async () => {
      await page.getByTestId('new-assessment').click();
      const modal = page.locator('.ant-modal');
      await modal.getByText('新建定损单').waitFor();
      // The item is searched among the parts that fit the car, by pinyin initials here.
      await modal.locator('#description').pressSequentially('qbxg', { delay: 30 });
      const hit = page.locator('.ant-select-item-option').first();
      await hit.waitFor();
      const picked = await hit.innerText();
      await hit.click();
      await modal.getByTestId('picked-part').waitFor();
      await modal.locator('#labourHours').fill('1.5');
      await world.shot(page, '07-new-assessment');
      const created = page.waitForResponse((r) => /\/api\/v1\/claims\/[^/]+\/assessments$/.test(r.url()) && r.request().method() === 'POST');
      await modal.getByRole('button', { name: /保存并进入定损单/ }).click();
      const response = await created;
      expect(response.status()).toBe(201);
      const assessment = (await response.json()) as { id: string; version: number };
      expect(assessment.version).toBe(1);
      const line = (assessment as unknown as { lines: { partId: string | null; description: string; isFreeText: boolean }[] }).lines[0]!;
      expect(line.isFreeText).toBe(false);
      expect(picked).toContain(line.description);
      await page.waitForURL(`${world.base}/assessments/${assessment.id}`);
      // The claim page is gone; what shows there is the assessment workbench's (not this journey's).
      await page.getByRole('heading', { name: `报案 ${claimNo}` }).waitFor({ state: 'detached' });
      await world.shot(page, '08-assessment-opened');
    },
    STEP_MS,
  );

  it(
    'finds the claim again in the list, now assessing, with its first version on its page',
    async () => {
      await page.goto(claimUrl);
      await page.getByTestId('assessment-versions').getByText('第 1 版 · 定损').waitFor();
      await page.getByTestId('claim-timeline').getByText('创建定损单').waitFor();
      await world.shot(page, '09-claim-assessing');
      await page.goto(`${world.base}/claims?q=${claimNo}`);
      const row = page.locator('[data-table=claims] .ant-table-row', { hasText: claimNo });
      await row.waitFor();
      expect(await row.innerText()).toContain('定损中');
      expect(await row.innerText()).toContain('杭州西湖顺捷汽车服务有限公司');
      await world.shot(page, '10-claims-list-found');
      // The list as filtered, exported: the file the browser saves opens as this claim's row.
      const downloading = page.waitForEvent('download');
      await page.getByTestId('export').click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^报案清单-\d{8}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.worksheets[0]!;
      expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['报案号', '状态']);
      expect(sheet.rowCount).toBe(2);
      expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual([claimNo, '定损中']);
      await page.goto(`${world.base}/claims`);
      await page.locator('[data-table=claims] .ant-table-row').first().waitFor();
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.waitForTimeout(300);
      await world.shot(page, '11-claims-list-768');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(500);
      await world.shot(page, '12-claims-list');
      expect(world.problems).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'reads the same claim in English',
    async () => {
      const { page: english, context } = await world.open({ email: 'adjuster@picc.demo', language: 'en' });
      await english.goto(claimUrl);
      await english.getByRole('heading', { name: `Claim ${claimNo}` }).waitFor();
      await english.getByTestId('claim-timeline').getByText('Claim filed').waitFor();
      const text = await english.locator('main, .ant-layout-content').first().innerText();
      expect(text).toContain('Assessing');
      expect(text).toContain('Version 1 · Assessment');
      await world.shot(english, '13-claim-page-en');
      await context.close();
      expect(world.problems).toEqual([]);
    },
    STEP_MS,
  );
});
