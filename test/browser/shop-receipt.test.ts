import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverShipment, demoCaller, type DemoCaller } from '../../src/seed/claims/demo-claims.ts';
import { demoOrgs } from '../../src/seed/demo-data.ts';
import { chinaDateTime } from '../../web/src/components/china-time.ts';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world.ts';

// The repair shop (修理厂) on the demo world, as its people work: the buyer finds the first approved
// claim waiting to be ordered and orders it; the warehouse's staff pick, pack, ship it and the
// carrier delivers it (through the API, as their own tools do); the receiver signs for it in the
// browser, scanning a certified part's trace code and rejecting another line as damaged in
// transit, and the order then shows both. Then the shop finds the certified part faulty before
// fitting it and sends it back (售后退货); the supplier approves, the warehouse takes it back, and the
// order shows the line returned. Screenshots per step, at 1280 and 768 wide, under
// test-results/shop-receipt/.

const STEP_MS = 150_000;

// A 1×1 grey PNG.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');

type Line = { id: string; lineNo: number; grade: string; status: string; traceCodes: string[]; rejectReason: string | null; returnableUntil: string | null };
type Order = { id: string; orderNo: string; claimNo: string | null; status: string; lines: Line[]; shipments: { id: string; warehouseId: string; shipperOrgId: string }[] };

