import { z } from 'zod';
import { EMULATOR_FAULTS } from '@/lib/env-schema';

export const queueFaultsBodySchema = z.strictObject({
  faults: z.array(z.enum(EMULATOR_FAULTS)).min(1).max(20),
});

export const roomParamsSchema = z.object({ roomName: z.string().min(1).max(100) });
const roomToken = z.string().min(1).max(200);

/**
 * One turn of an emulated call, in the shape Runway's conversation transcripts use (§8), so the emulator can
 * record what the emulated call actually played.
 */
export const emulatedTurnSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.string().min(1).max(2000).nullable(),
  toolCalls: z
    .array(z.strictObject({ name: z.string().min(1).max(64), arguments: z.record(z.string(), z.unknown()) }))
    .max(5)
    .optional(),
});
export type EmulatedTurn = z.infer<typeof emulatedTurnSchema>;

export const roomEventBodySchema = z.discriminatedUnion('event', [
  z.strictObject({ token: roomToken, event: z.enum(['join', 'end']) }),
  z.strictObject({ token: roomToken, event: z.literal('turn'), turn: emulatedTurnSchema }),
]);
