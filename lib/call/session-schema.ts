import { z } from 'zod';
import { avatarIdSchema, runwayIdSchema } from '@/lib/schemas/ids';

/** Body of POST /api/sessions and POST /api/avatar/session. */
export const startSessionBodySchema = z.strictObject({ avatarId: avatarIdSchema });

export const sessionParamsSchema = z.object({ id: runwayIdSchema });

/** What the browser knows so far; the status route answers once the phase differs from it. */
export const SESSION_PHASES = ['queued', 'starting', 'ready', 'running', 'completed', 'failed', 'cancelled'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

export const sessionStatusQuerySchema = z.strictObject({
  known: z.enum(SESSION_PHASES).optional(),
});

/** GET /api/sessions/:id/tool-calls: the calls after the first `after` (the count the page already shows). */
export const toolCallsQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).max(10_000).default(0),
});
