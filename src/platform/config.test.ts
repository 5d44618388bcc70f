import { describe, expect, it } from 'vitest';
import { configProblems, loadConfig, secretWeakness } from './config.ts';

const STRONG = 'q7Vt0mZ2pX9rLk4wB8sN1cY6hJ3fD5gA'; // 32 characters from a generator

describe('secretWeakness', () => {
  it.each([
    [STRONG, undefined],
    ['3f9a1c7e5b2d8046a1f3c9e7b5d20864', undefined], // `openssl rand -hex 16`
    ['kX3pQ9v+LmZ2/Tw8rB5yNc1Hs7Df4Gj0aE6uV9iO2qWx', undefined], // base64
    ['short-secret', 'has 12 characters, fewer than 32'],
    ['x'.repeat(40), 'repeats too few distinct characters to be random'],
    ['abcabcabcabcabcabcabcabcabcabcabcabc', 'repeats too few distinct characters to be random'],
    ['0123456789abcdefghijklmnopqrstuvwxyz', 'is mostly a run of consecutive characters'],
    ['my-very-own-secret-for-the-server-2026', 'contains the word "secret", so it was chosen rather than generated'],
    ['Anpei-Production-Server-Key-2026-09-01', 'contains the word "anpei", so it was chosen rather than generated'],
  ])('%s → %s', (secret, expected) => {
    expect(secretWeakness(secret)).toBe(expected);
  });
});

describe('configProblems', () => {
  it('finds nothing wrong with a production configuration that has a strong secret', () => {
    expect(configProblems(loadConfig({ ANPEI_ENV: 'production', ANPEI_SECRET: STRONG }))).toEqual([]);
  });

  it('names every weak setting at once', () => {
    const problems = configProblems(loadConfig({ ANPEI_ENV: 'production', ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^ANPEI_SECRET is not set/);
    expect(problems[1]).toMatch(/^ANPEI_WEBHOOK_ALLOW_PRIVATE=true/);
    expect(configProblems(loadConfig({ ANPEI_SECRET: 'too-short' }))[0]).toMatch(/^ANPEI_SECRET has 9 characters/);
  });

  it('makes a random secret per start in demo mode when none is given, and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.env).toBe('demo');
    expect(a.secretGiven).toBe(false);
    expect(secretWeakness(a.secret)).toBeUndefined();
    expect(a.secret).not.toBe(b.secret);
    expect(loadConfig({ ANPEI_SECRET: STRONG })).toMatchObject({ secret: STRONG, secretGiven: true });
    expect(loadConfig({ ANPEI_SECRET: '' }).secretGiven).toBe(false);
  });

  it('refuses an unknown mode', () => {
    expect(() => loadConfig({ ANPEI_ENV: 'prod' })).toThrow(/ANPEI_ENV/);
  });
});
