import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.ts';

// The file's own name, from `Content-Disposition: attachment; filename*=UTF-8''%E9%85%8D….csv` or
// `filename="parts.csv"`, for the audit trail only. Anything unreadable is simply no name.
export function fileNameOf(header: string | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  const clean = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed from a file name.
    ?.replace(/[\x00-\x1f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || null;
}

// Copies the upload to a file, refusing it once it passes the limit. A stream parser gets no
// limit from Fastify (only its buffering parsers enforce bodyLimit), so it is counted here.
export async function saveUpload(body: Readable, filePath: string, limitBytes: number): Promise<void> {
  let received = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limitBytes) callback(new AppError('body_too_large', { limitBytes }));
      else callback(null, chunk);
    },
  });
  await pipeline(body, limiter, createWriteStream(filePath, { flags: 'wx' }));
}
