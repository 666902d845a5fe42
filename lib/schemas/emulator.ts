import { z } from 'zod';
import { EMULATOR_FAULTS } from '@/lib/env-schema';

export const queueFaultsBodySchema = z.strictObject({
  faults: z.array(z.enum(EMULATOR_FAULTS)).min(1).max(20),
});

export const endCallParamsSchema = z.object({ roomName: z.string().regex(/^emulated-[0-9a-f-]{36}$/, 'Unknown room') });
export const endCallBodySchema = z.strictObject({ token: z.string().min(1).max(200) });
