import { z } from 'zod';
import { cursorSchema, runwayIdSchema } from '@/lib/schemas/ids';
import { VOICE_PRESET_IDS } from '@/lib/avatars/voices';

/** The avatar form and the /api/avatars bodies: one schema for the browser form and the server route. */

export const AVATAR_LIMITS = { name: 50, personality: 10_000, startScript: 2000, documents: 50 } as const;

const isHttpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === 'https:' && value.length >= 13 && value.length <= 2048;
  } catch {
    return false;
  }
};

/** An HTTPS link, or the runway:// URI that POST /api/uploads returned. */
export const referenceImageSchema = z
  .string()
  .trim()
  .min(1, 'Upload an image or paste an HTTPS link to one')
  .refine(
    (value) => (/^runway:\/\/\S+$/.test(value) && value.length <= 5000) || isHttpsUrl(value),
    'Use an HTTPS link (https://…) or upload a file',
  );

export const voiceChoiceSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('preset'), presetId: z.enum(VOICE_PRESET_IDS) }),
    z.strictObject({ type: z.literal('custom'), id: runwayIdSchema }),
  ],
  { error: 'Choose a voice' },
);

const name = z.string().trim().min(1, 'Enter a name').max(AVATAR_LIMITS.name, `At most ${AVATAR_LIMITS.name} characters`);
const personality = z
  .string()
  .trim()
  .min(1, 'Describe how the character behaves')
  .max(AVATAR_LIMITS.personality, `At most ${AVATAR_LIMITS.personality.toLocaleString('en-US')} characters`);
// Runway sets no minimum; the form sends a blank one as "none" (omitted on create, null on update).
const startScript = z.string().trim().max(AVATAR_LIMITS.startScript, `At most ${AVATAR_LIMITS.startScript} characters`);
const documentIds = z
  .array(runwayIdSchema)
  .max(AVATAR_LIMITS.documents, `At most ${AVATAR_LIMITS.documents} documents`)
  .refine((ids) => new Set(ids).size === ids.length, 'A document is listed twice');
const imageProcessing = z.enum(['optimize', 'none']);

export const avatarCreateSchema = z.strictObject({
  name,
  referenceImage: referenceImageSchema,
  personality,
  voice: voiceChoiceSchema,
  startScript: startScript.optional(),
  documentIds: documentIds.default([]),
  imageProcessing: imageProcessing.default('optimize'),
});
export type AvatarCreateInput = z.input<typeof avatarCreateSchema>;

/** Only the fields that changed. `startScript: null` clears it; `documentIds` replaces the whole list. */
export const avatarUpdateSchema = z
  .strictObject({
    name,
    referenceImage: referenceImageSchema,
    personality,
    voice: voiceChoiceSchema,
    startScript: startScript.nullable(),
    documentIds,
    imageProcessing,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Change at least one field');
export type AvatarUpdateInput = z.input<typeof avatarUpdateSchema>;

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: cursorSchema.optional(),
});

export const idParamsSchema = z.object({ id: runwayIdSchema });
