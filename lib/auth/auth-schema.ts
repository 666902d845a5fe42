import { z } from 'zod';

export const loginBodySchema = z.strictObject({ password: z.string().min(1, 'Enter the password').max(200) });

/** Where a form-post sign-in goes next (the JSON sign-in ignores it). */
export const loginQuerySchema = z.strictObject({ next: z.string().max(2000).optional() });
