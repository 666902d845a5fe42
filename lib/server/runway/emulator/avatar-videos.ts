import 'server-only';
import { z } from 'zod';
import { PRESET_AVATAR_IDS } from '@/lib/presets';
import { AVATAR_VIDEO_VOICE_IDS } from '@/lib/schemas/avatar-video';
import type { EmulatorContext } from './context';
import { readJson, validate } from './http';
import { requireReadyAvatar } from './avatars';
import type { VideoTaskRecord } from './store';

/**
 * POST /v1/avatar_videos: validates as Runway does, then creates a task that
 * /v1/tasks/{id} reports (tasks.ts). Note the voice discriminator: `'preset'` here, where avatars and
 * sessions say `'runway-live-preset'`; the emulator refuses the wrong one, as the API does.
 */

/** 16 MB of base64 text; the reference allows data:audio URIs up to 16 MB. */
const MAX_DATA_URI_CHARS = 16 * 1024 * 1024;

const audioSource = z
  .string()
  .min(1)
  .max(MAX_DATA_URI_CHARS, 'The audio data URI must be at most 16 MB')
  .refine(
    (value) =>
      /^https:\/\/\S+$/.test(value) || /^runway:\/\/\S+$/.test(value) || /^data:audio\/[\w.+-]+;base64,[A-Za-z0-9+/]+=*$/.test(value),
    'audio must be an HTTPS URL, a runway:// upload URI or a base64 data:audio URI',
  );

export const avatarVideoBody = z.strictObject({
  model: z.literal('gwm1_avatars'),
  avatar: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('runway-preset'), presetId: z.enum(PRESET_AVATAR_IDS) }),
    z.strictObject({ type: z.literal('custom'), avatarId: z.guid() }),
  ]),
  speech: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('audio'), audio: audioSource }),
    z.strictObject({
      type: z.literal('text'),
      text: z.string().min(1).max(5000),
      voice: z
        .discriminatedUnion('type', [
          z.strictObject({ type: z.literal('preset'), presetId: z.enum(AVATAR_VIDEO_VOICE_IDS) }),
          z.strictObject({ type: z.literal('custom'), id: z.guid() }),
        ])
        .optional(),
    }),
  ]),
});

export type AvatarVideoBody = z.infer<typeof avatarVideoBody>;

export async function createAvatarVideo(ctx: EmulatorContext, request: Request) {
  const body = validate(avatarVideoBody, await readJson(request), 'body');
  if (body.avatar.type === 'custom') requireReadyAvatar(ctx, body.avatar.avatarId);
  const now = ctx.now();
  const total = ctx.options.videoMs ?? 4000;
  const fault = ctx.state.faults.video.shift();
  const task: VideoTaskRecord = {
    id: crypto.randomUUID(),
    createdAt: now,
    // A quarter of the time queued (at most 1 s), the rest rendering.
    runningAt: now + Math.min(1000, Math.round(total / 4)),
    completeAt: now + total,
    body,
    fault: fault === 'video-fail' ? fault : undefined,
  };
  ctx.state.videoTasks.set(task.id, task);
  return Response.json({ id: task.id });
}
