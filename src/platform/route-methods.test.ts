import { describe, expect, it } from 'vitest';
import { patternOf } from './route-methods.ts';

describe('patternOf (a route URL as a matcher of concrete paths)', () => {
  it.each([
    ['/api/v1/orgs/:id', '/api/v1/orgs/0190a000-0000-7000-8000-000000000001', true],
    ['/api/v1/orgs/:id', '/api/v1/orgs/', false],
    ['/api/v1/orgs/:id', '/api/v1/orgs/a/b', false],
    ['/api/v1/lots/:lotNo/recipients', '/api/v1/lots/L-1/recipients', true],
    ['/api/docs/static/*', '/api/docs/static/swagger-ui.css', true],
    ['/api/docs/static/*', '/api/docs/static/a/b.js', true],
    ['/api/v1/me', '/api/v1/me', true],
    ['/api/v1/me', '/api/v1/me/', false],
    ['/api/v1/a.b', '/api/v1/axb', false],
  ])('%s ~ %s → %s', (url, path, matches) => expect(patternOf(url).test(path)).toBe(matches));
});
