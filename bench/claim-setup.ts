// The claims `bench/orders --scenario claim` orders: approved assessment versions on the demo world, made through the
// API the way people make them, as the demo's own story does (src/seed/claims/demo-claims.ts). PICC's adjuster files a
// claim on a demo vehicle model's sample VIN at one of the demo repair shops, assesses 2 or 3 of the model's parts
// offered where the shop is (one line each, replaced), and quotes it; PICC's price checker accepts whatever the quote
// left for a human. What is left is one approved version per claim, which the shop's buyer may order.
//
// The claims are spread over the five demo shops and the first MODELS demo models, so that orders come from every
// shop, in every region, and contend for the same products about as claims of popular cars do. A quote that leaves a
// line needing an inquiry (none of the part's offers may be chosen: the policy or the price guide excludes them, or
// nothing can deliver them to the shop, which the offers endpoint does not tell) cannot become an order of the whole
// version: that claim is left quoted and counted as skipped, and its parts are not picked again for that model and shop.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chinaDate } from '../src/platform/china-date.ts';
import { demoOrgs } from '../src/seed/demo-data.ts';
import { login } from './support.ts';

// How many demo models the claims are spread over: 10 models × 5 shops make 50 pairs, each with its own list of parts
// offered in the shop's region (found once per pair: the model's parts, then each one's offers until enough are found).
const MODELS = 10;
// The parts a pair's claims pick from: the first of the model's parts offered in the shop's region, one per kind.
const PART_CHOICES = 6;
const ADJUSTER = 'adjuster@picc.demo';
const CHECKER = 'checker@picc.demo';

// `sources`: where the quote found each line (stock, drop_ship, transfer, purchase). The order sources them again when
// it is placed, after the orders before it took their share of the stock.
export type ApprovedVersion = { assessmentId: string; claimNo: string; buyer: string; sources: string[] };
export type ClaimSetup = { versions: ApprovedVersion[]; buyers: string[]; filed: number; skipped: number; quotedSources: Record<string, number>; requests: number; setupS: number };

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would; a type per answer would restate the DTOs.
type Json = Record<string, any>;
type Shop = { buyer: string; orgId: string; regionCode: string };
type Model = { id: string; sampleVin: string };

