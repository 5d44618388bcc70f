import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db.ts';

// The server's OpenAPI document, as /api/openapi.json serves it, without a server or a database
// to talk to: the document is made from the routes' schemas alone.
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    const app = await buildApp({ database, config: loadConfig({}) });
    await app.ready();
    const doc = app.swagger() as unknown as Record<string, unknown>;
    await app.close();
    return doc;
  } finally {
    await database.close();
  }
}