describe('the shop orders, and signs for the delivery, in Chromium', () => {
  let world: ConsoleWorld;
  let api: DemoCaller;
  let buyer: Page;
  let claimNo = '';
  let order: Order;
  let receiver: Page;
  let certifiedId = '';

  beforeAll(async () => {
    world = await startConsoleWorld('shop-receipt');
    api = demoCaller(world.app);
    ({ page: buyer } = await world.open({ email: 'buyer@sh-anda.demo' }));
  }, 300_000);
  afterAll(() => world?.close());

  it(
    'orders the first approved claim waiting in the buyer’s list',
    async () => {
      await buyer.locator('.ant-layout-sider').getByText('订单', { exact: true }).click();
      await buyer.waitForURL(`${world.base}/orders`);
      await buyer.getByRole('heading', { name: '订单' }).waitFor();
      const toOrder = buyer.getByTestId('to-order');
      await toOrder.getByText('待下单的已核价案件').waitFor();
      const first = toOrder.locator('.ant-table-row').first();
      await first.waitFor();
      claimNo = (await first.locator('td').first().innerText()).trim();
      expect(claimNo).toMatch(/^[A-Z]{4}\d{16}$/);
      await world.shot(buyer, '01-orders-to-order');
      // antd spaces a two-character button's label: 下 单.
      await first.getByRole('button', { name: /^下\s*单$/ }).click();
      const modal = buyer.locator('.ant-modal');
      await modal.getByText(`下单 · 案件 ${claimNo}`).waitFor();
      await modal.getByText('付款方（保险公司）').waitFor();
      await modal.locator('.ant-table-row').first().waitFor();
      await world.shot(buyer, '02-place-order');
      const placed = buyer.waitForResponse((r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST');
      await modal.getByRole('button', { name: '确认下单' }).click();
      const response = await placed;
      expect(response.status()).toBe(201);
      order = (await response.json()) as Order;
      await buyer.getByText(`已下单，订单号 ${order.orderNo}`).waitFor();
      // The console opens the new order; the list, back by the breadcrumb, holds it with its claim.
      await buyer.waitForURL(`${world.base}/orders/${order.id}`);
      await buyer.getByTestId('order-title').getByText(order.orderNo).waitFor();
      await buyer.locator('.ant-breadcrumb').getByRole('link', { name: '订单' }).click();
      const row = buyer.locator('[data-table=shop-orders] .ant-table-row', { hasText: order.orderNo });
      await row.waitFor();
      expect(await row.innerText()).toContain(claimNo);
      await world.shot(buyer, '03-ordered');
    },
    STEP_MS,
  );

  it(
    'is picked, packed, shipped and delivered by the warehouse and the carrier',
    async () => {
      for (const s of order.shipments) await deliverShipment(api, world.database.db, s);
      order = (await api('buyer@sh-anda.demo', 'GET', `/api/v1/orders/${order.id}`)) as Order;
      expect(order.status).toBe('delivered');
      expect(order.lines.length).toBeGreaterThanOrEqual(2);
      // The buyer reads where it is on the order's page.
      await buyer.goto(`${world.base}/orders/${order.id}`);
      await buyer.getByTestId('order-title').getByText(order.orderNo).waitFor();
      await buyer.getByText('已签收（承运商）').first().waitFor();
      await world.shot(buyer, '04-order-delivered');
      expect(await buyer.locator('main, .ant-layout-content').first().innerText()).toContain('顺丰速运');
      await world.shot(buyer, '04-order-delivered');
    },
    STEP_MS,
  );

  it(
    'is signed by the receiver: a trace code scanned, one line rejected with its reason',
    async () => {
      const { page } = await world.open({ email: 'receiver@sh-anda.demo' });
      receiver = page;
      // The photo host is someone else's server, out of reach here: it answers with a small image.
      await page.route('https://img.example.com/**', (route) => route.fulfill({ contentType: 'image/png', body: PHOTO }));
      await page.locator('.ant-layout-sider').getByText('签收', { exact: true }).click();
      await page.waitForURL(`${world.base}/receipts`);
      const delivery = page.locator('.ant-table-row', { hasText: order.orderNo });
      await delivery.waitFor();
      await world.shot(page, '05-receipts');
      await delivery.getByRole('button', { name: /^签\s*收$/ }).click();
      await page.getByTestId('receipt-title').getByText(`签收 · 订单 ${order.orderNo}`).waitFor();

      // The certified line's codes are scanned from the parts' labels; another line is refused.
      const certified = order.lines.find((l) => l.traceCodes.length > 0);
      expect(certified, 'a certified line to scan').toBeTruthy();
      const rejected = order.lines.find((l) => l.id !== certified!.id)!;
      certifiedId = certified!.id;
      const card = page.getByTestId(`receipt-line-${certified!.lineNo}`);
      const scanner = card.getByPlaceholder('扫描或输入追溯码，回车确认');
      for (const code of certified!.traceCodes) {
        await scanner.fill(code.toLowerCase());
        await scanner.press('Enter');
      }
      await card.getByTestId('scan-count').getByText(`${certified!.traceCodes.length} / ${certified!.traceCodes.length}`).waitFor();
      const other = page.getByTestId(`receipt-line-${rejected.lineNo}`);
      await other.locator('.ant-radio-button-wrapper', { hasText: '拒收' }).click();
      await other.getByLabel('拒收原因').click();
      await page.locator('.ant-select-item-option', { hasText: '运输破损' }).click();
      await other.getByLabel('照片链接').fill('https://img.example.com/damage-1.jpg');
      await other.getByLabel('照片链接').press('Enter');
      await page.getByText(`验收 ${order.lines.length - 1} 行，拒收 1 行，暂不签收 0 行`).waitFor();
      await world.shot(page, '06-receipt-filled');
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.waitForTimeout(300);
      await world.shot(page, '07-receipt-768');
      await page.setViewportSize({ width: 1280, height: 800 });

      const signed = page.waitForResponse((r) => /\/api\/v1\/orders\/[^/]+\/receipt$/.test(r.url()) && r.request().method() === 'POST');
      await page.getByRole('button', { name: '确认签收' }).click();
      expect((await signed).status()).toBeLessThan(300);
      await page.getByTestId('receipt-result').getByText('签收完成').first().waitFor();
      await world.shot(page, '08-receipt-done');

      // The order says what became of each line, in words.
      await page.goto(`${world.base}/orders/${order.id}`);
      const lines = page.getByTestId('order-lines');
      await lines.getByText('已拒收').waitFor();
      await lines.getByText('运输破损', { exact: false }).waitFor();
      await lines.getByText('已验收').first().waitFor();
      await world.shot(page, '09-order-after-receipt');
      await page.setViewportSize({ width: 768, height: 1024 });
      await page.waitForTimeout(300);
      await world.shot(page, '10-order-768');

      const after = (await api('receiver@sh-anda.demo', 'GET', `/api/v1/orders/${order.id}`)) as Order;
      expect(after.lines.find((l) => l.id === rejected.id)).toMatchObject({ status: 'rejected', rejectReason: 'damaged' });
      expect(after.lines.filter((l) => l.id !== rejected.id).every((l) => l.status === 'accepted')).toBe(true);
      expect(world.problems).toEqual([]);
    },
    STEP_MS,
  );

  it(
    'sends back the certified part, found faulty before fitting: approved, taken back, the line returned',
    async () => {
      const page = receiver;
      await page.goto(`${world.base}/orders/${order.id}`);
      const lines = page.getByTestId('order-lines');
      await lines.locator(`tr[data-row-key="${certifiedId}"] .ant-checkbox-input`).check();
      await page.getByRole('button', { name: '申请退货' }).click();
      const modal = page.locator('.ant-modal', { hasText: '申请售后退货' });
      // Until when, as the server says (signed for today: the end of the thirtieth day on, China time).
      const signed = (await api('receiver@sh-anda.demo', 'GET', `/api/v1/orders/${order.id}`)) as Order;
      await modal.getByText(`可在 ${chinaDateTime(signed.lines.find((l) => l.id === certifiedId)!.returnableUntil)} 前申请退货`).waitFor();
      await modal.getByText('质量问题').click();
      await modal.getByLabel('问题描述').fill('装车前发现卡扣断裂');
      await world.shot(page, '11-send-back');
      const opened = page.waitForResponse((r) => /\/api\/v1\/orders\/[^/]+\/returns$/.test(r.url()) && r.request().method() === 'POST');
      await modal.getByRole('button', { name: '提交退货申请' }).click();
      expect((await opened).status()).toBe(201);
      await page.getByText('已提交退货申请，等待供应商确认').waitFor();
      const returns = page.locator('.ant-card', { hasText: '退货与换货' });
      await returns.getByText('售后').waitFor();
      await returns.getByText('装车前发现卡扣断裂').waitFor();
      await world.shot(page, '12-sent-back');

      // The supplier approves, the shop ships it back, the warehouse takes it in (their own tools).
      const line = order.lines.find((l) => l.id === certifiedId)! as Line & { supplierOrgId: string };
      const ret = ((await api('receiver@sh-anda.demo', 'GET', `/api/v1/returns?orderId=${order.id}`)) as { items: { id: string; orderLineId: string; stage: string }[] }).items.find(
        (r) => r.orderLineId === certifiedId,
      )!;
      expect(ret.stage).toBe('after_acceptance');
      const full = (await api('receiver@sh-anda.demo', 'GET', `/api/v1/orders/${order.id}`)) as { lines: { id: string; supplierOrgId: string; shipperOrgId: string }[] };
      const mine = full.lines.find((l) => l.id === line.id)!;
      // Who acts for an organisation: its demo user with the role (a warehouse's operator, or the
      // supplier itself for goods it drop-shipped).
      const orgs = ((await api('admin@anpei.demo', 'GET', '/api/v1/orgs?limit=100')) as { items: { id: string; name: string }[] }).items;
      const login = (orgId: string, roles: string[]) => demoOrgs.find((d) => d.name === orgs.find((o) => o.id === orgId)!.name)!.users.find((u) => u.roles.some((r) => roles.includes(r)))!.email;
      await api(login(mine.supplierOrgId, ['sales']), 'POST', `/api/v1/returns/${ret.id}/approve`);
      await api('receiver@sh-anda.demo', 'POST', `/api/v1/returns/${ret.id}/ship-back`, { carrier: '顺丰速运', trackingNo: 'SF7700123456' });
      await api(login(mine.shipperOrgId, ['warehouse', 'sales']), 'POST', `/api/v1/returns/${ret.id}/receive`, { disposition: 'restock' });

      await page.reload();
      await lines.getByText('已退货').waitFor();
      await returns.getByText('已收到退货').waitFor();
      await world.shot(page, '13-returned');
      const after = (await api('receiver@sh-anda.demo', 'GET', `/api/v1/orders/${order.id}`)) as Order;
      expect(after.lines.find((l) => l.id === certifiedId)!.status).toBe('returned');
      expect(world.problems).toEqual([]);
    },
    STEP_MS,
  );
});
