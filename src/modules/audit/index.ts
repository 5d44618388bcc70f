// Reading the audit trail; writing it is platform/audit.ts, called inside each command's transaction.
export { auditRoutes } from './routes.ts';
