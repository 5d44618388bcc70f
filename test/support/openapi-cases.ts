// Requests generated from the app's own OpenAPI document, so that a test covers every route there
// is, including the ones added after it was written. Values are plausible rather than valid: enough
// for a request to get past the shape checks a hostile input would otherwise hide behind.

export type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
};

type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: Schema };

export type Operation = {
  method: string;
  // The OpenAPI path, `/api/v1/orgs/{id}`.
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  // The request body's media type and schema, when the route takes one.
  body?: { mediaType: string; schema: Schema };
  secured: boolean;
};

type OpenApi = { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>> };

// The document with every `$ref` to a component replaced by the component itself, so that the
// walkers here (and the tests' own) see each route's schemas whole, as if written inline. A
// one-entry `allOf` of a reference with siblings (`nullable`, a description) is merged into one
// schema, as zod writes it when nothing is named.
export function inlineRefs<T>(spec: T): T {
  const all = ((spec as { components?: Record<string, Record<string, unknown>> }).components ?? {}) as Record<string, Record<string, unknown>>;
  const resolved = new Map<string, unknown>();
  const resolving = new Set<string>();
  const component = (ref: string): unknown => {
    const [, kind, name] = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref) ?? [];
    if (kind === undefined || name === undefined || !Object.hasOwn(all[kind] ?? {}, name)) throw new Error(`unresolvable $ref ${ref}`);
    if (resolved.has(ref)) return resolved.get(ref);
    if (resolving.has(ref)) throw new Error(`recursive component ${ref}`);
    resolving.add(ref);
    const value = walk(all[kind]![name]);
    resolving.delete(ref);
    resolved.set(ref, value);
    return value;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const object = value as Record<string, unknown>;
    if (typeof object.$ref === 'string') return component(object.$ref);
    const { allOf, ...rest } = object;
    if (Array.isArray(allOf) && allOf.length === 1) return { ...(walk(allOf[0]) as object), ...(walk(rest) as object) };
    return Object.fromEntries(Object.entries(object).map(([key, child]) => [key, walk(child)]));
  };
  const { components: _components, ...rest } = spec as Record<string, unknown>;
  return { ...(walk(rest) as object), components: _components } as T;
}

export function operationsOf(document: OpenApi): Operation[] {
  const spec = inlineRefs(document);
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const content = Object.entries(op.requestBody?.content ?? {})[0];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: content ? { mediaType: content[0], schema: content[1].schema } : undefined,
        secured: (op.security ?? []).length > 0,
      });
    }
  }
  return out;
}

const SAMPLE_UUID = '0190a000-0000-7000-8000-000000000001';
// Strings tried, in order, against a schema's pattern (region codes, SKUs, event names, VINs…).
const CANDIDATES = ['x', 'AB12', '310000', 'order.created', 'LFV3A23C8K3000001', '浙A12345', 'https://example.cn/hook', 'fuzz@example.cn'];

function optionsOf(schema: Schema): Schema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

export function sampleString(schema: Schema): string {
  if (schema.enum) return String(schema.enum[0]);
  const today = new Date().toISOString().slice(0, 10);
  switch (schema.format) {
    case 'uuid':
      return SAMPLE_UUID;
    case 'date':
      return today;
    case 'date-time':
      return new Date().toISOString();
    case 'email':
      return 'fuzz@example.cn';
    case 'uri':
      return 'https://example.cn/hook';
  }
  const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const hit = CANDIDATES.find((c) => pattern.test(c) && fits(c));
    if (hit) return hit;
  }
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

// A minimal value for a schema: required properties only, the fewest array items allowed.
export function sample(schema: Schema): unknown {
  const options = optionsOf(schema);
  if (options) return sample(options[0]!);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key] ?? {})]));
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string':
      return sampleString(schema);
    default:
      return schema.default ?? null;
  }
}

export type Path = (string | number)[];

// Every place in a body where the schema takes a string, optional properties and array items
// included (an array's first item stands for all).
export function stringSlots(schema: Schema, path: Path = []): Path[] {
  const options = optionsOf(schema);
  if (options) {
    const seen = new Map<string, Path>();
    for (const option of options) for (const slot of stringSlots(option, path)) seen.set(JSON.stringify(slot), slot);
    return [...seen.values()];
  }
  if (schema.type === 'string') return schema.format === 'binary' ? [] : [path];
  if (schema.type === 'object') return Object.entries(schema.properties ?? {}).flatMap(([key, s]) => stringSlots(s, [...path, key]));
  if (schema.type === 'array' && schema.items) return stringSlots(schema.items, [...path, 0]);
  return [];
}

// The minimal body with `value` put at `path` (creating the object or array on the way).
export function sampleWith(schema: Schema, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const options = optionsOf(schema);
  if (options) {
    const fitting = options.find((o) => stringSlots(o).some((slot) => JSON.stringify(slot.slice(0, path.length)) === JSON.stringify(path)));
    return sampleWith(fitting ?? options[0]!, path, value);
  }
  const [head, ...rest] = path;
  if (schema.type === 'array') {
    const items = sample(schema) as unknown[];
    items[0] = sampleWith(schema.items ?? {}, rest, value);
    return items;
  }
  const base = (sample(schema) ?? {}) as Record<string, unknown>;
  base[String(head)] = sampleWith(schema.properties?.[String(head)] ?? {}, rest, value);
  return base;
}

// The dotted path the API names a field by (`lines.0.lotNo`).
export function dotted(path: Path): string {
  return path.join('.');
}

// The operation's URL with path parameters filled in: by `overrides` (already percent-encoded) or a
// plausible value; query parameters likewise, the required ones always.
export function urlOf(op: Operation, overrides: { path?: Record<string, string>; query?: Record<string, string> } = {}): string {
  let url = op.path;
  for (const p of op.pathParams) url = url.replace(`{${p.name}}`, overrides.path?.[p.name] ?? encodeURIComponent(String(sample(p.schema))));
  const query = new URLSearchParams();
  const extra: string[] = [];
  for (const p of op.queryParams) {
    if (overrides.query?.[p.name] !== undefined) extra.push(`${p.name}=${overrides.query[p.name]}`);
    else if (p.required) query.set(p.name, String(sample(p.schema)));
  }
  const qs = [query.toString(), ...extra].filter(Boolean).join('&');
  return qs ? `${url}?${qs}` : url;
}
