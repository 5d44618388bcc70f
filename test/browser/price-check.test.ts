import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world.ts';

// The insurer's price checker (核价员) at work on the demo world: PICC's policy sends every claim to
// a human (its claim threshold set to ¥0 by its admin), the adjuster files, assesses and quotes a
// front-end collision through the API (the claim pages are another journey's); the checker finds
// it in the queue, opens it, corrects the first line with a price cap, accepts the rest from the
// keyboard, submits with Ctrl+Enter and sees the version approved. Screenshots per step under
// test-results/price-check/, at 1280 and at 768.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would; a type per answer would restate the DTOs.
type Json = Record<string, any>;

const PARTS = ['前保险杠皮', '左前大灯总成', '右前大灯总成'];
const CLAIM_NO = 'PICC-SH-2026-000207';

describe('the price checker checks a quote from the queue, in Chromium', () => {
  let world: ConsoleWorld;
  let page: Page;
  const tokens: Record<string, string> = {};
  let assessmentId: string;
  let quote: Json;

  const api = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<Json> => {
    const res = await world.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${tokens[who]}`, 'idempotency-key': crypto.randomUUID() } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    world = await startConsoleWorld('price-check');
    const login = async (email: string) => (await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json<Json>();
    const shop = (await login('buyer@sh-anda.demo')).org;
    tokens.adjuster = (await login('adjuster@picc.demo')).token;
    tokens.admin = (await login('admin@picc.demo')).token;
    tokens.checker = (await login('checker@picc.demo')).token;
    const { policy } = await api('admin', 'GET', '/api/v1/insurer/policy');
    await api('admin', 'PUT', '/api/v1/insurer/policy', { ...policy, approval: { ...policy.approval, claimPartsTotalAboveFen: 0 } });

    const model = (await api('adjuster', 'GET', '/api/v1/vehicle-models?limit=1')).items[0];
    const parts = (await api('adjuster', 'GET', `/api/v1/parts?vin=${model.sampleVin}&limit=100`)).items as Json[];
    const claim = await api('adjuster', 'POST', '/api/v1/claims', {
      claimNo: CLAIM_NO,
      policyNo: 'PDAA202631010000004567',
      accidentDate: '2026-12-03',
      accidentRegionCode: shop.regionCode,
      vin: model.sampleVin,
      plate: '沪A·K8207',
      repairShopOrgId: shop.id,
    });
    const lines = PARTS.map((name) => ({ partId: parts.find((p) => p.nameZh === name)!.id, quantity: 1, operation: 'replace', labourHours: 1 }));
    assessmentId = (await api('adjuster', 'POST', `/api/v1/claims/${claim.id}/assessments`, { lines })).id;
    quote = await api('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
    expect(quote.pendingLineIds).toHaveLength(PARTS.length);
    ({ page } = await world.open({ email: 'checker@picc.demo', viewport: { width: 1280, height: 800 } }));
  }, 240_000);
  afterAll(() => world?.close());

  const row = (id: string) => page.locator(`tr[data-row-key="${id}"]`);

  it('finds the quote in the queue, in Chinese', async () => {
    await page.goto(`${world.base}/price-check`);
    await page.getByText('核价待办').first().waitFor();
    const queued = page.locator('.ant-table-row', { hasText: CLAIM_NO });
    await queued.waitFor();
    const text = await queued.innerText();
    expect(text).toContain('沪AK8207');
    expect(text).toContain('3');
    await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await world.shot(page, '01-queue');
    await queued.click();
    await page.getByText(`核价 · 案件 ${CLAIM_NO}`).waitFor();
    expect(await page.getByTestId('key-hint').innerText()).toContain('Ctrl+Enter');
    for (const name of PARTS) await page.locator('.ant-table-row', { hasText: name }).first().waitFor();
    expect(await page.locator('main, body').first().innerText()).toContain('需人工核价原因');
    await world.shot(page, '02-check');
  });

  it('corrects the first line with a price cap and accepts the rest from the keyboard', async () => {
    const [first, ...rest] = quote.lines as Json[];
    const chosen = first!.ranking.chosen;
    const capYuan = Math.floor(chosen.priceFen / 100) - 100;
    const before = await page.getByTestId('totals').innerText();
    await page.keyboard.press('c');
    await page.locator(`#cap-${first!.id}`).fill(String(capYuan));
    // The line's approved amount follows the cap as it is typed.
    await expect.poll(() => row(first!.id).innerText()).toContain(`¥${capYuan.toLocaleString('en-US')}.00`);
    await page.keyboard.press('Escape');
    expect(await page.locator(`#cap-${first!.id}`).inputValue()).toBe(`${capYuan}.00`);
    await page.keyboard.press('j');
    for (let i = 0; i < rest.length; i++) await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('totals').innerText()).not.toBe(before);
    expect(await row(first!.id).innerText()).toContain(`¥${capYuan.toLocaleString('en-US')}.00`);
    expect(await page.getByText(`已决定 ${PARTS.length} / ${PARTS.length} 项`).count()).toBe(1);
    await world.shot(page, '03-decided');
  });

  it('reads well at 768 wide', async () => {
    const { page: narrow } = await world.open({ email: 'checker@picc.demo', viewport: { width: 768, height: 1000 } });
    await narrow.goto(`${world.base}/price-check/${assessmentId}`);
    await narrow.getByText(`核价 · 案件 ${CLAIM_NO}`).waitFor();
    await world.shot(narrow, '04-check-768');
    await narrow.goto(`${world.base}/price-check`);
    await narrow.locator('.ant-table-row', { hasText: CLAIM_NO }).waitFor();
    await narrow.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await world.shot(narrow, '05-queue-768');
    await narrow.context().close();
  });

  it('submits with Ctrl+Enter and sees the version approved', async () => {
    await page.keyboard.press('Control+Enter');
    await page.getByText(`案件 ${CLAIM_NO} 核价完成，已核定`).waitFor();
    await page.waitForURL(/\/price-check$/);
    await page.getByText('核价待办').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: CLAIM_NO }).count()).toBe(0);
    await world.shot(page, '06-approved');

    const checked = await api('checker', 'GET', `/api/v1/assessments/${assessmentId}/quote`);
    expect(checked.assessmentStatus).toBe('approved');
    expect(checked.lines.map((l: Json) => l.approval.status)).toEqual(['corrected', 'approved', 'approved']);
    expect(world.problems).toEqual([]);
  });
});
