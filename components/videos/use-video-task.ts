'use client';

import { useEffect, useState } from 'react';
import { videoApi } from '@/lib/videos/video-api';
import type { VideoTask } from '@/lib/videos/types';

/**
 * Polls an avatar-video task until it is done. Runway asks clients not to expect updates more often than
 * every 5 s; the first checks come sooner because short clips finish quickly (and the emulator's in seconds).
 */
const delayFor = (attempt: number) => (attempt < 5 ? 1000 : attempt < 10 ? 2000 : 5000);

export function useVideoTask(taskId: string | null) {
  const [task, setTask] = useState<VideoTask | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!taskId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const poll = async () => {
      try {
        const next = await videoApi.task(taskId, controller.signal);
        setTask(next);
        if (next.status === 'pending' || next.status === 'running') timer = setTimeout(poll, delayFor(attempt++));
      } catch (caught) {
        if (!controller.signal.aborted) setError(caught instanceof Error ? caught.message : 'Could not check the video.');
      }
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [taskId]);

  return { task: taskId ? task : null, error: taskId ? error : null };
}
