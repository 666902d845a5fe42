import { z } from 'zod';
import { EMULATOR_FAULTS } from '@/lib/env-schema';

export const queueFaultsBodySchema = z.strictObject({
  faults: z.array(z.enum(EMULATOR_FAULTS)).min(1).max(20),
});

export const roomParamsSchema = z.object({ roomName: z.string().min(1).max(100) });
export const roomEventBodySchema = z.strictObject({ token: z.string().min(1).max(200), event: z.enum(['join', 'end']) });
