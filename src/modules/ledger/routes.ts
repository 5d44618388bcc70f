import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { LedgerAccountDto } from './api/accounts.ts';
import { FeeRatesDto, FeeRatesQuery, getFeeRates } from './api/fee-rates.ts';
import { getTrialBalance, TrialBalanceDto } from './api/get-trial-balance.ts';
import { getAccount, ListAccountsQuery, listAccounts } from './api/list-accounts.ts';
import { LedgerTransferDto, ListTransfersQuery, listTransfers } from './api/list-transfers.ts';
import { SetCreditLimitInput, setCreditLimit } from './api/set-credit-limit.ts';
import { SetFeeRateInput, setFeeRate } from './api/set-fee-rate.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const OrgParams = z.strictObject({ orgId: z.uuid() });
const SupplierParams = z.strictObject({ supplierOrgId: z.uuid() });
const tags = ['ledger'];
const KEY = ' Send an Idempotency-Key.';

// The ledger (总账, issue 13): accounts and their transfers as each organisation may see them, the
// platform's trial balance, and the settings the platform's finance team keeps on it.
export function ledgerRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/ledger/accounts',
    {
      schema: {
        tags,
        summary: 'Ledger accounts with their balances (an organisation its own; the platform all, its own books as orgId=platform)',
        security: secured,
        querystring: ListAccountsQuery,
        response: { 200: pageSchema(LedgerAccountDto) },
      },
    },
    (req) => listAccounts(db, ctxOf(req), req.query),
  );

  r.get('/api/v1/ledger/accounts/:id', { schema: { tags, summary: 'One ledger account with its balances', security: secured, params: IdParams, response: { 200: LedgerAccountDto } } }, (req) =>
    getAccount(db, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/ledger/transfers',
    {
      schema: {
        tags,
        summary: 'An account’s transfers, newest first, with the account on the other side and what caused each; filtered by code and by day (China time)',
        security: secured,
        querystring: ListTransfersQuery,
        response: { 200: pageSchema(LedgerTransferDto) },
      },
    },
    (req) => listTransfers(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/ledger/trial-balance',
    {
      schema: {
        tags,
        summary: 'The trial balance (the platform): debits and credits per account code and per transfer code, and whether debits equal credits',
        security: secured,
        response: { 200: TrialBalanceDto },
      },
    },
    (req) => getTrialBalance(db, ctxOf(req)),
  );

  r.put(
    '/api/v1/ledger/credit-limits/:orgId',
    {
      schema: {
        tags,
        summary: `Set an insurer’s or a repair shop’s credit limit (the platform’s finance team): orders that would take its receivable past it are refused; null removes it.${KEY}`,
        security: secured,
        params: OrgParams,
        body: SetCreditLimitInput,
        response: { 200: LedgerAccountDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setCreditLimit(tx, ctx, req.params.orgId, req.body)),
  );

  r.get(
    '/api/v1/ledger/fee-rates/:supplierOrgId',
    {
      schema: {
        tags,
        summary: 'A supplier’s platform fee rates, newest first, with the one in force today (the platform; a supplier its own)',
        security: secured,
        params: SupplierParams,
        querystring: FeeRatesQuery,
        response: { 200: FeeRatesDto },
      },
    },
    (req) => getFeeRates(db, ctxOf(req), req.params.supplierOrgId, req.query),
  );

  r.put(
    '/api/v1/ledger/fee-rates/:supplierOrgId',
    {
      schema: {
        tags,
        summary: `Set a supplier’s platform fee rate from a day on, today (China time) or later (the platform’s finance team).${KEY}`,
        security: secured,
        params: SupplierParams,
        body: SetFeeRateInput,
        response: { 200: FeeRatesDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => setFeeRate(tx, ctx, req.params.supplierOrgId, req.body)),
  );
}
