import { z } from 'zod';

export const loginBodySchema = z.strictObject({ password: z.string().min(1, 'Enter the password').max(200) });
