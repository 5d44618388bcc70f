import { createHash } from 'node:crypto';

// A small seeded PRNG (mulberry32): `seed --seed N` makes the same data on every machine.
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

// Seed data needs ids that are the same on every run (so a re-seed finds its rows) and still
// UUIDv7-shaped and time-ordered (so keyset pagination behaves as with live data). The timestamp is
// a fixed epoch plus the row's ordinal; the random bits are a digest of seed, kind and name.
const SEED_EPOCH_MS = Date.UTC(2026, 0, 1);

export function seededId(seed: number, ordinal: number, name: string): string {
  const ms = (SEED_EPOCH_MS + ordinal).toString(16).padStart(12, '0');
  const digest = createHash('sha256').update(`${seed}:${name}`).digest('hex');
  const variant = ((parseInt(digest[3]!, 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${digest.slice(0, 3)}-${variant}${digest.slice(4, 7)}-${digest.slice(7, 19)}`;
}
