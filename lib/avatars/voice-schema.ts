import { z } from 'zod';
import { VOICE_MODELS } from '@/lib/avatars/voices';

/** Custom voices, shared by the voice forms and /api/voices. */

export const VOICE_LIMITS = { name: 100, description: 1024, promptMin: 20, promptMax: 1000 } as const;

const name = z.string().trim().min(1, 'Enter a name').max(VOICE_LIMITS.name, `At most ${VOICE_LIMITS.name} characters`);
const description = z.string().trim().min(1).max(VOICE_LIMITS.description, `At most ${VOICE_LIMITS.description} characters`).nullable();
export const voicePromptSchema = z
  .string()
  .trim()
  .min(VOICE_LIMITS.promptMin, `At least ${VOICE_LIMITS.promptMin} characters`)
  .max(VOICE_LIMITS.promptMax, `At most ${VOICE_LIMITS.promptMax} characters`);
const model = z.enum(VOICE_MODELS, { error: 'Choose a model' });

export const voicePreviewSchema = z.strictObject({ prompt: voicePromptSchema, model });

export const voiceCreateSchema = z.strictObject({
  name,
  description: description.optional(),
  from: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('text'), prompt: voicePromptSchema, model }),
    // The sample goes through POST /api/uploads first, which checks its format and length.
    z.strictObject({
      type: z.literal('audio'),
      audio: z
        .string()
        .regex(/^runway:\/\/\S+$/, 'Upload an audio sample')
        .max(5000),
    }),
  ]),
});
export type VoiceCreateInput = z.input<typeof voiceCreateSchema>;

export const voiceUpdateSchema = z
  .strictObject({ name, description })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Change at least one field');
