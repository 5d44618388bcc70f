import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiTypesSource } from '../scripts/api-types.ts';
import { openApiDocument } from '../scripts/openapi-document.ts';
import { documentRoute, tidy } from '../src/platform/openapi-components.ts';

// The console's typed client is checked against web/src/api/schema.d.ts, generated from the
// server's OpenAPI document by `npm run gen:api`. A route whose schema changed without the file
// being regenerated fails here, not in a browser.

const SCHEMA_FILE = new URL('../web/src/api/schema.d.ts', import.meta.url);

// Where two texts first differ, a few lines of each, to say what changed.
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line += 1;
  const show = (lines: string[]) =>
    lines
      .slice(Math.max(0, line - 2), line + 3)
      .map((l, i) => `  ${Math.max(0, line - 2) + i + 1}: ${l}`)
      .join('\n');
  return `first difference at line ${line + 1}\n generated now:\n${show(a)}\n checked in:\n${show(b)}`;
}

describe("the console's API types", () => {
  let doc: { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown>; responses: Record<string, unknown> } };

  beforeAll(async () => {
    doc = (await openApiDocument()) as typeof doc;
  });

  it('are what `npm run gen:api` writes from the OpenAPI document now', async () => {
    const generated = await apiTypesSource();
    const checkedIn = readFileSync(SCHEMA_FILE, 'utf8');
    if (generated !== checkedIn) {
      expect.fail(`web/src/api/schema.d.ts is not what the server's OpenAPI document gives now: run \`npm run gen:api\` and commit the file.\n${firstDifference(generated, checkedIn)}`);
    }
  });

  it('name the shared schemas, so that the console can say Order or QuoteLine', () => {
    const names = Object.keys(doc.components.schemas);
    expect(names).toEqual(
      expect.arrayContaining([
        'Problem',
        'Uuid',
        'Order',
        'OrderLine',
        'Shipment',
        'Claim',
        'ClaimDetail',
        'Assessment',
        'AssessmentLine',
        'Quote',
        'QuoteLine',
        'Offer',
        'VehicleModel',
        'VinDecode',
        'Inquiry',
        'Return',
        'TraceAnswer',
        'Me',
        'Org',
        'User',
        'OrderPage',
        'CreateClaimInput',
      ]),
    );
    // A request-only schema keeps the name it was given; none is left unreferenced.
    expect(names.filter((name) => name.endsWith('InputInput'))).toEqual([]);
    const text = JSON.stringify(doc);
    expect(names.filter((name) => !text.includes(`"#/components/schemas/${name}"`))).toEqual([]);
    // The UUID pattern is written once.
    expect(text.split('"format":"uuid"')).toHaveLength(2);
  });

  it('say every operation answers its errors as a Problem', () => {
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations.length).toBeGreaterThan(80);
    for (const op of operations) {
      expect(op.responses['4XX']).toEqual({ $ref: '#/components/responses/Refused' });
      expect(op.responses['5XX']).toEqual({ $ref: '#/components/responses/Failed' });
    }
    expect(doc.components.responses.Refused).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  });
});

describe('component names', () => {
  const probe = 'DuplicateNameProbe';
  const first = z.object({ a: z.string() }).meta({ id: probe });
  const second = z.object({ b: z.number() }).meta({ id: probe });
  afterAll(() => {
    z.globalRegistry.remove(first).remove(second);
  });

  it('refuse two different schemas under one id', () => {
    const route = (schema: z.ZodType) => documentRoute({ schema: { response: { 200: schema } }, url: '/api/v1/probe', route: '/api/v1/probe', openapiObject: { openapi: '3.0.3' } } as never);
    expect(() => route(second)).not.toThrow();
    expect(() => route(first)).toThrow(/Two different schemas are named "DuplicateNameProbe"/);
  });

  it('name a schema used in requests and responses once when both read alike, and <id>Input beside it when not', () => {
    const same = z.object({ a: z.string() }).meta({ id: 'SameProbe' });
    const differs = z.object({ n: z.number().default(1) }).meta({ id: 'DiffersProbe' });
    const requestOnly = z.object({ b: z.string() }).meta({ id: 'RequestOnlyProbe' });
    try {
      const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
      const body = (name: string) => ({ requestBody: { content: { 'application/json': { schema: ref(name) } } } });
      const answer = (name: string) => ({ responses: { 200: { content: { 'application/json': { schema: ref(name) } } } } });
      const doc = tidy({
        paths: { '/a': { post: { ...body('SameProbeInput'), ...answer('SameProbe') }, put: { ...body('DiffersProbeInput'), ...answer('DiffersProbe') }, patch: body('RequestOnlyProbeInput') } },
        components: {
          schemas: {
            SameProbe: { type: 'object', properties: { a: { type: 'string' } } },
            SameProbeInput: { properties: { a: { type: 'string' } }, type: 'object' },
            DiffersProbe: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
            DiffersProbeInput: { type: 'object', properties: { n: { type: 'number', default: 1 } } },
            RequestOnlyProbe: { type: 'object', properties: { b: { type: 'string' } } },
            RequestOnlyProbeInput: { type: 'object', properties: { b: { type: 'string' } } },
            Problem: { type: 'object' },
            Unused: { type: 'string' },
          },
        },
      });
      // Problem stays for the shared problem answers; Uuid is only kept where used.
      expect(Object.keys(doc.components!.schemas!)).toEqual(['DiffersProbe', 'DiffersProbeInput', 'Problem', 'RequestOnlyProbe', 'SameProbe']);
      expect(doc.paths).toEqual({
        '/a': { post: { ...body('SameProbe'), ...answer('SameProbe') }, put: { ...body('DiffersProbeInput'), ...answer('DiffersProbe') }, patch: body('RequestOnlyProbe') },
      });
    } finally {
      z.globalRegistry.remove(same).remove(differs).remove(requestOnly);
    }
  });
});
