import type { FieldError } from '../../../platform/errors.ts';
import type { Grade } from '../grades.ts';
import { dateOrderErrors } from './dates.ts';

// A product's certification as the API carries it: the certifying body's code, the certificate
// number and its validity. Null means not given (or cleared by a PATCH).
export type Certificate = {
  certBodyCode: string | null;
  certNo: string | null;
  certValidFrom: string | null;
  certValidTo: string | null;
};

const REQUIRED_FOR_CERTIFIED = ['certBodyCode', 'certNo', 'certValidFrom', 'certValidTo'] as const;

// A certified part is only worth its grade with its certificate (insurers' policies accept
// "certified" in place of OEM), so every field is required for that grade, and each missing one is
// named so the form can mark it. Other grades may carry a certificate, which is stored as given.
export function certificateErrors(grade: Grade, cert: Certificate): FieldError[] {
  const missing: FieldError[] =
    grade === 'certified'
      ? REQUIRED_FOR_CERTIFIED.filter((field) => cert[field] === null).map((field) => ({
          path: field,
          in: 'body' as const,
          code: 'certificate_required' as const,
        }))
      : [];
  return missing.concat(dateOrderErrors(cert.certValidFrom, cert.certValidTo, 'certValidTo'));
}
