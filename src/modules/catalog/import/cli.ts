import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Argument, type Command } from 'commander';
import { explainError } from '../../../cli/errors.ts';
import { progressBar } from '../../../cli/progress.ts';
import { cliCtx } from '../../../cli/system-ctx.ts';
import { loadConfig } from '../../../platform/config.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { objectNames } from '../../../platform/messages.ts';
import { openConfiguredDatabase } from '../../../platform/open.ts';
import { importKinds, type ImportKind } from './formats.ts';
import { runImport } from './run-import.ts';

// `anpei import <kind> <file> [--supplier <org id>]`: the same import as the API, acting as the
// platform (see cli/system-ctx.ts), with a progress bar per pass on stderr and the result as one
// JSON line on stdout, or the error report in the operator's language and exit code 1.

// The report names objects by code (`what: 'part'`); the API translates them at its edge, and so
// must the CLI. The API's query parameter is the CLI's --supplier option.
function forTerminal(error: unknown, locale: Locale): unknown {
  if (!(error instanceof AppError)) return error;
  const localise = (params: Record<string, unknown> | undefined) => {
    const what = params?.what;
    return typeof what === 'string' && Object.hasOwn(objectNames, what) ? { ...params, what: objectNames[what as keyof typeof objectNames][locale] } : params;
  };
  const errors = error.errors.map((e) => ({ ...e, path: e.path === 'supplierOrgId' ? 'supplier' : e.path, params: localise(e.params) }));
  return new AppError(error.code, error.params, errors, error.headers);
}

// Two bars, one per pass: validation counts bytes of the file, writing counts rows.
function progress(): { update(phase: 'validate' | 'import', done: number, total: number): void; stop(): void } {
  let phase: 'validate' | 'import' | undefined;
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    update(next, done, total) {
      if (next !== phase) {
        bar?.stop();
        phase = next;
        bar = progressBar(next === 'validate' ? 'validate (bytes)' : 'import (rows)');
      }
      bar!.update(done, total);
    },
    stop: () => bar?.stop(),
  };
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV file (UTF-8, header row) into the catalog: all or nothing, and importing the same file again changes nothing')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKinds))
    .argument('<file>', 'the CSV file; its columns are documented in src/modules/catalog/import/formats.ts')
    .option('--supplier <orgId>', 'for products and offers: the supplier organisation they belong to')
    .action(async (kind: ImportKind, file: string, opts: { supplier?: string }) => {
      const locale: Locale = process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN';
      const filePath = resolve(file);
      if (!existsSync(filePath)) {
        process.stderr.write(`${locale === 'en' ? 'No such file' : '文件不存在'}: ${filePath}\n`);
        process.exitCode = 1;
        return;
      }
      const database = await openConfiguredDatabase(loadConfig());
      const bars = progress();
      try {
        const ctx = await cliCtx(database.db);
        const result = await runImport(database.db, ctx, {
          kind,
          filePath,
          supplierOrgId: opts.supplier,
          fileName: basename(filePath),
          onProgress: bars.update,
        });
        bars.stop();
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } catch (error) {
        bars.stop();
        const explained = explainError(forTerminal(error, locale), locale);
        if (!explained) throw error;
        process.stderr.write(`${explained}\n`);
        process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
}
