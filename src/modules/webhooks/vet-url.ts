import { requirePermission, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { checkHost, PUBLIC_ONLY, systemResolve, type Resolve } from './address-guard.ts';

// How long registration waits for a name to resolve before calling it unresolvable.
export const RESOLVE_TIMEOUT_MS = 5_000;

// Registration refuses a URL that delivery would refuse, so an admin learns at once that their
// receiver cannot be reached rather than from a log of failed deliveries — and so that the platform
// never stores, and shows back, a URL into its own network. Delivery checks again at every attempt
// (names can change), so this check is for the admin's sake and a first line, not the last.
//
// It runs in the route, before the command's transaction: resolving a name can take seconds, and no
// transaction may wait on the network (PGlite has one connection for everyone).
//
// A name that does not resolve is refused as well (url_unresolvable): it cannot be shown to be
// public, nothing can be delivered to it today, and a typo is far likelier than a receiver that
// will appear later. A passing DNS outage means the admin retries. The answer names the host the
// admin gave, never the address it resolved to: our resolver's view of a name is not theirs to map.
export async function vetWebhookUrl(actor: Actor, url: string | undefined, opts: { allowPrivate: boolean; resolve?: Resolve; timeoutMs?: number }): Promise<void> {
  // Permission first, so that a caller who may not register webhooks learns nothing about hosts.
  requirePermission(actor, 'webhooks.manage');
  if (url === undefined || opts.allowPrivate) return;
  const signal = AbortSignal.timeout(opts.timeoutMs ?? RESOLVE_TIMEOUT_MS);
  const target = new URL(url);
  let code: 'url_not_public' | 'url_unresolvable' | null;
  try {
    const verdict = await checkHost(target, PUBLIC_ONLY, opts.resolve ?? systemResolve, signal);
    code = verdict.ok ? null : verdict.reason === 'not_public' ? 'url_not_public' : 'url_unresolvable';
  } catch {
    // Only the timeout escapes checkHost.
    code = 'url_unresolvable';
  }
  if (code === null) return;
  const host = target.hostname;
  throw new AppError('webhook_url_refused', { host }, [{ path: 'url', in: 'body', code, params: { host } }]);
}
