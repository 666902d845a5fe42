import { z } from 'zod';

/** A UTC calendar day as `<input type="date">` sends it: YYYY-MM-DD. */
export const isoDaySchema = z.iso.date({ error: 'Use a date like 2026-11-24' });

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both included. */
export const daySpan = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/** The UTC day `days` after `day` (negative: before). */
export const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

export const todayUtc = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

/** A form's empty field means "not set". */
export const blankToUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
