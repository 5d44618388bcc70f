import { z } from 'zod';
import { isRegionCode } from './regions.ts';

// A GB/T 2260 code in any request: six digits, and a region we know.
export const regionCodeField = z
  .string()
  .regex(/^\d{6}$/)
  .refine(isRegionCode, { message: 'region_unknown' });
