import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// What a supplier's deliveries were like, counted as they happen (at the shop's receipt and at
// delivery), so that quoting can read a rating per supplier in one indexed lookup. The rating itself
// is a pure function of these counters (rating.ts).
export const supplierRecord = pgTable('supplier_record', {
  supplierOrgId: uuid('supplier_org_id').primaryKey(),
  linesReceived: integer('lines_received').notNull().default(0),
  linesRejected: integer('lines_rejected').notNull().default(0),
  traceMismatches: integer('trace_mismatches').notNull().default(0),
  linesLate: integer('lines_late').notNull().default(0),
  updatedAt: ts('updated_at').notNull(),
});
