import 'server-only';

/**
 * Retries and timeouts for the calls that must not run under the client's defaults (two retries, a 10 s
 * timeout: lib/server/runway/client.ts). Tests read these to prove that a slow call fails once, clearly.
 */
export const CALL_OPTIONS = {
  /** Generates audio and may be billed: never repeated. A preview takes a few seconds. */
  voicePreview: { maxRetries: 0, timeout: 30_000 },
  /**
   * The SDK applies one timeout to both the /v1/uploads request and the storage POST that carries the file.
   * 10 MB (a voice sample's limit) over a 1 Mbit/s uplink takes about 84 s, hence 120 s. Not retried: the
   * presigned form is single use.
   */
  upload: { maxRetries: 0, timeout: 120_000 },
} as const;
