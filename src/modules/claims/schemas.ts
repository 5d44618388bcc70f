import { z } from 'zod';
import { MAX_ASSESSMENT_VERSIONS, MAX_LINE_QTY, MAX_LINES_PER_ASSESSMENT } from '../../platform/bounds.ts';
import { httpUrlField } from '../../platform/http-url.ts';

// Input fields of the claim and assessment commands. Refinement messages are field codes from
// platform/messages.ts, translated at the HTTP edge.

// Lines per version and versions per claim bound what a claim's totals can reach, so they are
// the domain's bounds (platform/bounds.ts), defined there with the arithmetic they keep safe.
export { MAX_ASSESSMENT_VERSIONS, MAX_LINES_PER_ASSESSMENT };
export const MAX_PHOTOS_PER_LINE = 20;

export const claimNoField = z.string().trim().min(1).max(60);
export const policyNoField = z.string().trim().min(1).max(60);
export const dateField = z.iso.date();

export { regionCodeField } from '../regions/index.ts';

// A mainland plate: the province's character, the city's letter, then five (six for new-energy
// vehicles) letters or digits, sometimes a suffix character (挂, 学, 警…). People write it with
// spaces, a middle dot or lower case; it is kept in the one form `浙A12345`, so searches agree.
const PLATE = /^\p{Script=Han}[A-Z][A-Z0-9]{4,6}\p{Script=Han}?$/u;
export const plateField = z
  .string()
  .max(20)
  .transform((raw) =>
    raw
      .normalize('NFKC')
      .replace(/[\s·•.-]+/g, '')
      .toUpperCase(),
  )
  .pipe(z.string().regex(PLATE, { message: 'plate_format' }));

export const photoUrlsField = z.array(httpUrlField).max(MAX_PHOTOS_PER_LINE);

// Labour hours come with one decimal (2.5 h) and are stored as tenths; more decimals would be
// silently rounded, so they are refused instead.
export const labourHoursField = z
  .number()
  .min(0)
  .max(999.9)
  .refine((hours) => Math.abs(hours * 10 - Math.round(hours * 10)) < 1e-6, { message: 'labour_hours_one_decimal' });

export function labourTenthsOf(hours: number): number {
  return Math.round(hours * 10);
}

// A line names its part by catalog id or by OE number (not both), or describes it in free text.
export const AssessmentLineInput = z
  .strictObject({
    partId: z.uuid().optional(),
    oeNo: z.string().trim().min(1).max(60).optional(),
    description: z.string().trim().min(1).max(200).optional(),
    quantity: z.number().int().min(1).max(MAX_LINE_QTY),
    operation: z.enum(['replace', 'repair']),
    labourHours: labourHoursField,
    photoUrls: photoUrlsField.optional(),
  })
  .superRefine((line, ctx) => {
    if (line.partId !== undefined && line.oeNo !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'part_id_or_oe_no', path: ['oeNo'] });
    }
    if (line.partId === undefined && line.oeNo === undefined && line.description === undefined) {
      ctx.addIssue({ code: 'custom', message: 'required', path: ['description'] });
    }
  });
export type AssessmentLineInput = z.infer<typeof AssessmentLineInput>;

export const AssessmentLinesInput = z
  .strictObject({
    lines: z.array(AssessmentLineInput).min(1).max(MAX_LINES_PER_ASSESSMENT),
  })
  .meta({ id: 'AssessmentLinesInput' });
export type AssessmentLinesInput = z.infer<typeof AssessmentLinesInput>;
