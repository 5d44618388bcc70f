import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { newId } from '../../../platform/ids.ts';
import type { ImportKind } from './formats.ts';
import { resolveImportScope } from './scope.ts';
import type { Counts } from '../../../platform/csv-import/upsert.ts';
import { validateFile, type Progress } from './validate-file.ts';
import { writeFile } from './write-file.ts';

export type ImportOptions = {
  kind: ImportKind;
  filePath: string;
  // Required from the platform for products and offers; a supplier's own organisation otherwise.
  supplierOrgId?: string;
  // The name the file had for its owner, for the audit trail; defaults to the path's last part.
  fileName?: string | null;
  onProgress?: Progress;
};

export type ImportResult = { kind: ImportKind; rows: number } & Counts;

// Imports one CSV file of a catalog kind, all or nothing. Pass 1 validates the whole file against
// its format and the database without writing; any error rejects the file with the full report
// (AppError `import_rejected`, paths `rows.<row>.<column>`). Pass 2 then upserts it by natural key
// in one transaction, with its audit event, so a re-import of the same file changes nothing and
// counts every row as unchanged. Both passes stream the file, so its size does not matter.
//
// Takes `db`, not a transaction: validation should not hold a transaction open (on PGlite, the only
// connection) while reading a large file that may well be rejected.
export async function runImport(db: Db, ctx: Ctx, opts: ImportOptions): Promise<ImportResult> {
  const scope = await resolveImportScope(db, ctx, opts.kind, opts.supplierOrgId);
  const fileBytes = (await stat(opts.filePath)).size;
  const { rows } = await validateFile(db, opts.kind, opts.filePath, {
    supplierOrgId: scope.supplierOrgId,
    fileBytes,
    onProgress: opts.onProgress,
  });
  const counts = await db.transaction(async (tx) => {
    const written = await writeFile(tx, opts.kind, opts.filePath, {
      now: ctx.now,
      supplierOrgId: scope.supplierOrgId,
      expectedRows: rows,
      onProgress: opts.onProgress,
    });
    await recordAudit(tx, ctx, {
      orgId: scope.auditOrgId,
      objectType: 'catalog_import',
      objectId: newId(),
      action: 'import',
      data: {
        kind: opts.kind,
        supplierOrgId: scope.supplierOrgId,
        rows,
        ...written,
        fileName: opts.fileName === undefined ? basename(opts.filePath) : opts.fileName,
        fileBytes,
      },
    });
    return written;
  });
  return { kind: opts.kind, rows, ...counts };
}
