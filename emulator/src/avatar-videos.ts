import type { EmulatorContext } from './context';
import { readJson, validate } from './http';
import { requireReadyAvatar } from './avatars';
import type { VideoTaskRecord } from './store';
import { avatarVideoBody } from './wire-schemas';

/**
 * POST /v1/avatar_videos: validates as Runway does, then creates a task that
 * /v1/tasks/{id} reports (tasks.ts). Note the voice discriminator: `'preset'` here, where avatars and
 * sessions say `'runway-live-preset'`; the emulator refuses the wrong one, as the API does.
 */

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
