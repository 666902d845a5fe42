import { z } from 'zod';
import { avatarIdSchema, runwayIdSchema } from './ids';

/** Runway's TTS voices for avatar videos (SDK AvatarVideoCreateParams.Text.Preset). */
export const AVATAR_VIDEO_VOICE_IDS = [
  'victoria', 'vincent', 'clara', 'drew', 'skye', 'max', 'morgan', 'felix', 'mia', 'marcus',
  'summer', 'ruby', 'aurora', 'jasper', 'leo', 'adrian', 'nina', 'emma', 'blake', 'david',
  'maya', 'nathan', 'sam', 'georgia', 'petra', 'adam', 'zach', 'violet', 'roman', 'luna',
] as const;

export const MAX_VIDEO_TEXT = 1000;

/**
 * "Make a video" from text. The voice is the app's own shape; lib/server/runway/avatar-videos.ts turns it
 * into Runway's `{ type: 'preset' | 'custom' }` (not 'runway-live-preset', which avatars use).
 */
export const textVideoBodySchema = z.strictObject({
  avatarId: avatarIdSchema,
  text: z.string().trim().min(1, 'Write what the avatar should say').max(MAX_VIDEO_TEXT, `At most ${MAX_VIDEO_TEXT} characters`),
  voice: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('preset'), id: z.enum(AVATAR_VIDEO_VOICE_IDS) }),
      z.strictObject({ kind: z.literal('custom'), id: runwayIdSchema }),
    ])
    .optional(),
});
export type TextVideoBody = z.infer<typeof textVideoBodySchema>;

export const audioVideoQuerySchema = z.strictObject({ avatarId: avatarIdSchema });

export const taskParamsSchema = z.object({ id: runwayIdSchema });
