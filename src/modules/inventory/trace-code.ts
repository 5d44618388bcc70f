import { z } from 'zod';

// A trace code as printed on a certified unit: letters, digits and dashes, read by a scanner. Kept
// upper-case so that a code typed by hand finds the same unit.
export const traceCodeField = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,63}$/));
