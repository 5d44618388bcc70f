import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../../platform/access.ts';
import { chinaDate } from '../../../../platform/china-date.ts';
import type { Ctx } from '../../../../platform/context.ts';
import { type Executor, queryRows } from '../../../../platform/db.ts';
import { AppError } from '../../../../platform/errors.ts';
import { format } from '../../../../platform/i18n.ts';
import { fieldCatalog, type FieldCode } from '../../../../platform/messages.ts';
import { fenOutput, fenToJson } from '../../../../platform/money.ts';
import { org } from '../../../identity/index.ts';
import { payment, statement } from '../../tables.ts';
import { bankFields } from './bank-columns.ts';
import { type BankLine, type LineError, readBankStatement } from './bank-statement.ts';
import { foldAccount, foldName, type KnownPayer, type KnownStatement, type MatchWorld, nameVariants, statementNosIn, suggestMatches } from './match-lines.ts';

// The preview of a bank statement import (对账预览): every line of money received, read and
// checked, with who paid it and which statements it pays as far as the platform can tell. It
// changes nothing; the clerk confirms or corrects the rows and sends them to import-payments.ts.
// What the database knows is read in two statements whatever the file's length: the payers and the
// bank references already recorded, then the statements.

const matchReasons = ['memo_statement_no', 'exact_amount', 'oldest_first', 'payer_only', 'none'] as const;

const RowErrorDto = z.object({
  row: z.number().int(),
  field: z.enum(bankFields).nullable(),
  code: z.string(),
  message: z.string().describe("The reason, in the caller's language"),
});

export const PreviewRowDto = z
  .object({
    row: z.number().int().describe('The line’s row in the file, as a spreadsheet numbers it'),
    receivedOn: z.string().nullable().describe('The day the bank booked the line (YYYY-MM-DD), sent back as the payment’s receivedOn'),
    amountFen: fenOutput.nullable(),
    payerName: z.string().nullable(),
    payerAccount: z.string().nullable(),
    bankRef: z.string().nullable(),
    memo: z.string().nullable(),
    errors: z.array(RowErrorDto),
    // Already recorded under this bank reference: skip it.
    duplicate: z.boolean(),
    recordedPaymentId: z.uuid().nullable(),
    recordedPaymentNo: z.string().nullable().describe('The number of the payment that holds the bank reference already'),
    payer: z.object({ id: z.uuid(), name: z.string(), reason: z.enum(['name', 'account', 'alias', 'memo_statement_no']) }).nullable(),
    allocations: z.array(z.object({ statementId: z.uuid(), statementNo: z.string(), amountFen: fenOutput, reason: z.enum(['memo_statement_no', 'exact_amount', 'oldest_first']) })),
    unallocatedFen: fenOutput.nullable(),
    match: z.enum(matchReasons),
  })
  .meta({ id: 'PaymentImportPreviewRow' });
export type PreviewRowDto = z.infer<typeof PreviewRowDto>;

export const PreviewDto = z
  .object({
    encoding: z.enum(['UTF-8', 'GB18030', 'UTF-16']),
    headerRow: z.number().int(),
    creditLines: z.number().int(),
    debitLinesIgnored: z.number().int(),
    duplicates: z.number().int(),
    withErrors: z.number().int(),
    rows: z.array(PreviewRowDto),
  })
  .meta({ id: 'PaymentImportPreview' });
export type PreviewDto = z.infer<typeof PreviewDto>;

// A date's expected form as a clerk reads it in her language (the bare YYYY-MM-DD is a programmer's).
const dateFormat = { 'zh-CN': '日期，如 2026-03-02', en: 'date such as 2026-03-02' } as const;

// Bounds of the two reads: every open statement of the payers found, and every statement a memo names.
const MAX_STATEMENTS_READ = 20_000;

