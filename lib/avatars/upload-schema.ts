import { z } from 'zod';

/**
 * What POST /api/uploads accepts. The server decides a file's type from its first bytes, never from its
 * name or the browser's claim. The image cap is UPLOAD_MAX_IMAGE_MB on the server (the page shows it).
 */

export const UPLOAD_PURPOSES = ['avatar-image', 'voice-sample'] as const;
export const uploadPurposeSchema = z.enum(UPLOAD_PURPOSES, { error: 'purpose must be avatar-image or voice-sample' });
export type UploadPurpose = z.infer<typeof uploadPurposeSchema>;

/** Runway's minimum for any upload. */
export const MIN_UPLOAD_BYTES = 512;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Runway's rule for voice samples: 10 s to 5 min, at most 10 MB. */
export const VOICE_SAMPLE_LIMITS = { maxBytes: 10 * 1024 * 1024, minSeconds: 10, maxSeconds: 300 } as const;
export const AUDIO_TYPES = ['audio/wav', 'audio/mpeg'] as const;

export function formatBytes(bytes: number) {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
