import type { SessionPhase } from '@/lib/call/session-schema';

/** The call's app-shaped data, shared by server and browser. Runway's wire format never leaves lib/server/runway/. */

/** What `<AvatarCall credentials>` takes: note `serverUrl`, which Runway's consume calls `url`. */
export interface CallCredentials {
  sessionId: string;
  serverUrl: string;
  token: string;
  roomName: string;
}

/** A backend tool call the app's handler served during a call, as the call page lists them. */
export interface BackendToolCall {
  /** Its place in the session's list, from 0: the page asks for what came after the last one it has. */
  seq: number;
  name: string;
  arguments: unknown;
  /** The handler's result, or why it failed (bad arguments, a tool failure): what the avatar was told. */
  outcome: { result: Record<string, unknown> } | { error: string };
  durationMs: number;
  at: string;
}

export interface SessionFailure {
  code: string;
  message: string;
}

export interface SessionProgress {
  sessionId: string;
  phase: SessionPhase;
  failure?: SessionFailure;
  durationSeconds?: number;
}

export interface StartedSession {
  sessionId: string;
  createdAt: string;
  maxDurationSeconds: number;
  /** Signed proof of ownership; status, consume and cancel requests send it back. */
  ticket: string;
}
