import 'server-only';
import type { AvatarVideoCreateParams } from '@runwayml/sdk/resources/avatar-videos';
import type { TaskRetrieveResponse } from '@runwayml/sdk/resources/tasks';
import type { VideoTask } from '@/lib/videos/types';
import { findPreset, type PresetAvatarId } from '@/lib/avatars/presets';
import type { TextVideoBody } from '@/lib/videos/video-schema';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { getRunway } from './client';
import { toAppError } from './errors';
import { describeFailure } from './failures';

/**
 * Avatar videos: POST /v1/avatar_videos starts a task; GET /v1/tasks/{id} reports it. The voice
 * discriminator is `'preset'` here, not the `'runway-live-preset'` that avatars and sessions use.
 */

type Speech = AvatarVideoCreateParams['speech'];

function toAvatar(avatarId: string): AvatarVideoCreateParams['avatar'] {
  return findPreset(avatarId) ? { type: 'runway-preset', presetId: avatarId as PresetAvatarId } : { type: 'custom', avatarId };
}

export function textSpeech({ text, voice }: Pick<TextVideoBody, 'text' | 'voice'>): Speech {
  if (!voice) return { type: 'text', text };
  return { type: 'text', text, voice: voice.kind === 'preset' ? { type: 'preset', presetId: voice.id } : { type: 'custom', id: voice.id } };
}

/** A data:audio URI: Runway accepts them inline, so no separate upload step is needed for short clips. */
export const audioSpeech = (bytes: Uint8Array, mime: string): Speech => ({
  type: 'audio',
  audio: `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`,
});

export async function createAvatarVideo(avatarId: string, speech: Speech): Promise<{ taskId: string }> {
  await verifyAdmin();
  try {
    // Not retried: like session create, a retried POST could start (and bill) a second render.
    const task = await getRunway().avatarVideos.create({ model: 'gwm1_avatars', avatar: toAvatar(avatarId), speech }, { maxRetries: 0 });
    return { taskId: task.id };
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}

function toTask(task: TaskRetrieveResponse): VideoTask {
  const base = { id: task.id, progress: null, videoUrl: null, failure: null };
  switch (task.status) {
    case 'PENDING':
    case 'THROTTLED':
      return { ...base, status: 'pending' };
    case 'RUNNING':
      return { ...base, status: 'running', progress: task.progress };
    case 'SUCCEEDED':
      return { ...base, status: 'succeeded', videoUrl: task.output[0] ?? null };
    case 'CANCELLED':
      return { ...base, status: 'cancelled' };
    case 'FAILED':
      return { ...base, status: 'failed', failure: describeVideoFailure(task.failureCode) };
  }
}

function describeVideoFailure(code: string | undefined) {
  const failure = describeFailure(code ?? 'INTERNAL');
  return failure.code.startsWith('SAFETY.') || failure.code === 'ASSET.INVALID'
    ? failure
    : { ...failure, message: 'Runway could not render this video. Please try again.' };
}

export async function getVideoTask(id: string): Promise<VideoTask> {
  await verifyAdmin();
  try {
    return toTask(await getRunway().tasks.retrieve(id));
  } catch (error) {
    throw toAppError(error, 'Task');
  }
}
