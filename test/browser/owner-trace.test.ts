import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_JSON } from '../../src/modules/quoting/insurer-rules/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { startConsoleWorld, type ConsoleWorld } from './support/console-world.ts';

type Line = { id: string; productId: string; grade: string; qty: number; shipmentId: string; status: string };
type Order = { id: string; lines: Line[]; shipments: { id: string }[] };

// Journey (4) of issue 11: a car owner, on a phone, with no account. The demo world's first
// vehicle is claimed for a front-end collision, quoted with certified parts first (the insurer's
// policy prefers them), ordered, packed by scanning the units' trace codes, shipped, delivered,
// signed for and installed, all through the API as each party does it. Then the owner opens
// /trace/<code> of a part fitted to the car, types a code that does not exist, and lists the car's
// parts with the VIN and the plate.
const COLLISION = ['前保险杠皮', '左前大灯总成', '右前大灯总成', '左前叶子板', '左后视镜总成'];
const PLATE = '沪A10W02';
const PHONE = { width: 390, height: 844 };

describe('the car owner checks a fitted part and the car’s parts on a phone', () => {
  let world: ConsoleWorld;
  let page: Page;
  let vin = '';
  // A certified unit fitted to the car, and the part it is.
  let code = '';
  let partName = '';

  async function login(email: string): Promise<string> {
    const res = await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ token: string }>().token;
  }
  async function api<T>(token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status?: number): Promise<T> {
    const res = await world.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
    if (status !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    else expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  }

  beforeAll(async () => {
    world = await startConsoleWorld('owner-trace');
    const [adjuster, checker, buyer, receiver] = await Promise.all(['adjuster@picc.demo', 'checker@picc.demo', 'buyer@sh-anda.demo', 'receiver@sh-anda.demo'].map(login));
    const model = (await api<{ items: { sampleVin: string }[] }>(adjuster!, 'GET', '/api/v1/vehicle-models?limit=1')).items[0]!;
    vin = model.sampleVin;
    const shop = (await api<{ org: { id: string; regionCode: string } }>(buyer!, 'GET', '/api/v1/me')).org;
    // The insurer prefers certified parts (认证件) where one is offered; the rest as before.
    await api(checker!, 'PUT', '/api/v1/insurer/policy', { ...DEFAULT_POLICY_JSON, choose: 'preferred_grade_first', preferredGrades: ['certified', 'oes', 'oem', 'aftermarket', 'recycled'] });

    const parts = (await api<{ items: { id: string; nameZh: string }[] }>(adjuster!, 'GET', `/api/v1/parts?vin=${vin}&limit=100`)).items;
    const claim = await api<{ id: string }>(
      adjuster!,
      'POST',
      '/api/v1/claims',
      { claimNo: 'WALK11-OWNER', policyNo: 'PDAA202631010000054322', accidentDate: '2026-11-20', accidentRegionCode: shop.regionCode, vin, plate: PLATE, repairShopOrgId: shop.id },
      201,
    );
    const assessment = await api<{ id: string }>(
      adjuster!,
      'POST',
      `/api/v1/claims/${claim.id}/assessments`,
      {
        lines: COLLISION.map((name) => ({ partId: parts.find((p) => p.nameZh === name)!.id, quantity: 1, operation: 'replace', labourHours: 1 })),
      },
      201,
    );
    const quoted = await api<{ lines: { id: string; approval: { status: string } }[] }>(adjuster!, 'POST', `/api/v1/assessments/${assessment.id}/quote`, undefined, 201);
    const pending = quoted.lines.filter((l) => l.approval.status === 'pending');
    if (pending.length > 0) await api(checker!, 'POST', `/api/v1/assessments/${assessment.id}/approve`, { lines: pending.map((l) => ({ quoteLineId: l.id, action: 'accept' })) });
    const order = await api<Order>(buyer!, 'POST', '/api/v1/orders', { assessmentId: assessment.id }, 201);
    expect(order.lines.filter((l) => l.grade === 'certified').length, JSON.stringify(order.lines)).toBeGreaterThan(0);

    // Each shipment is packed by its shipper (the platform's warehouse, or a supplier drop-shipping),
    // scanning the codes of the units reserved for each certified line, as a hand-held scanner reads them.
    const codes = new Map<string, string[]>();
    for (const l of order.lines) {
      const rows = await queryRows<{ code: string }>(
        world.database.db,
        sql`select t.code from trace_unit t
            join stock_move m on m.lot_id = t.lot_id and m.from_location_id = t.location_id
            where m.order_line_id = ${l.id}::uuid and m.phase = 'pending' and t.status = 'in_stock' and t.product_id = ${l.productId}::uuid
            group by t.code order by t.code limit ${l.qty}`,
      );
      codes.set(
        l.id,
        rows.map((r) => r.code),
      );
    }
    const shippers = await queryRows<{ id: string; email: string }>(
      world.database.db,
      sql`select s.id, (select u.email from app_user u where u.org_id = s.shipper_org_id and (u.email like 'warehouse@%' or u.email like 'sales@%') order by u.email desc limit 1) as email
          from shipment s where s.order_id = ${order.id}::uuid`,
    );
    for (const s of shippers) {
      const shipper = await login(s.email);
      const lines = order.lines.filter((l) => l.shipmentId === s.id);
      await api(shipper, 'POST', `/api/v1/shipments/${s.id}/pack`, { lines: lines.map((l) => ({ orderLineId: l.id, traceCodes: codes.get(l.id)!.length ? codes.get(l.id) : undefined })) });
      await api(shipper, 'POST', `/api/v1/shipments/${s.id}/ship`, { carrier: '顺丰速运', trackingNo: `SF${s.id.slice(-10)}` });
      await api(shipper, 'POST', `/api/v1/shipments/${s.id}/events`, { type: 'delivered' });
    }
    await api(receiver!, 'POST', `/api/v1/orders/${order.id}/receipt`, {
      lines: order.lines.map((l) => ({ orderLineId: l.id, result: 'accepted', traceCodes: codes.get(l.id)!.length ? codes.get(l.id) : undefined })),
    });
    await api(receiver!, 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: order.lines.map((l) => l.id) });

    const certified = order.lines.find((l) => l.grade === 'certified' && codes.get(l.id)!.length > 0)!;
    code = codes.get(certified.id)![0]!;
    const [product] = await queryRows<{ name: string }>(world.database.db, sql`select name from product where id = ${certified.productId}::uuid`);
    partName = product!.name;
    ({ page } = await world.open({ viewport: PHONE }));
  }, 300_000);
  afterAll(async () => world?.close());

  it('opens /trace/<code> of a fitted part and reads 正品, the grade, the certificate, the maker and the car in Chinese', async () => {
    await page.goto(`${world.base}/trace/${code}`);
    const verdict = page.getByTestId('verdict');
    await verdict.getByText('正品').waitFor();
    expect(await verdict.getAttribute('data-tone')).toBe('ok');
    expect(await verdict.innerText()).toContain('对应一件真实的认证件');
    const body = await page.locator('main').innerText();
    for (const text of [partName, '认证件', '今日有效', '已安装到车辆', '发货日期', '安装日期', `车架号 *************${vin.slice(-4)}`]) expect(body, text).toContain(text);
    expect(body).not.toContain(vin.slice(-5));
    // No sign-in, no shell: the owner's page only.
    expect(page.url()).toBe(`${world.base}/trace/${code}`);
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await world.shot(page, '01-genuine');
  });

  it('switches to English and back', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByTestId('verdict').getByText('Genuine').waitFor();
    await page.getByText('Installed in a vehicle').waitFor();
    await world.shot(page, '02-english');
    await page.getByText('中文', { exact: true }).click();
    await page.getByTestId('verdict').getByText('正品').waitFor();
  });

  it('says plainly that a code typed from a fake label does not exist', async () => {
    await page.getByPlaceholder('如 AP7K3-M9QXD-T2FWP').fill('TR-FAKE-0001');
    await page.getByPlaceholder('如 AP7K3-M9QXD-T2FWP').press('Enter');
    await page.waitForURL(`${world.base}/trace/TR-FAKE-0001`);
    const verdict = page.getByTestId('verdict');
    await verdict.getByText('查无此码').waitFor();
    expect(await verdict.getAttribute('data-tone')).toBe('danger');
    expect(await verdict.innerText()).toContain('该配件可能不是正品');
    await world.shot(page, '03-unknown');
  });

  it('searches from /trace and lists the car’s parts with the VIN and the plate together; a wrong plate finds nothing', async () => {
    await page.goto(`${world.base}/trace`);
    await page.getByRole('tab', { name: '查我的车' }).click();
    await page.getByPlaceholder('17 位，见行驶证或前挡风玻璃左下角').fill(vin.toLowerCase());
    await page.getByPlaceholder('如 沪A12345').fill('沪A10W09');
    await world.shot(page, '04-vehicle-form');
    await page.getByRole('button', { name: '查询我的车' }).click();
    const refused = page.getByTestId('vehicle-verdict');
    await refused.getByText('未找到相符的维修记录').waitFor();
    expect(await refused.getAttribute('data-tone')).toBe('danger');
    await world.shot(page, '05-vehicle-not-found');

    await page.getByPlaceholder('如 沪A12345').fill(PLATE);
    await page.getByRole('button', { name: '查询我的车' }).click();
    const result = page.getByTestId('vehicle-result');
    await result.waitFor();
    // The VIN and the plate never go into the address.
    expect(page.url()).toBe(`${world.base}/trace?tab=vehicle`);
    const text = await result.innerText();
    expect(text).toContain('事故日期 2026-11-20');
    expect(text).toContain(PLATE);
    expect(text).toContain(`*************${vin.slice(-4)}`);
    expect(await page.getByTestId('vehicle-part').count()).toBe(COLLISION.length);
    expect(text).toContain('认证件');
    expect(text).toContain('已安装到车辆');
    expect(text).toContain(code);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await world.shot(page, '06-vehicle-parts');

    // A trace code in the list opens its own page.
    await result.getByRole('link', { name: code }).click();
    await page.waitForURL(`${world.base}/trace/${code}`);
    await page.getByTestId('verdict').getByText('正品').waitFor();
  });

  it('reads well on a desktop too', async () => {
    const { page: wide } = await world.open({ viewport: { width: 1280, height: 800 } });
    await wide.goto(`${world.base}/trace/${code}`);
    await wide.getByTestId('verdict').getByText('正品').waitFor();
    await world.shot(wide, '07-desktop');
    expect(world.problems).toEqual([]);
  });
});
