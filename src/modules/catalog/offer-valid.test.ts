import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { raw, render } from '../../platform/stmt.ts';
import { offerUsable, offerUsableWhere, stmtSql } from './offer-valid.ts';

// The rule's two readings. Which offers it selects is proven against a database (test/offer-valid.test.ts);
// here, that the text each tag makes of it is the same template, and that the named statement's text does not
// depend on its values (PostgreSQL plans a named statement once per text).

const at = { supplierStatus: raw('s.status'), validFrom: raw('o.valid_from'), validTo: raw('o.valid_to'), regionCodes: raw('o.region_codes'), priceFen: raw('o.price_fen') };
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('offerUsable', () => {
  it('reads as one text with the values as parameters through stmt, whatever the values', () => {
    const texts = [
      { day: '2026-07-01', served: ['330000', '330100', '330106'] },
      { day: '2027-01-31', served: [] },
    ].map((on) => render(offerUsable(stmtSql, at, on)));
    expect(texts[0]!.sql).toBe(texts[1]!.sql);
    expect(squash(texts[0]!.sql)).toBe(
      "(s.status = 'active' and o.valid_from <= $1::date and (o.valid_to is null or o.valid_to >= $2::date)" +
        ' and ($3::text[] is null or cardinality(o.region_codes) = 0 or o.region_codes && $4::text[]) and o.price_fen <= 100000000)',
    );
    expect(texts[0]!.params).toEqual(['2026-07-01', '2026-07-01', ['330000', '330100', '330106'], ['330000', '330100', '330106']]);
  });

  it('reads as the same text over the catalog tables through drizzle, with its placeholders', () => {
    const query = new PgDialect().sqlToQuery(offerUsableWhere({ day: sql.placeholder('day'), served: sql.placeholder('served') }));
    expect(squash(query.sql)).toBe(
      '("org"."status" = \'active\' and "offer"."valid_from" <= $1::date and ("offer"."valid_to" is null or "offer"."valid_to" >= $2::date)' +
        ' and ($3::text[] is null or cardinality("offer"."region_codes") = 0 or "offer"."region_codes" && $4::text[]) and "offer"."price_fen" <= 100000000)',
    );
    expect(query.params).toEqual([sql.placeholder('day'), sql.placeholder('day'), sql.placeholder('served'), sql.placeholder('served')]);
  });
});
