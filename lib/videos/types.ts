/** App-shaped avatar video tasks ("Make a video"); Runway's wire stays in lib/server/runway/. */

export type VideoTaskStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface VideoTask {
  id: string;
  status: VideoTaskStatus;
  /** 0–1 while running, else null. */
  progress: number | null;
  /** The rendered video (expires within 24–48 h). */
  videoUrl: string | null;
  failure: { code: string; message: string } | null;
}
