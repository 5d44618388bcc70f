import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import './problem.ts';

// The OpenAPI document names its shared schemas as components instead of repeating them inline.
// A zod schema given `.meta({ id: 'Order' })` (so registered in z.globalRegistry) is written once
// under #/components/schemas and referenced from every route and schema using it.
//
// fastify-type-provider-zod emits every registered schema twice, `Order` as a response and
// `OrderInput` as a request would read it, whether a route uses it or not. This tidies that up:
//   - a schema used only in requests is named by its id (`CreateOrderInput`, not `…InputInput`);
//   - a schema used both ways keeps one name when both read the same, and `<id>Input` otherwise
//     (a default makes a field optional in a request and always present in a response);
//   - components no route reaches are dropped, the rest sorted by name;
//   - every `z.uuid()` becomes a reference to `Uuid` (its pattern is long, and ids are everywhere);
//   - every route documents its 4XX and 5XX answers as a `Problem`.

const REF_PREFIX = '#/components/schemas/';
const ref = (name: string) => ({ $ref: `${REF_PREFIX}${name}` });

type Json = unknown;
type JsonObject = Record<string, Json>;
type Document = JsonObject & { paths?: JsonObject; components?: JsonObject & { schemas?: Record<string, Json> } };

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

// --- Every route ---------------------------------------------------------------------------------

const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
// Written once under #/components/responses and referenced from every operation (see tidy).
const problemAnswers = {
  '4XX': ['Refused', problemAnswer('The request was refused: application/problem+json naming the reason (`code`) and the fields at fault (`errors`)')],
  '5XX': ['Failed', problemAnswer('The server failed: application/problem+json with the request id to quote')],
} as const;

type RouteTransform = typeof jsonSchemaTransform;

export const documentRoute: RouteTransform = (input) => {
  const schema = input.schema as Record<string, unknown> | undefined;
  if (schema && !schema.hide) checkUniqueIds(schema);
  const out = jsonSchemaTransform(input);
  const transformed = out.schema as Record<string, unknown> | undefined;
  if (!transformed || transformed.hide || !input.url.startsWith('/api/')) return out;
  // A route with no response schema was documented as a 200 with no content: it stays so.
  const response = (transformed.response as Record<string, unknown> | undefined) ?? { 200: { description: 'Default Response', type: 'null' } };
  transformed.response = { ...response, '4XX': problemAnswers['4XX'][1], '5XX': problemAnswers['5XX'][1] };
  return out;
};

// Two different schemas with one id would both be referenced as one component, silently showing one
// route another's shape. zod only notices when both sit in one route's schema; this checks each
// named schema a route uses is the one the registry holds under its name.
function checkUniqueIds(schema: Record<string, unknown>): void {
  const seen = new Set<z.core.$ZodType>();
  const registry = z.globalRegistry as unknown as { _map: WeakMap<object, { id?: string }>; _idmap: Map<string, object> };
  const visit = (value: unknown): void => {
    if (value instanceof z.core.$ZodType) {
      if (seen.has(value)) return;
      seen.add(value);
      const id = registry._map.get(value)?.id;
      if (id !== undefined && registry._idmap.get(id) !== value) {
        throw new Error(`Two different schemas are named "${id}" (.meta({ id })): each component id must name one schema`);
      }
      const def = value._zod.def as unknown as Record<string, unknown>;
      for (const [key, child] of Object.entries(def)) {
        if (key === 'checks' || key === 'getter') continue;
        if (key === 'shape' && isObject(child)) Object.values(child).forEach(visit);
        else if (Array.isArray(child)) child.forEach(visit);
        else visit(child);
      }
      if (def.type === 'lazy') visit((value._zod as unknown as { innerType: unknown }).innerType);
    } else if (isObject(value) && !(value instanceof z.core.$ZodType)) {
      // A route's response map ({ 200: schema }) or a schema given with its content type.
      for (const child of Object.values(value)) if (child instanceof z.core.$ZodType || isObject(child)) visit(child);
    }
  };
  for (const key of ['body', 'querystring', 'params', 'headers', 'response']) visit(schema[key]);
}

// --- The whole document --------------------------------------------------------------------------

type ObjectTransform = typeof jsonSchemaTransformObject;

const UUID_JSON = z.toJSONSchema(z.uuid(), { target: 'openapi-3.0' }) as { type: string; format: string; pattern: string };

export const documentComponents: ObjectTransform = (input) => {
  const doc = jsonSchemaTransformObject(input) as unknown as Document;
  return tidy(doc) as unknown as ReturnType<ObjectTransform>;
};

