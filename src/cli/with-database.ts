import type { Locale } from '../platform/i18n.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Database } from '../platform/db.ts';
import { openConfiguredDatabase } from '../platform/open.ts';
import { explainError } from './errors.ts';

export const locale: Locale = process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN';

// A mistake in how a command was called (options that do not go together, one missing for this
// database): printed as it is, with exit code 1, never as a stack trace.
export class UsageError extends Error {}

// Opens the configured database, runs the work, closes it; errors that are the operator's to fix
// are printed plainly with exit code 1.
export async function withDatabase(work: (database: Database, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await work(database, config);
  } catch (error) {
    const explained = error instanceof UsageError ? error.message : explainError(error, locale);
    if (!explained) throw error;
    process.stderr.write(`${explained}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
