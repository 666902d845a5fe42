import { z } from 'zod';

/** Body of POST /api/bot-check: the widget's token (Cloudflare's are at most 2048 characters). Server side only, see bot-check.ts. */
export const botCheckBodySchema = z.strictObject({
  token: z.string().min(1, 'The check has not given a token yet').max(2048, 'Not a Turnstile token'),
});
