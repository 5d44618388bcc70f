import { expect } from 'vitest';
import type { Cast } from './cast.ts';
import type { CatalogFixture } from './catalog-fixture.ts';

// Files claims on the catalog fixture's Sagitar at the cast's shop, as a test's adjuster does over
// and over: numbered under the test's tag so its list queries find its own claims only, any field
// overridden per call. Fixture and fields are read at call time (they are set in beforeAll).
export function claimFiler(users: Cast, fixture: () => CatalogFixture, tag: string, defaults: Record<string, unknown> = {}) {
  let seq = 0;
  return async (over: Record<string, unknown> = {}, who = 'adjuster') => {
    const res = await users.call(who, 'POST', '/api/v1/claims', {
      claimNo: `${tag}-${++seq}`,
      policyNo: 'PDAA202533010000012345',
      accidentDate: '2025-03-14',
      accidentRegionCode: '330106',
      vin: fixture().sagitarVin,
      plate: '浙A12345',
      repairShopOrgId: users.orgs.shop,
      ...defaults,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; claimNo: string }>();
  };
}
