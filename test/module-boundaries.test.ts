import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The design's module rules, checked on the source rather than remembered (issue 12): a module
// reaches another only through that module's index.ts, which names on purpose what others may use
// (its commands, queries, and the tables others may read); modules depend on each other one way,
// without cycles; and commands know nothing of HTTP: only a module's routes (and the sign-in
// hooks, which are HTTP by nature) import Fastify or the request runner.

const root = path.resolve(import.meta.dirname, '..');
const modulesDir = path.join(root, 'src/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

type Import = { file: string; target: string };

// Every relative import of every module file, resolved to a path under the repository.
const imports: Import[] = sourceFiles(modulesDir).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)]
    .map((m) => m[1]!)
    .map((spec) => ({ file: path.relative(root, file), target: spec.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), spec)) : spec })),
);

const moduleOf = (p: string) => (p.startsWith('src/modules/') ? p.split('/')[2]! : null);

// The files that are HTTP by nature: each module's routes, and identity's sign-in hooks.
const httpFiles = (file: string) => /(^|\/)routes\.ts$/.test(file) || ['src/modules/identity/authenticate.ts', 'src/modules/identity/demo-logins.ts'].includes(file);

describe('module boundaries', () => {
  it('a module uses another only through its index.ts', () => {
    const through = imports.filter((i) => {
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      return to !== null && from !== to && i.target !== `src/modules/${to}/index.ts`;
    });
    expect(through.map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });

  it('modules depend on each other one way: no cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const i of imports) {
      const from = moduleOf(i.file);
      const to = moduleOf(i.target);
      if (from && to && from !== to) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
    }
    const cycles: string[] = [];
    const visit = (m: string, trail: string[]) => {
      if (trail.includes(m)) {
        cycles.push([...trail.slice(trail.indexOf(m)), m].join(' → '));
        return;
      }
      for (const next of edges.get(m) ?? []) visit(next, [...trail, m]);
    };
    for (const m of edges.keys()) visit(m, []);
    expect(cycles).toEqual([]);
    // The check sees the real graph (orders uses inventory, quoting uses catalog).
    expect(edges.get('orders')?.has('inventory')).toBe(true);
    expect(edges.get('quoting')?.has('catalog')).toBe(true);
  });

  it('commands know nothing of HTTP: only routes import Fastify or the request runner', () => {
    const http = imports.filter((i) => !httpFiles(i.file) && (i.target === 'fastify' || i.target === 'src/platform/command.ts'));
    expect(http.map((i) => `${i.file} → ${i.target}`)).toEqual([]);
    // The rule has something to hold: the routes do import them.
    expect(imports.some((i) => httpFiles(i.file) && i.target === 'src/platform/command.ts')).toBe(true);
  });
});
