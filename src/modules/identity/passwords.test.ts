import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords.ts';
import { generatePassword, MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';

describe('passwordProblem (the password policy)', () => {
  it.each([
    ['short', undefined, 'password_weak'],
    ['nine-char', undefined, 'password_weak'],
    ['anpei-demo', undefined, 'password_common'],
    ['ANPEI-DEMO', undefined, 'password_common'],
    ['woaini1314', undefined, 'password_common'],
    ['QwertyUiop', undefined, 'password_common'],
    ['1234567890', undefined, 'password_common'],
    ['zzzzzzzzzzzzzzzz', undefined, 'password_common'],
    ['zhang.wei.88', 'zhang.wei.88@picc.cn', 'password_like_email'],
    ['Zhang.Wei.88', 'zhang.wei.88@picc.cn', 'password_like_email'],
    ['ops@picc.com.cn', 'OPS@picc.com.cn', 'password_like_email'],
    ['zhang.wei.88@picc.cn', ' Zhang.Wei.88@PICC.cn ', 'password_like_email'],
    ['zhang.wei.88', undefined, undefined],
    ['zhang.wei.88!', 'zhang.wei.88@picc.cn', undefined],
    ['long-enough-1', 'someone@picc.cn', undefined],
    ['定损员的密码很长很长', undefined, undefined],
  ] as const)('%s (email %s) → %s', (password, email, expected) => {
    expect(passwordProblem(password, email)).toBe(expected);
  });

  it('lists only passwords the length rule lets through, lower-cased, the demo password among them', () => {
    expect(commonPasswords.size).toBeGreaterThanOrEqual(100);
    for (const p of commonPasswords) {
      expect(p.length, p).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
      expect(p, p).toBe(p.toLowerCase());
    }
    expect(commonPasswords.has('anpei-demo')).toBe(true);
  });
});

describe('generatePassword', () => {
  it('makes passwords the policy accepts, different each time, without look-alike characters', () => {
    const made = Array.from({ length: 200 }, () => generatePassword());
    expect(new Set(made).size).toBe(made.length);
    for (const p of made) {
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(passwordProblem(p, 'admin@example.cn')).toBeUndefined();
    }
  });
});
