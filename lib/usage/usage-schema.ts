import { z } from 'zod';
import { daySpan, isoDaySchema } from '@/lib/schemas/dates';

/** Runway's usage endpoint accepts at most 90 days. */
export const MAX_USAGE_DAYS = 90;

/** The /usage range: first and last UTC day, both included. */
export const usageRangeSchema = z
  .strictObject({ from: isoDaySchema, to: isoDaySchema })
  .refine(({ from, to }) => from <= to, { message: 'The start date must not be after the end date', path: ['to'] })
  .refine(({ from, to }) => daySpan(from, to) <= MAX_USAGE_DAYS, { message: `Pick at most ${MAX_USAGE_DAYS} days`, path: ['from'] });

export type UsageRange = z.infer<typeof usageRangeSchema>;
