import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world.ts';
import { fillClaimFacts, typeVin, zhNewClaimWords } from './support/new-claim-form.ts';

// The adjuster's (定损员) whole walk, as one person does it on the demo world, once in Chinese and
// once in English: the claims list from the menu, a claim filed on the first demo model's sample
// VIN (read from the API) with its region and shop picked from the lists, its first assessment
// created from the claim page, parts added in the editor by a Chinese fragment and by pinyin
// initials, saved, quoted, and the quote read line by line: the offer chosen, why, and when it
// arrives. Screenshots per step under test-results/adjuster-walk/, prefixed zh- and en-.
// In English the console's own words must be English; the data (part names, shops, regions)
// stays as the catalog holds it, in Chinese.

// Each step waits on several round trips and renders; on a loaded two-core machine a minute is tight.
const STEP_MS = 150_000;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const HAN = /[\u3400-\u9fff]/;

type Language = 'zh-CN' | 'en';

// The words the walk reads and presses, in each language.
const WORDS = {
  'zh-CN': {
    menu: '理赔定损',
    listTitle: '理赔定损',
    newClaim: /新建报案/,
    newClaimTitle: '新建报案',
    ...zhNewClaimWords,
    claimTitle: (no: string) => `报案 ${no}`,
    filed: '已报案',
    timelineFiled: '报案',
    notAssessed: '尚未定损',
    modalTitle: '新建定损单',
    repair: '修理',
    modalSubmit: /保存并进入定损单/,
    editorTitle: '定损 · 第 1 版',
    search: '配件查询',
    add: (name: string) => `添加 ${name}`,
    byName: '名称',
    byInitials: '首字母',
    save: /保\s*存$/,
    saved: '定损项目已保存',
    quote: /报\s*价$/,
    ok: /^确\s*定$/,
    quoteTitle: '报价 · 定损第 1 版',
    shipFrom: '发货 / 到货',
    eta: /预计 \d+ 天/,
    stock: '现货',
    autoApproved: '自动核价通过',
    repairOnly: '仅维修',
    expand: '展开行',
    whyChosen: '选择理由',
    runnersUp: /备选第 \d+ 名|没有其他可选报价/,
    quoteTotal: '报价合计',
  },
  en: {
    menu: 'Claims',
    listTitle: 'Claims',
    newClaim: /File a claim/,
    newClaimTitle: 'File a claim',
    typed10: '10 of 17 characters',
    checkOk: 'Check digit valid',
    nearGroup: 'In the accident’s province',
    claimTitle: (no: string) => `Claim ${no}`,
    filed: 'Filed',
    timelineFiled: 'Claim filed',
    notAssessed: 'Not assessed yet',
    modalTitle: 'New assessment',
    repair: 'Repair',
    modalSubmit: /Save and open the assessment/,
    editorTitle: 'Assessment · version 1',
    search: 'Find parts',
    add: (name: string) => `Add ${name}`,
    byName: 'Name',
    byInitials: 'Initials',
    save: /\bSave$/,
    saved: 'Items saved',
    quote: /\bQuote$/,
    ok: /^OK$/,
    quoteTitle: 'Quote · Assessment version 1',
    shipFrom: 'Ships from / ETA',
    eta: /\b\d+ days?\b/,
    stock: 'In stock',
    autoApproved: 'Auto-approved',
    repairOnly: 'Repair only',
    expand: 'Expand row',
    whyChosen: 'Why chosen',
    runnersUp: /runner-up|Runners-up|No other allowed offer/i,
    quoteTotal: 'Quote total',
  },
} as const;

// The console's own words on the page (headings, buttons, column heads, form and detail labels,
// the menu and breadcrumb) that are Chinese: none may show in the English run. Buttons named by a
// part ("Add 左前大灯总成") carry the name in their aria-label only; their text is the word.
async function chineseLabels(page: Page): Promise<string[]> {
  const texts = await page
    .locator(
      'h1, h2, h3, h4, h5, button, .ant-table-thead th, .ant-form-item-label label, .ant-descriptions-item-label, .ant-breadcrumb, .ant-menu-item, .ant-card-head-title, .ant-modal-title, .ant-tabs-tab',
    )
    .evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).innerText.trim()));
  return texts.filter((t) => HAN.test(t));
}

