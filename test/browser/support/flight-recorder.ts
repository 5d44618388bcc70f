import type { Browser, Page } from 'playwright-core';

// What a journey's pages did lately, told when a step fails. A step that times out says only
// what it waited for; on the 2-core CI machine that is all a failure left behind (its
// screenshots stay on that machine). So each page keeps a short log (the API calls it sent and
// their answers, navigations, errors), and a failed step prints it with what the screen showed:
// the dialogs open, the form errors, the messages. `on-failure.ts` calls `tellFailure`.

type Entry = { at: number; who: string; text: string };

const KEEP = 60;
const started = Date.now();
const entries = new WeakMap<Page, Entry[]>();
const worlds = new Set<{ journey: string; browser: Browser; shots: string }>();

function push(page: Page, who: string, text: string) {
  const log = entries.get(page) ?? [];
  log.push({ at: Date.now(), who, text });
  if (log.length > KEEP) log.shift();
  entries.set(page, log);
}

// Start keeping the log of a page, named after who is signed in on it.
export function recordPage(page: Page, who: string): void {
  const api = (url: string) => {
    const u = new URL(url);
    return u.pathname.startsWith('/api/') ? `${u.pathname}${u.search}` : null;
  };
  page.on('request', (r) => {
    const path = api(r.url());
    if (path) push(page, who, `→ ${r.method()} ${path}`);
  });
  page.on('response', (r) => {
    const path = api(r.url());
    // Until the answer's first byte, as the browser timed it.
    if (path) push(page, who, `← ${r.status()} ${r.request().method()} ${path} (${Math.round(r.request().timing().responseStart)} ms)`);
  });
  page.on('requestfailed', (r) => {
    const path = api(r.url());
    if (path) push(page, who, `✗ ${r.method()} ${path}: ${r.failure()?.errorText ?? 'failed'}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) push(page, who, `navigated to ${new URL(f.url()).pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') push(page, who, `console ${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => push(page, who, `page error: ${e.message.slice(0, 300)}`));
}

// A world's browser, watched while the world is open: its pages are the ones told of on failure.
export function watchWorld(journey: string, browser: Browser, shots: string): () => void {
  const world = { journey, browser, shots };
  worlds.add(world);
  return () => worlds.delete(world);
}

// Everything the open pages of the open worlds can tell about a failed step, as text; each page
// also shot to <shots>/FAILED-<step>-<n>.png.
export async function tellFailure(step: string): Promise<string> {
  const out: string[] = [];
  const slug = step.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  for (const world of worlds) {
    let n = 0;
    for (const context of world.browser.contexts()) {
      for (const page of context.pages()) {
        n += 1;
        const log = entries.get(page) ?? [];
        const who = log[0]?.who ?? 'page';
        out.push(`── ${world.journey}, page ${n} (${who}) at ${page.url()}`);
        out.push(...(await screenText(page)));
        for (const e of log) out.push(`  ${((e.at - started) / 1000).toFixed(1).padStart(7)} s  ${e.text}`);
        await page.screenshot({ path: `${world.shots}/FAILED-${slug}-${n}.png`, fullPage: true, timeout: 10_000 }).catch(() => undefined);
      }
    }
  }
  return out.join('\n');
}

// What a person would read first on the screen: the dialogs open and their buttons' states, the
// form fields' errors, the alerts and messages shown.
async function screenText(page: Page): Promise<string[]> {
  try {
    return await page.evaluate(() => {
      const visible = (e: Element) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed';
      const text = (e: Element) => (e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 400);
      const lines: string[] = [];
      for (const m of document.querySelectorAll('.ant-modal')) {
        if (!visible(m)) continue;
        lines.push(`  dialog: ${text(m)}`);
        for (const b of m.querySelectorAll('button'))
          lines.push(`    button ${text(b) || '(icon)'}${(b as HTMLButtonElement).disabled ? ' [disabled]' : ''}${b.classList.contains('ant-btn-loading') ? ' [loading]' : ''}`);
      }
      for (const e of document.querySelectorAll('.ant-form-item-explain-error, .ant-alert-error, .ant-message-notice, .ant-notification-notice')) {
        if (visible(e)) lines.push(`  shown: ${text(e)}`);
      }
      return lines;
    });
  } catch (e) {
    return [`  (the page could not be read: ${(e as Error).message.slice(0, 200)})`];
  }
}
