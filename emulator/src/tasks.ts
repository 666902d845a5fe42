import type { EmulatorContext } from './context';
import { notFound } from './http';
import { signedMediaUrl } from './media';
import type { VideoTaskRecord } from './store';

/**
 * GET /v1/tasks/{id} for the emulator's avatar-video tasks, in the SDK's TaskRetrieveResponse shapes:
 * PENDING → RUNNING (progress 0–1) → SUCCEEDED (output: expiring URLs) or FAILED (failure, failureCode).
 * Derived from timestamps at read time, like sessions: no timers.
 */

/** The emulator's own estimate: Runway does not document avatar-video pricing per second here. */
const ESTIMATED_CREDITS = 10;

export function taskStatus(ctx: EmulatorContext, task: VideoTaskRecord, origin: string) {
  const now = ctx.now();
  const base = { id: task.id, createdAt: new Date(task.createdAt).toISOString() };
  if (now < task.runningAt) return { ...base, status: 'PENDING' as const, estimatedCost: { credits: ESTIMATED_CREDITS } };
  if (now < task.completeAt) {
    const progress = Math.round(((now - task.runningAt) / (task.completeAt - task.runningAt)) * 100) / 100;
    return { ...base, status: 'RUNNING' as const, progress, estimatedCost: { credits: ESTIMATED_CREDITS } };
  }
  if (task.fault === 'video-fail') {
    return {
      ...base,
      status: 'FAILED' as const,
      cost: { credits: 0 },
      failure: 'The avatar video could not be generated.',
      failureCode: 'INTERNAL.BAD_OUTPUT.CODE01',
    };
  }
  return {
    ...base,
    status: 'SUCCEEDED' as const,
    cost: { credits: ESTIMATED_CREDITS },
    output: [signedMediaUrl(ctx, 'videos', task.id, origin)],
  };
}

export function retrieveTask(ctx: EmulatorContext, id: string, url: URL) {
  const task = ctx.state.videoTasks.get(id);
  if (!task) throw notFound('Task');
  return Response.json(taskStatus(ctx, task, url.origin));
}
