import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the tables.ts files and committed; the app applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/tables.ts', './src/modules/*/tables.ts'],
  out: './db/migrations',
});
