import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { fileNameOf, saveUpload } from './upload.ts';

const dir = mkdtempSync(join(tmpdir(), 'anpei-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveUpload', () => {
  it('copies a body within the limit', async () => {
    const path = join(dir, 'ok.csv');
    await saveUpload(Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]), path, 8);
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('refuses a body past the limit with 413', async () => {
    const refused = saveUpload(Readable.from([Buffer.from('a,b\n'), Buffer.from('1,2\n')]), join(dir, 'big.csv'), 7);
    await expect(refused).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'body_too_large' && e.params.limitBytes === 7);
  });
});

describe('fileNameOf', () => {
  it.each([
    [undefined, null],
    ['attachment; filename="parts.csv"', 'parts.csv'],
    ['attachment; filename=parts.csv', 'parts.csv'],
    [`attachment; filename="x.csv"; filename*=UTF-8''%E9%85%8D%E4%BB%B6.csv`, '配件.csv'],
    [`attachment; filename*=UTF-8''%E9%85`, null],
    ['inline', null],
  ])('%s → %s', (header, name) => expect(fileNameOf(header)).toBe(name));
});