export async function previewImport(db: Executor, ctx: Ctx, file: Uint8Array): Promise<PreviewDto> {
  requirePermission(ctx.actor, 'statements.manage');
  const read = readBankStatement(file, chinaDate(ctx.now));
  if (!read.ok) {
    const errors = read.errors.map((e) => ({ path: e.field ? `rows.${e.row}.${e.field}` : `rows.${e.row}`, in: 'body' as const, code: e.code, params: e.params }));
    throw new AppError('import_rejected', { rows: read.errors[0]?.row ?? 0, count: errors.length, shown: errors.length }, errors);
  }
  const { lines } = read.statement;

  // A reference twice in one file is one bank line listed twice (or a bank's error): the later one
  // is marked and left out of the matching.
  const firstRowOf = new Map<string, number>();
  const repeated = new Map<number, number>();
  for (const line of lines) {
    if (!line.bankRef) continue;
    const first = firstRowOf.get(line.bankRef);
    if (first === undefined) firstRowOf.set(line.bankRef, line.row);
    else repeated.set(line.row, first);
  }

  const known = await readPayersAndRefs(db, lines);
  const skip = (line: BankLine) => (line.bankRef !== null && known.recorded.has(line.bankRef)) || repeated.has(line.row);
  const payerIds = new Set([...known.byName.values(), ...known.byAlias.values(), ...known.byAccount.values()].flat().map((p) => p.id));
  const statementNos = [...new Set(lines.filter((l) => !skip(l)).flatMap((l) => statementNosIn(l.memo)))];
  const statements = await readStatements(db, [...payerIds], statementNos);

  const world: MatchWorld = {
    payersByName: known.byName,
    payersByAlias: known.byAlias,
    payersByAccount: known.byAccount,
    statements: statements.map((s) => s.statement),
    payerNames: new Map(statements.map((s) => [s.statement.payerOrgId, s.payerName])),
  };
  const suggestions = suggestMatches(
    lines.map((l) => ({ amountFen: l.amountFen, payerName: l.payerName, payerAccount: l.payerAccount, memo: l.memo, skip: skip(l) })),
    world,
  );

  const message = (code: FieldCode, params?: Record<string, unknown>) =>
    format(fieldCatalog[code][ctx.locale], { ...params, ...(params?.format === 'YYYY-MM-DD' ? { format: dateFormat[ctx.locale] } : {}) });
  const rows = lines.map((line, i): PreviewRowDto => {
    const s = suggestions[i]!;
    const errors: LineError[] = [...line.errors];
    const first = repeated.get(line.row);
    if (first !== undefined) errors.push({ field: 'bank_ref', code: 'duplicate_in_file', params: { row: first } });
    const recorded = line.bankRef ? known.recorded.get(line.bankRef) : undefined;
    return {
      row: line.row,
      receivedOn: line.receivedOn,
      amountFen: line.amountFen === null ? null : fenToJson(line.amountFen),
      payerName: line.payerName,
      payerAccount: line.payerAccount,
      bankRef: line.bankRef,
      memo: line.memo,
      errors: errors.map((e) => ({ row: line.row, field: e.field, code: e.code, message: message(e.code, e.params) })),
      duplicate: recorded !== undefined,
      recordedPaymentId: recorded?.id ?? null,
      recordedPaymentNo: recorded?.paymentNo ?? null,
      payer: s.payer,
      allocations: s.allocations.map((a) => ({ statementId: a.statementId, statementNo: a.statementNo, amountFen: fenToJson(a.amountFen), reason: a.reason })),
      unallocatedFen: line.amountFen === null ? null : fenToJson(s.unallocatedFen),
      match: s.match,
    };
  });
  return {
    encoding: read.statement.encoding,
    headerRow: read.statement.headerRow,
    creditLines: rows.length,
    debitLinesIgnored: read.statement.debitLines,
    duplicates: rows.filter((r) => r.duplicate).length,
    withErrors: rows.filter((r) => r.errors.length > 0).length,
    rows,
  };
}

type Known = {
  byName: Map<string, KnownPayer[]>;
  byAlias: Map<string, KnownPayer[]>;
  byAccount: Map<string, KnownPayer[]>;
  // Bank reference → the payment that recorded it.
  recorded: Map<string, { id: string; paymentNo: string }>;
};