// Calls the API as a demo user (signed in once, on first use), each write with its own Idempotency-Key; anything but
// a success is an error naming the call, since a setup that went wrong would measure something else.
function apiCaller(base: string) {
  const tokens = new Map<string, Promise<string>>();
  let requests = 0;
  const call = async (email: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Json> => {
    if (!tokens.has(email)) tokens.set(email, login(base, email));
    const headers: Record<string, string> = { authorization: `Bearer ${await tokens.get(email)}` };
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    // A JSON content type with no body is a malformed request (the quote takes none).
    if (payload !== undefined) headers['content-type'] = 'application/json';
    requests++;
    const res = await fetch(`${base}${url}`, { method, headers, ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
    if (res.status >= 300) throw new Error(`claim setup: ${method} ${url} as ${email}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  };
  return { call, requests: () => requests };
}

// Makes `count` approved versions, `concurrency` claims at a time, printing its progress on stderr. Claim numbers carry
// the run's id, so runs on one database never collide.
export async function prepareApprovedClaims(base: string, opts: { count: number; runId: string; concurrency: number }): Promise<ClaimSetup> {
  const started = performance.now();
  const api = apiCaller(base);
  const { call } = api;

  const buyers = demoOrgs.filter((o) => o.kind === 'repair_shop').map((o) => o.users.find((u) => u.roles.includes('buyer'))!.email);
  // Each shop's organisation and region, as its buyer sees it.
  const shops: Shop[] = await Promise.all(
    buyers.map(async (buyer) => {
      const org = (await call(buyer, 'GET', '/api/v1/me')).org as Json;
      return { buyer, orgId: org.id, regionCode: org.regionCode };
    }),
  );
  const models: Model[] = ((await call(ADJUSTER, 'GET', '/api/v1/vehicle-models?limit=50')).items as Json[])
    .filter((m) => m.sampleVin)
    .slice(0, MODELS)
    .map((m) => ({ id: m.id, sampleVin: m.sampleVin }));
  if (models.length === 0) throw new Error('claim setup: no demo vehicle model has a sample VIN: seed the demo world first');

  // The parts each (model, shop) pair's claims pick from, found once per pair, and those a quote could not deliver.
  const choices = new Map<string, Promise<string[]>>();
  const undeliverable = new Set<string>();
  const partsFor = (model: Model, shop: Shop): Promise<string[]> => {
    const key = `${model.id}|${shop.regionCode}`;
    if (!choices.has(key)) {
      choices.set(
        key,
        (async () => {
          const parts = (await call(ADJUSTER, 'GET', `/api/v1/parts?vehicleModelId=${model.id}&limit=100`)).items as Json[];
          const picked: string[] = [];
          const names = new Set<string>();
          for (const p of parts) {
            if (picked.length === PART_CHOICES) break;
            // One line per kind of part: the catalog lists some twice (left/right are named apart).
            if (names.has(p.nameZh)) continue;
            const offers = (await call(ADJUSTER, 'GET', `/api/v1/parts/${p.id}/offers?regionCode=${shop.regionCode}`)).items as unknown[];
            if (offers.length === 0) continue;
            picked.push(p.id);
            names.add(p.nameZh);
          }
          return picked;
        })(),
      );
    }
    return choices.get(key)!;
  };

  const accidentDate = chinaDate(new Date(Date.now() - 86_400_000));
  let filed = 0;
  // One claim, from filing to approval; null when its quote left a line needing an inquiry (or its pair has too few
  // deliverable parts left).
  const fileApproved = async (n: number): Promise<ApprovedVersion | null> => {
    const shop = shops[n % shops.length]!;
    const model = models[Math.floor(n / shops.length) % models.length]!;
    const pair = `${model.id}|${shop.regionCode}`;
    const offered = (await partsFor(model, shop)).filter((id) => !undeliverable.has(`${pair}|${id}`));
    const lines = Math.min(offered.length, 2 + (n % 2));
    if (lines < 2) return null;
    const parts = new Set<string>();
    while (parts.size < lines) parts.add(offered[Math.floor(Math.random() * offered.length)]!);

    const claimNo = `BENCH-${opts.runId}-${String(n + 1).padStart(5, '0')}`;
    const claim = await call(ADJUSTER, 'POST', '/api/v1/claims', {
      claimNo,
      policyNo: `PBENCH${opts.runId}${String(n + 1).padStart(5, '0')}`,
      accidentDate,
      accidentRegionCode: shop.regionCode,
      vin: model.sampleVin,
      vehicleModelId: model.id,
      plate: `苏E${String(n % 100_000).padStart(5, '0')}`,
      repairShopOrgId: shop.orgId,
    });
    filed++;
    const assessment = await call(ADJUSTER, 'POST', `/api/v1/claims/${claim.id}/assessments`, {
      lines: [...parts].map((partId, i) => ({ partId, quantity: 1, operation: 'replace', labourHours: i === 0 ? 2 : 1 })),
    });
    const quote = await call(ADJUSTER, 'POST', `/api/v1/assessments/${assessment.id}/quote`);
    const inquiring = (quote.lines as Json[]).filter((l) => l.needsInquiry);
    if (inquiring.length > 0) {
      for (const l of inquiring) undeliverable.add(`${pair}|${l.partId}`);
      return null;
    }
    let status = quote.assessmentStatus as string;
    const pending = quote.pendingLineIds as string[];
    if (pending.length > 0) {
      const approved = await call(CHECKER, 'POST', `/api/v1/assessments/${assessment.id}/approve`, { lines: pending.map((quoteLineId) => ({ quoteLineId, action: 'accept' })) });
      status = approved.assessmentStatus;
    }
    if (status !== 'approved') throw new Error(`claim setup: ${claimNo}: the version is ${status} after its price check`);
    return { assessmentId: assessment.id, claimNo, buyer: shop.buyer, sources: (quote.lines as Json[]).map((l) => l.chosenSource as string) };
  };

  // `concurrency` claims at a time until `count` are approved; a few more claims are tried than asked for, to make up
  // for the skipped ones, but not without end.
  const versions: ApprovedVersion[] = [];
  let tried = 0;
  let skipped = 0;
  const report = () => process.stderr.write(`claim setup: ${versions.length}/${opts.count} approved, ${skipped} skipped, ${Math.round((performance.now() - started) / 1000)} s\n`);
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (versions.length < opts.count && tried < opts.count * 2) {
        const version = await fileApproved(tried++);
        if (version === null) skipped++;
        // Workers finishing together may approve a few more than asked for; those are simply not ordered.
        else if (versions.length < opts.count) versions.push(version);
        if ((versions.length + skipped) % 50 === 0) report();
      }
    }),
  );
  report();
  const quotedSources: Record<string, number> = {};
  for (const source of versions.flatMap((v) => v.sources)) quotedSources[source] = (quotedSources[source] ?? 0) + 1;
  if (versions.length < opts.count) throw new Error(`claim setup: only ${versions.length} of ${opts.count} versions approved (${skipped} claims skipped)`);
  return { versions, buyers, filed, skipped, quotedSources, requests: api.requests(), setupS: Math.round((performance.now() - started) / 100) / 10 };
}