describe('the adjuster’s walk: file a claim, assess, quote, in Chromium', () => {
  let world: ConsoleWorld;
  let model: { id: string; sampleVin: string | null; brand: string; model: string };
  // Parts of the first demo model found by a Chinese fragment and by pinyin initials.
  let byFragment: { text: string; name: string };
  let byInitials: { text: string; name: string };

  beforeAll(async () => {
    world = await startConsoleWorld('adjuster-walk');
  }, 300_000);
  afterAll(() => world?.close());

  for (const language of ['zh-CN', 'en'] as const satisfies Language[]) {
    const w = WORDS[language];
    const prefix = language === 'zh-CN' ? 'zh' : 'en';
    describe(`in ${language}`, () => {
      let page: Page;
      const claimNo = `RDAA${Date.now()}${prefix.toUpperCase()}`;
      const shot = (name: string) => world.shot(page, `${prefix}-${name}`);
      const noChineseLabels = async () => {
        if (language === 'en') expect(await chineseLabels(page)).toEqual([]);
      };

      beforeAll(async () => {
        ({ page } = await world.open({ email: 'adjuster@picc.demo', language }));
      }, STEP_MS);
      afterAll(() => page?.context().close());

      it(
        'opens the claims list from the menu',
        async () => {
          await page.locator('.ant-layout-sider').getByText(w.menu, { exact: true }).click();
          await page.waitForURL(`${world.base}/claims`);
          await page.getByRole('heading', { name: w.listTitle }).waitFor();
          await page.locator('[data-table=claims] .ant-table').waitFor();
          await page.getByRole('button', { name: w.newClaim }).waitFor();
          await shot('01-claims-list');
          await noChineseLabels();
        },
        STEP_MS,
      );

      it(
        'types the first demo model’s sample VIN into a new claim and sees it decoded',
        async () => {
          const models = await page.request.get(`${world.base}/api/v1/vehicle-models?limit=1`);
          expect(models.status()).toBe(200);
          [model] = ((await models.json()) as { items: (typeof model)[] }).items as [typeof model];
          expect(model?.sampleVin).toBeTruthy();
          const vin = model.sampleVin!;
          await page.getByRole('button', { name: w.newClaim }).click();
          await page.waitForURL(`${world.base}/claims/new`);
          await page.getByRole('heading', { name: w.newClaimTitle }).waitFor();
          await typeVin(page, w, vin, model.model);
          await shot('02-vin-decoded');
          await noChineseLabels();
        },
        STEP_MS,
      );

      it(
        'fills plate, policy, accident date, region and shop, and files the claim',
        async () => {
          await fillClaimFacts(page, w, claimNo, () => shot('03-shop-choices'));
          await shot('04-new-claim-filled');
          await noChineseLabels();
          const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/claims') && r.request().method() === 'POST');
          await page.getByTestId('file-claim').click();
          expect((await filed).status()).toBe(201);
          await page.waitForURL(new RegExp(`/claims/${UUID}$`));
        },
        STEP_MS,
      );

      it(
        'lands on the claim page with its facts',
        async () => {
          await page.getByRole('heading', { name: w.claimTitle(claimNo) }).waitFor();
          const facts = page.getByTestId('claim-facts');
          await facts.getByText('浙江省 杭州市 西湖区').waitFor();
          const text = await facts.innerText();
          for (const words of ['杭州西湖顺捷汽车服务有限公司', '浙A8K2Q7', w.filed, model.sampleVin!]) expect(text).toContain(words);
          await page.getByTestId('claim-timeline').getByText(w.timelineFiled, { exact: true }).waitFor();
          await page.getByText(w.notAssessed).waitFor();
          await shot('05-claim-page');
          await noChineseLabels();
        },
        STEP_MS,
      );

      it(
        'creates the first assessment from the claim page, starting with a repair',
        async () => {
          await page.getByTestId('new-assessment').click();
          const modal = page.locator('.ant-modal');
          await modal.locator('.ant-modal-title').getByText(w.modalTitle).waitFor();
          await modal.locator('#description').fill('左前叶子板钣金整形');
          await modal.getByText(w.repair, { exact: true }).click();
          await modal.locator('#labourHours').fill('3');
          await shot('06-new-assessment');
          await noChineseLabels();
          const created = page.waitForResponse((r) => /\/api\/v1\/claims\/[^/]+\/assessments$/.test(r.url()) && r.request().method() === 'POST');
          await modal.getByRole('button', { name: w.modalSubmit }).click();
          const response = await created;
          expect(response.status()).toBe(201);
          const assessment = (await response.json()) as { id: string; version: number; lines: { operation: string; isFreeText: boolean }[] };
          expect(assessment.version).toBe(1);
          expect(assessment.lines.map((l) => [l.operation, l.isFreeText])).toEqual([['repair', true]]);
          await page.waitForURL(`${world.base}/assessments/${assessment.id}`);
          await page.getByTestId('assessment-title').filter({ hasText: w.editorTitle }).waitFor();
          expect(await page.locator('.ant-descriptions').first().innerText()).toContain(model.sampleVin!);
          await shot('07-editor-opened');
          await noChineseLabels();
        },
        STEP_MS,
      );

      it(
        'finds parts that fit by a Chinese fragment and by pinyin initials, adds and saves them',
        async () => {
          if (!byFragment) {
            // The fragment and the initials are the demo catalog's for the first model: a headlamp
            // (大灯) and the front bumper cover (qbxg, 前保险杠).
            const find = async (q: string) => {
              // The page's own session cookie goes with the request.
              const res = await page.request.get(`${world.base}/api/v1/parts?vehicleModelId=${model.id}&q=${encodeURIComponent(q)}`);
              expect(res.status()).toBe(200);
              return ((await res.json()) as { items: { nameZh: string }[] }).items.map((p) => p.nameZh);
            };
            const lamps = await find('大灯');
            const bumpers = await find('qbxg');
            byFragment = { text: '大灯', name: lamps.find((n) => n.includes('大灯')) ?? '左前大灯总成' };
            byInitials = { text: 'qbxg', name: bumpers.includes('前保险杠皮') ? '前保险杠皮' : (bumpers[0] ?? '前保险杠皮') };
          }
          const lines = page.locator('[data-testid=assessment-lines] .ant-table-tbody .ant-table-row');
          const searchAndAdd = async ({ text, name }: { text: string; name: string }, matchedBy: string) => {
            await page.getByLabel(w.search).fill(text);
            const row = page.locator('[data-testid=part-search] .ant-table-row', { hasText: name }).first();
            await row.waitFor();
            expect(await row.innerText()).toContain(matchedBy);
            await row.getByRole('button', { name: w.add(name) }).click();
            await page.locator('[data-testid=assessment-lines] .ant-table-row', { hasText: name }).waitFor();
          };
          await searchAndAdd(byFragment, w.byName);
          await shot('08-search-chinese');
          await noChineseLabels();
          await searchAndAdd(byInitials, w.byInitials);
          await shot('09-search-initials');
          await noChineseLabels();
          expect(await lines.count()).toBe(3);
          await lines
            .nth(1)
            .getByLabel(language === 'en' ? 'Labour' : '工时')
            .fill('2');
          await page.getByRole('button', { name: w.save }).click();
          await page.getByText(w.saved).waitFor();
          await shot('10-saved');
        },
        STEP_MS,
      );

      it(
        'quotes, and the quote shows per line the chosen offer, its reasons and when it arrives',
        async () => {
          await page.getByRole('button', { name: w.quote }).click();
          await page.locator('.ant-popconfirm').getByRole('button', { name: w.ok }).click();
          await page.waitForURL(/\/assessments\/[^/]+\/quote$/);
          await page.getByTestId('assessment-title').filter({ hasText: w.quoteTitle }).waitFor();
          const table = page.getByTestId('quote-table');
          await table.waitFor();
          const text = await table.innerText();
          for (const words of [byFragment.name, byInitials.name, w.shipFrom, `左前叶子板钣金整形 · ${w.repairOnly}`]) expect(text).toContain(words);
          for (const name of [byFragment.name, byInitials.name]) {
            const row = await page.locator('[data-testid=quote-table] .ant-table-row', { hasText: name }).first().innerText();
            expect(row, name).toMatch(w.eta);
          }
          expect(text).toContain(w.stock);
          expect(text).toContain(w.autoApproved);
          // No raw code of the API shows in place of its words.
          expect(text).not.toMatch(/(?<!In )\bstock\b|\b(certified|auto_approved|pending|drop_ship)\b/);
          expect(await page.getByTestId('quote-totals').innerText()).toContain(w.quoteTotal);
          // Delivered to the shop's district, by name.
          await page.getByTestId('delivery-region').getByText('浙江省 杭州市 西湖区').waitFor();
          await shot('11-quote');
          await noChineseLabels();

          // The headlamp's line opens to why its offer was chosen, and the runners-up.
          await page.locator('[data-testid=quote-table] .ant-table-row', { hasText: byFragment.name }).first().getByLabel(w.expand).click();
          const detail = page.locator('[data-testid^=quote-line-detail-]').first();
          await detail.waitFor();
          const why = await detail.innerText();
          expect(why).toContain(w.whyChosen);
          expect(why).toMatch(w.runnersUp);
          // The reasons read as the server words them in the page's language.
          const quoteId = page.url().match(new RegExp(`/assessments/(${UUID})/quote$`))![1];
          const answer = await page.request.get(`${world.base}/api/v1/assessments/${quoteId}/quote`, { headers: { 'accept-language': language } });
          expect(answer.status()).toBe(200);
          const quoted = (await answer.json()) as { lines: { description: string; ranking: { chosen: { reasons: { text: string }[] } | null } | null }[] };
          const lamp = quoted.lines.find((l) => l.description === byFragment.name);
          const reasons = lamp?.ranking?.chosen?.reasons.map((r) => r.text) ?? [];
          expect(reasons.length).toBeGreaterThan(0);
          for (const reason of reasons) {
            expect(why).toContain(reason);
            if (language === 'en') expect(reason).not.toMatch(HAN);
          }
          await shot('12-quote-reasons');
          await noChineseLabels();
          expect(world.problems).toEqual([]);
        },
        STEP_MS,
      );
    });
  }

  it('logged no errors in the page', () => {
    expect(world.problems).toEqual([]);
  });
});
