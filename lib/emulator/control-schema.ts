import { z } from 'zod';
import { EMULATOR_FAULTS } from '@/lib/env-schema';

/**
 * POST /api/emulator: queue scripted faults, cut a call's signal connection as a network drop would, or
 * remove its backend participant as a lost handler process would.
 */
export const emulatorActionBodySchema = z.union([
  z.strictObject({ faults: z.array(z.enum(EMULATOR_FAULTS)).min(1).max(20) }),
  z.strictObject({ dropSignal: z.guid() }),
  z.strictObject({ dropBackend: z.guid() }),
]);
