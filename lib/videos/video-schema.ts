import { z } from 'zod';
import { VOICE_PRESET_IDS } from '@/lib/avatars/voices';
import { avatarIdSchema, runwayIdSchema } from '@/lib/schemas/ids';

/** Runway's TTS voices for avatar videos are the same 30 presets avatars use (SDK AvatarVideoCreateParams.Text.Preset). */
export const AVATAR_VIDEO_VOICE_IDS = VOICE_PRESET_IDS;

/** An uploaded speech track: under Vercel's 4.5 MB request-body limit and Runway's 5 MB data-URI guidance. */
export const MAX_AUDIO_BYTES = 4 * 1024 * 1024;
export const AUDIO_ACCEPT =
  'audio/wav,audio/x-wav,audio/mpeg,audio/mp3,audio/ogg,audio/flac,audio/mp4,audio/x-m4a,audio/webm,.wav,.mp3,.ogg,.flac,.m4a,.webm';

/** Runway's limit for an avatar video's script. */
export const MAX_VIDEO_TEXT = 5000;
/** The JSON body of a text video: 5000 characters at up to 4 bytes each in UTF-8, plus the rest. */
export const TEXT_VIDEO_BODY_BYTES = 32 * 1024;

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