// One read: payers by registered name (insurers and shops, the organisations that pay the
// platform), by the names and accounts their earlier payments came under, and the references
// already recorded.
async function readPayersAndRefs(db: Executor, lines: readonly BankLine[]): Promise<Known> {
  const names = [...new Set(lines.flatMap((l) => (l.payerName ? nameVariants(l.payerName) : [])))];
  const accounts = [...new Set(lines.flatMap((l) => (l.payerAccount ? [l.payerAccount, foldAccount(l.payerAccount)] : [])))];
  const refs = [...new Set(lines.flatMap((l) => (l.bankRef ? [l.bankRef] : [])))];
  const rows = await queryRows<{ via: 'name' | 'alias' | 'account' | 'recorded'; id: string; name: string; key: string }>(
    db,
    sql`select 'name' as via, ${org.id} as id, ${org.name} as name, ${org.name} as key from ${org}
          where ${org.kind} in ('insurer', 'repair_shop') and ${org.name} = any(${sql.param(names)}::text[])
        union
        select 'alias', ${org.id}, ${org.name}, ${payment.payerName} from ${payment} join ${org} on ${org.id} = ${payment.payerOrgId}
          where ${payment.payerName} = any(${sql.param(names)}::text[])
        union
        select 'account', ${org.id}, ${org.name}, ${payment.payerAccount} from ${payment} join ${org} on ${org.id} = ${payment.payerOrgId}
          where ${payment.payerAccount} = any(${sql.param(accounts)}::text[])
        union all
        select 'recorded', ${payment.id}, ${payment.paymentNo}, ${payment.bankRef} from ${payment}
          where ${payment.bankRef} = any(${sql.param(refs)}::text[])`,
  );
  const known: Known = { byName: new Map(), byAlias: new Map(), byAccount: new Map(), recorded: new Map() };
  const add = (map: Map<string, KnownPayer[]>, key: string, payer: KnownPayer) => {
    const list = map.get(key) ?? [];
    if (!list.some((p) => p.id === payer.id)) map.set(key, [...list, payer]);
  };
  for (const r of rows) {
    if (r.via === 'recorded') known.recorded.set(r.key, { id: r.id, paymentNo: r.name });
    else if (r.via === 'account') add(known.byAccount, foldAccount(r.key), { id: r.id, name: r.name });
    else add(r.via === 'name' ? known.byName : known.byAlias, foldName(r.key), { id: r.id, name: r.name });
  }
  return known;
}

// The other read: the open statements of those payers and of the payers of statements the memos
// name, and those statements themselves whatever their state (a memo may name one already paid).
async function readStatements(db: Executor, payerIds: string[], statementNos: string[]): Promise<{ statement: KnownStatement; payerName: string }[]> {
  if (payerIds.length === 0 && statementNos.length === 0) return [];
  const rows = await queryRows<{ id: string; statement_no: string; payer_org_id: string; status: string; outstanding_fen: string; period_from: string; payer_name: string }>(
    db,
    sql`select ${statement.id} as id, ${statement.statementNo} as statement_no, ${statement.payerOrgId} as payer_org_id, ${statement.status} as status,
          (${statement.totalFen} - ${statement.paidFen})::text as outstanding_fen, ${statement.periodFrom}::text as period_from, ${org.name} as payer_name
        from ${statement} join ${org} on ${org.id} = ${statement.payerOrgId}
        where ${statement.statementNo} = any(${sql.param(statementNos)}::text[])
          or (${statement.status} in ('issued', 'confirmed', 'disputed') and ${statement.totalFen} > ${statement.paidFen}
              and (${statement.payerOrgId} = any(${sql.param(payerIds)}::uuid[])
                   or ${statement.payerOrgId} in (select s2.payer_org_id from ${statement} s2 where s2.statement_no = any(${sql.param(statementNos)}::text[]))))
        order by ${statement.periodFrom}, ${statement.statementNo}
        limit ${MAX_STATEMENTS_READ}`,
  );
  return rows.map((r) => ({
    statement: { id: r.id, statementNo: r.statement_no, payerOrgId: r.payer_org_id, status: r.status, outstandingFen: BigInt(r.outstanding_fen), periodFrom: r.period_from },
    payerName: r.payer_name,
  }));
}
