import 'server-only';
import { createRpcHandler } from '@runwayml/avatars-node-rpc';
import { getRunway } from './client';
import { toAppError } from './errors';

/**
 * The backend's seat in a call, for `backend_rpc` tools: `connect_backend` (API key) hands out a token for
 * a hidden participant, and Runway's `@runwayml/avatars-node-rpc` joins the call's LiveKit room with it
 * (through `@livekit/rtc-node`) and serves one RPC method per tool. The avatar worker, and only it (a
 * `worker:` identity: the package refuses other callers), calls them and speaks the answers.
 */

export type BackendTool = (args: Record<string, unknown>) => Promise<Record<string, unknown>>;

export interface BackendSeat {
  /** Settles when the room connection ends: the call ended, the room dropped it, or close(). */
  readonly left: Promise<void>;
  close(): Promise<void>;
}

export async function joinCallAsBackend(sessionId: string, tools: Record<string, BackendTool>): Promise<BackendSeat> {
  let credentials;
  try {
    // Through the SDK client, not the package's own fetch: one base URL, and the emulator's fetch in demo mode.
    // Not retried: the call has started, and a backend that cannot join only makes its tools fail.
    credentials = await getRunway().post<{ url: string; token: string; roomName: string }>(
      `/v1/realtime_sessions/${encodeURIComponent(sessionId)}/connect_backend`,
      { maxRetries: 0 },
    );
  } catch (error) {
    throw toAppError(error, 'Session');
  }
  let markLeft!: () => void;
  const left = new Promise<void>((resolve) => (markLeft = resolve));
  const handler = await createRpcHandler({ credentials, tools, onDisconnected: () => markLeft() });
  return {
    left,
    close: async () => {
      await handler.close().catch(() => undefined);
      markLeft();
    },
  };
}
