import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// Issue 9, point 2: every password set through the API meets the policy (length ≥ 10, not a common
// password, not the email nor its name part), refused as a problem+json field error.

type FieldErrors = { path: string; code: string; message: string }[];

for (const kind of databaseKinds()) {
  describe(`the password policy on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await startTestApp(kind);
      admin = await t.login('admin@picc.demo');
    });
    afterAll(() => t?.close());

    const create = (email: string, password: string, lang = 'zh-CN') =>
      t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...bearer(admin), 'accept-language': lang }, payload: { email, name: '定损员 新人', password, roles: ['adjuster'] } });

    it.each([
      ['too short', 'new1@picc.cn', 'abc123xyz', 'password_weak'],
      ['the demo password', 'new2@picc.cn', 'anpei-demo', 'password_common'],
      ['a Chinese favourite', 'new3@picc.cn', 'woaini1314', 'password_common'],
      ['a keyboard walk, any case', 'new4@picc.cn', 'QWERTYuiop', 'password_common'],
      ['a number run', 'new5@picc.cn', '1234567890', 'password_common'],
      ['the email', 'wang.lei.adjuster@picc.cn', 'Wang.Lei.Adjuster@picc.cn', 'password_like_email'],
      ['the email’s name part', 'wang.lei.adjuster@picc.cn', 'WANG.LEI.ADJUSTER', 'password_like_email'],
    ])('refuses %s when a user is created, naming the field', async (_what, email, password, code) => {
      const res = await create(email, password);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'password', in: 'body', code })]);
    });

    it('explains the refusal in zh-CN and in English', async () => {
      const zh = (await create('new6@picc.cn', 'woaini1314')).json().errors as FieldErrors;
      const en = (await create('new6@picc.cn', 'woaini1314', 'en')).json().errors as FieldErrors;
      expect(zh[0]!.message).toBe('该密码过于常见，容易被猜中，请换一个');
      expect(en[0]!.message).toBe('this password is too common and easily guessed; choose another');
      const like = (await create('zhou.min.1988@picc.cn', 'zhou.min.1988', 'en')).json().errors as FieldErrors;
      expect(like[0]!.message).toBe('the password must not be the email address or the part before its @');
    });

    it('applies to a changed password too, and lets a good one through', async () => {
      const created = await create('li.na.checker@picc.cn', 'Gr4nite-Harbour');
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const patch = (password: string) => t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: bearer(admin), payload: { password } });
      for (const [password, code] of [
        ['short1', 'password_weak'],
        ['anpei-demo', 'password_common'],
        ['Li.Na.Checker', 'password_like_email'],
        ['li.na.checker@picc.cn', 'password_like_email'],
      ]) {
        const res = await patch(password!);
        expect(res.statusCode, password).toBe(400);
        expect(res.json().errors, password).toEqual([expect.objectContaining({ path: 'password', code })]);
      }
      // Nothing changed: the first password still signs in.
      expect(await t.login('li.na.checker@picc.cn', 'Gr4nite-Harbour')).toMatch(/^st_/);
      expect((await patch('Quiet-Lantern-42')).statusCode).toBe(200);
      expect(await t.login('li.na.checker@picc.cn', 'Quiet-Lantern-42')).toMatch(/^st_/);
    });
  });
}
