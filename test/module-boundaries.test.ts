import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The design's module rules, checked on the source rather than remembered (issue 12): a module
// reaches another only through that module's index.ts, which names on purpose what others may use
// (its commands, queries, and the tables others may read); a module's tables are written and
// locked by that module alone (others read them, and lock or move its rows through its functions:
// claims' lockAssessmentWithClaim, applyClaimEvent, …); modules depend on each other one way,
// without cycles; and commands know nothing of HTTP: only a module's routes (and the sign-in
// hooks, which are HTTP by nature) import Fastify or the request runner. The source is read as
// text, so the checks look for the shapes the code uses (`tx.update(table)`, `.for('update')`).

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

// Each module's tables, by the names its tables.ts exports.
const tablesOf = new Map(
  readdirSync(modulesDir).map((m) => {
    const file = path.join(modulesDir, m, 'tables.ts');
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // A module without tables of its own.
    }
    return [m, new Set([...text.matchAll(/^export const (\w+) = pgTable\(/gm)].map((x) => x[1]!))];
  }),
);

// The tables of other modules a file names (imported through their index.ts, under their own names).
function foreignTables(file: string, text: string): Set<string> {
  const own = moduleOf(file);
  const found = new Set<string>();
  for (const m of text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/gms)) {
    const target = path.relative(root, path.resolve(path.dirname(path.join(root, file)), m[2]!));
    const to = moduleOf(target);
    // A port file re-exports others' names: follow it one step.
    const names = m[1]!.split(',').map(
      (n) =>
        n
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)
          .pop()!,
    );
    if (to !== null && to !== own) for (const n of names) if (tablesOf.get(to)?.has(n)) found.add(n);
    if (to === own && /ports?\.ts$/.test(target)) {
      const port = readFileSync(path.join(root, target), 'utf8');
      for (const re of port.matchAll(/^export\s+\{([^}]*)\}\s+from\s+'([^']+)'/gm)) {
        const from = moduleOf(path.relative(root, path.resolve(path.dirname(path.join(root, target)), re[2]!)));
        if (from && from !== own) for (const n of re[1]!.split(',').map((x) => x.trim().replace(/^type\s+/, ''))) if (names.includes(n) && tablesOf.get(from)?.has(n)) found.add(n);
      }
    }
  }
  return found;
}

describe('module boundaries', () => {
  it('a module writes and locks only its own tables', () => {
    const faults: string[] = [];
    for (const abs of sourceFiles(modulesDir)) {
      const file = path.relative(root, abs);
      const text = readFileSync(abs, 'utf8');
      const foreign = foreignTables(file, text);
      if (foreign.size === 0) continue;
      for (const m of text.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) if (foreign.has(m[2]!)) faults.push(`${file}: ${m[1]} ${m[2]}`);
      // Each locking read: the statement from its `await` to `.for('update'`. Locked are the tables
      // it names in `of:`, or every table it reads when it names none.
      for (const m of text.matchAll(/await[^;]*?\.for\('update'(?:,\s*\{([^}]*)\})?\)/gs)) {
        const of = m[1]?.match(/of:\s*\[?([\w,\s]+)\]?/)?.[1];
        const locked = of ? of.split(',').map((x) => x.trim()) : [...m[0].matchAll(/\.(?:from|innerJoin|leftJoin)\((\w+)/g)].map((x) => x[1]!);
        for (const t of locked) if (foreign.has(t)) faults.push(`${file}: locks ${t}`);
      }
    }
    expect(faults).toEqual([]);
    // The check knows the tables it guards.
    expect(tablesOf.get('claims')).toEqual(new Set(['claim', 'assessment', 'assessmentLine']));
  });

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
