// Writes the console's API types (web/src/api/schema.d.ts) from the server's OpenAPI document.
// `npm run gen:api` after changing a route's schema; test/openapi-types.test.ts fails while the
// checked-in file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiTypesSource } from './api-types.ts';

const target = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));
writeFileSync(target, await apiTypesSource());
console.log(`wrote ${target}`);
