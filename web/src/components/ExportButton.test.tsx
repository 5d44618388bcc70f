import { describe, expect, it } from 'vitest';
import { fileNameOf } from './ExportButton.tsx';

describe('fileNameOf', () => {
  it.each([
    ['the UTF-8 name first', `attachment; filename="claims-20261205.xlsx"; filename*=UTF-8''%E6%8A%A5%E6%A1%88%E6%B8%85%E5%8D%95-20261205.xlsx`, '报案清单-20261205.xlsx'],
    ['the plain name when that is all', 'attachment; filename="claims-20261205.xlsx"', 'claims-20261205.xlsx'],
    ['nothing from no header', null, undefined],
    ['nothing from a header without a name', 'attachment', undefined],
  ])('%s', (_name, header, expected) => {
    expect(fileNameOf(header)).toBe(expected);
  });
});
