import { z } from 'zod';
import { ALL_EVENTS } from './matching.ts';

// Input fields shared by the webhook commands. Refinement messages are field codes from
// platform/messages.ts, translated at the HTTP edge.

export const MAX_URL_LENGTH = 2000;
export const MAX_EVENT_TYPES = 50;

function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// Only http(s): the worker POSTs to this URL, and other schemes (file:, ftp:, javascript:) either
// make no sense for a webhook or would let a tenant point the worker somewhere it must not go.
// Credentials in the URL are refused too: fetch() rejects them, so every delivery would fail.
export const urlField = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .pipe(z.url())
  .refine(
    (value) => {
      const url = parsedUrl(value);
      return url === null || url.protocol === 'http:' || url.protocol === 'https:';
    },
    { message: 'url_scheme' },
  )
  .refine(
    (value) => {
      const url = parsedUrl(value);
      return url === null || (url.username === '' && url.password === '');
    },
    { message: 'invalid' },
  );

// `user.created`, `claim.approved`: dotted lower-case names, or `*` for every event.
const EVENT_TYPE = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;

export const eventTypesField = z
  .array(z.string().max(100).regex(EVENT_TYPE, { message: 'invalid' }))
  .min(1)
  .max(MAX_EVENT_TYPES)
  // Duplicates are dropped, and `*` alone stands for everything, so the stored list reads plainly.
  .transform((types) => (types.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(types)]));

export const descriptionField = z.string().trim().max(500);
