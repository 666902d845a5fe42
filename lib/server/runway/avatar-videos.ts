import 'server-only';
import type { AvatarVideoCreateParams } from '@runwayml/sdk/resources/avatar-videos';
import type { TaskRetrieveResponse } from '@runwayml/sdk/resources/tasks';
import { AppError } from '@/lib/errors';
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

/** What a finished render's file is sent as: its type and a name to save it under. */
const FILE_EXTENSIONS: Record<string, string> = { 'video/mp4': 'mp4', 'video/webm': 'webm', 'audio/wav': 'wav', 'audio/mpeg': 'mp3' };

/**
 * A finished render's file, fetched from Runway's expiring link and handed on as an attachment. Browsers
 * ignore `download` on a link to another origin (Runway's storage), so the page's "Download video" goes
 * through this server instead. A task that has not succeeded is a 409.
 */
export async function downloadVideo(id: string): Promise<Response> {
  const task = await getVideoTask(id);
  if (task.status !== 'succeeded' || !task.videoUrl) throw new AppError('conflict', 'This video is not ready to download.');
  let upstream: Response;
  try {
    upstream = await fetch(task.videoUrl, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new AppError('upstream_unavailable', 'Could not fetch the video from Runway. Try again in a moment.', { cause: error });
  }
  if (!upstream.ok || !upstream.body) {
    throw new AppError('upstream_unavailable', 'Could not fetch the video from Runway. Try again in a moment.', {
      cause: new Error(`video download: HTTP ${upstream.status}`),
    });
  }
  const type = upstream.headers.get('content-type')?.split(';')[0]?.trim() ?? 'application/octet-stream';
  const extension = FILE_EXTENSIONS[type] ?? 'bin';
  const headers = new Headers({
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="avatar-video-${task.id}.${extension}"`,
    'Cache-Control': 'private, no-store',
  });
  const length = upstream.headers.get('content-length');
  if (length) headers.set('Content-Length', length);
  return new Response(upstream.body, { headers });
}
