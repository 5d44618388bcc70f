import { z } from 'zod';

// Web addresses people send us (part pictures, damage photos) are shown in browsers, so only
// http(s) makes sense; anything else is refused with the `url_scheme` field code.
export const MAX_URL_LENGTH = 2000;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const httpUrlField = z.string().trim().max(MAX_URL_LENGTH).pipe(z.url()).refine(isHttpUrl, { message: 'url_scheme' });
