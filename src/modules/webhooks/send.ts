import { performance } from 'node:perf_hooks';
import { signPayload, SIGNATURE_HEADER } from './signature.ts';

// One HTTP attempt of one delivery. It never throws: every way a receiver can fail (an error
// status, a refused connection, a timeout) is an outcome to record and retry.

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type Outgoing = {
  deliveryId: string;
  url: string;
  secret: string;
  event: { id: string; type: string; createdAt: Date; orgId: string; payload: Record<string, unknown> };
};

export type AttemptResult = {
  ok: boolean;
  // Null when no HTTP answer came back.
  statusCode: number | null;
  durationMs: number;
  error: string | null;
};

// How much of an error answer is kept in the log: enough to show a receiver's message, not so much
// that a receiver can fill our database.
const SNIPPET_BYTES = 1024;
const MAX_ERROR_CHARS = 300;

// The body receivers get. `id` is the event's id, the same on every retry and every endpoint, so a
// receiver dedupes by it (delivery is at least once).
export function deliveryBody(event: Outgoing['event']): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), orgId: event.orgId, data: event.payload });
}

export async function sendDelivery(out: Outgoing, now: Date, fetchImpl: FetchLike, timeoutMs: number): Promise<AttemptResult> {
  const body = deliveryBody(out.event);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'anpei-webhooks/1',
    'anpei-event-id': out.event.id,
    'anpei-event-type': out.event.type,
    'anpei-delivery-id': out.deliveryId,
    [SIGNATURE_HEADER]: signPayload(out.secret, Math.floor(now.getTime() / 1000), body),
  };
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  try {
    // Redirects are not followed: the registered URL is the one the organisation vouched for, and a
    // redirect could lead the worker to an address nobody registered.
    const res = await fetchImpl(out.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const ok = res.status >= 200 && res.status < 300;
    if (ok) await discardBody(res);
    const snippet = ok ? '' : await readSnippet(res);
    return { ok, statusCode: res.status, durationMs: elapsedMs(), error: ok ? null : truncate(`HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`) };
  } catch (error) {
    return { ok: false, statusCode: null, durationMs: elapsedMs(), error: truncate(describeFailure(error, timeoutMs)) };
  }
}

// A receiver's body is never needed on success; cancelling it frees the connection.
async function discardBody(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {});
}

async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still leaves the status code, which is what matters.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8').replace(/\s+/g, ' ').trim();
}

export function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
    // fetch() reports every network failure as "fetch failed", with the reason (ECONNREFUSED,
    // ENOTFOUND, a TLS error) in its cause; node:http (pinned-fetch.ts) throws the reason itself.
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return `${error.message}: ${typeof code === 'string' ? `${code} ` : ''}${cause.message}`.trim();
    }
    return error.message;
  }
  return String(error);
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
