import { z } from 'zod';
import { blankToUndefined, isoDaySchema } from '@/lib/schemas/dates';
import { avatarIdSchema, cursorSchema, runwayIdSchema } from '@/lib/schemas/ids';

export const CONVERSATION_STATUSES = ['in_progress', 'ended', 'failed'] as const;

/**
 * History filters, as the /history form and GET /api/conversations send them. Runway filters by custom
 * avatar and date itself; a preset avatar, status and tools are filtered by our server over the pages it
 * fetches (lib/server/runway/conversations.ts).
 */
export const historyFiltersSchema = z
  .strictObject({
    avatar: blankToUndefined(avatarIdSchema),
    /** First and last UTC day, both included. */
    from: blankToUndefined(isoDaySchema),
    to: blankToUndefined(isoDaySchema),
    status: blankToUndefined(z.enum(CONVERSATION_STATUSES)),
    tools: blankToUndefined(z.enum(['with', 'without'])),
  })
  .refine(({ from, to }) => !from || !to || from <= to, { message: 'The start date must not be after the end date', path: ['to'] });

export type HistoryFilters = z.infer<typeof historyFiltersSchema>;

export const conversationsQuerySchema = historyFiltersSchema.safeExtend({
  cursor: blankToUndefined(cursorSchema),
});

export const conversationParamsSchema = z.object({ id: runwayIdSchema });

export const exportQuerySchema = z.strictObject({ format: z.enum(['markdown', 'json']) });
