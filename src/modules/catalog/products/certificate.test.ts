import { describe, expect, it } from 'vitest';
import type { Grade } from '../grades.ts';
import { certificateErrors, type Certificate } from './certificate.ts';
import { chinaDate, dateOrderErrors } from './dates.ts';

const full: Certificate = { certBodyCode: 'CATARC', certNo: 'C-2024-001', certValidFrom: '2024-01-01', certValidTo: '2026-12-31' };
const none: Certificate = { certBodyCode: null, certNo: null, certValidFrom: null, certValidTo: null };

describe('certificateErrors', () => {
  // [name, grade, certificate, [path, code] of each expected error]
  const cases: [string, Grade, Certificate, [string, string][]][] = [
    ['certified with everything', 'certified', full, []],
    [
      'certified with nothing',
      'certified',
      none,
      [
        ['certBodyCode', 'certificate_required'],
        ['certNo', 'certificate_required'],
        ['certValidFrom', 'certificate_required'],
        ['certValidTo', 'certificate_required'],
      ],
    ],
    ['certified without number', 'certified', { ...full, certNo: null }, [['certNo', 'certificate_required']]],
    ['certified, end before start', 'certified', { ...full, certValidTo: '2023-12-31' }, [['certValidTo', 'date_order']]],
    ['certified, one-day validity', 'certified', { ...full, certValidTo: '2024-01-01' }, []],
    ['aftermarket without certificate', 'aftermarket', none, []],
    ['oem with a partial certificate', 'oem', { ...none, certNo: 'X1' }, []],
    ['aftermarket, end before start', 'aftermarket', { ...none, certValidFrom: '2025-06-01', certValidTo: '2025-05-31' }, [['certValidTo', 'date_order']]],
    ['certified missing start, so no order check', 'certified', { ...full, certValidFrom: null }, [['certValidFrom', 'certificate_required']]],
  ];
  it.each(cases)('%s', (_name, grade, cert, expected) => {
    expect(certificateErrors(grade, cert).map((e) => [e.path, e.code])).toEqual(expected);
  });
});

describe('dateOrderErrors', () => {
  const cases: [string | null, string | null, boolean][] = [
    ['2025-01-01', '2025-01-02', true],
    ['2025-01-01', '2025-01-01', true],
    ['2025-01-02', '2025-01-01', false],
    ['2025-12-31', '2026-01-01', true],
    [null, '2025-01-01', true],
    ['2025-01-01', null, true],
  ];
  it.each(cases)('%s … %s ok=%s', (from, to, ok) => {
    expect(dateOrderErrors(from, to, 'validTo').length === 0).toBe(ok);
  });
});

describe('chinaDate', () => {
  const cases: [string, string][] = [
    ['2025-03-01T15:59:59.999Z', '2025-03-01'],
    ['2025-03-01T16:00:00.000Z', '2025-03-02'],
    ['2024-12-31T16:30:00.000Z', '2025-01-01'],
    ['2025-06-30T00:00:00.000Z', '2025-06-30'],
  ];
  it.each(cases)('%s is %s in China', (instant, expected) => {
    expect(chinaDate(new Date(instant))).toBe(expected);
  });
});