export function tidy(doc: Document): Document {
  const all = { ...(doc.components?.schemas ?? {}) } as Record<string, Json>;
  const paths = replaceUuids(referProblemAnswers(doc.paths ?? {})) as JsonObject;
  for (const name of Object.keys(all)) all[name] = replaceUuids(all[name]);
  all.Uuid = { ...UUID_JSON };

  // The registry's ids: the response-side components are named by them, the request-side ones
  // `<id>Input`.
  const ids = [...(z.globalRegistry as unknown as { _idmap: Map<string, unknown> })._idmap.keys()];
  const responses = Object.fromEntries(Object.values(problemAnswers).map(([name, answer]) => [name, answer]));
  const used = reachable([paths, responses], all);
  const renames = new Map<string, string>();
  const both: string[] = [];
  for (const id of ids) {
    const input = `${id}Input`;
    if (!used.has(input)) continue;
    if (!used.has(id)) renames.set(input, id);
    else both.push(id);
  }
  // Used both ways: one component when the two read alike once their own references are renamed
  // alike, dropping any whose references then differ until nothing changes.
  let merged = new Set(both);
  for (let changed = true; changed; ) {
    changed = false;
    const tentative = new Map(renames);
    for (const id of merged) tentative.set(`${id}Input`, id);
    for (const id of merged) {
      if (canonical(rename(all[`${id}Input`], tentative)) !== canonical(rename(all[id], tentative))) {
        merged.delete(id);
        changed = true;
      }
    }
    merged = new Set(merged);
  }
  for (const id of merged) renames.set(`${id}Input`, id);

  const renamedPaths = rename(paths, renames) as JsonObject;
  const schemas: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(all)) {
    if (!used.has(name)) continue;
    const target = renames.get(name) ?? name;
    if (renames.has(name) && merged.has(target)) continue; // the response side's copy stands for both
    schemas[target] = rename(schema, renames);
  }
  const sorted = Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((name) => [name, schemas[name]]),
  );
  return { ...doc, paths: renamedPaths, components: { ...doc.components, schemas: sorted, responses } };
}

// Each operation's 4XX and 5XX answers become references to the shared responses.
function referProblemAnswers(paths: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [path, operations] of Object.entries(paths)) {
    const ops: JsonObject = {};
    for (const [method, operation] of Object.entries(operations as JsonObject)) {
      if (!isObject(operation) || !isObject(operation.responses)) {
        ops[method] = operation;
        continue;
      }
      const responses = { ...operation.responses };
      for (const [status, [name, answer]] of Object.entries(problemAnswers)) {
        if (canonical(responses[status]) === canonical(answer)) responses[status] = { $ref: `#/components/responses/${name}` };
      }
      ops[method] = { ...operation, responses };
    }
    out[path] = ops;
  }
  return out;
}

// `{ type: 'string', format: 'uuid', pattern }` becomes a reference to Uuid (with `nullable` or a
// description kept beside it).
function replaceUuids(value: Json): Json {
  if (Array.isArray(value)) return value.map(replaceUuids);
  if (!isObject(value)) return value;
  if (value.type === 'string' && value.format === 'uuid' && value.pattern === UUID_JSON.pattern) {
    const { type: _type, format: _format, pattern: _pattern, ...rest } = value;
    const unknownKeys = Object.keys(rest).filter((key) => key !== 'nullable' && key !== 'description');
    if (unknownKeys.length === 0) return Object.keys(rest).length === 0 ? ref('Uuid') : { allOf: [ref('Uuid')], ...rest };
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, replaceUuids(child)]));
}

function refsIn(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (isObject(value)) {
    if (typeof value.$ref === 'string' && value.$ref.startsWith(REF_PREFIX)) out.push(value.$ref.slice(REF_PREFIX.length));
    for (const v of Object.values(value)) refsIn(v, out);
  }
  return out;
}

function reachable(from: Json, schemas: Record<string, Json>): Set<string> {
  const seen = new Set<string>();
  const queue = refsIn(from);
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (!(name in schemas)) throw new Error(`The OpenAPI document refers to a component it does not hold: ${name}`);
    queue.push(...refsIn(schemas[name]));
  }
  return seen;
}

function rename(value: Json, names: Map<string, string>): Json {
  if (Array.isArray(value)) return value.map((v) => rename(v, names));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)) {
      const name = child.slice(REF_PREFIX.length);
      out[key] = `${REF_PREFIX}${names.get(name) ?? name}`;
    } else out[key] = rename(child, names);
  }
  return out;
}

// JSON with its keys sorted, to compare two schemas whatever order their keys were written in.
function canonical(value: Json): string {
  return JSON.stringify(value, (_key, v: Json) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}
