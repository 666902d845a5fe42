import type { Fault } from './config';
import type { AvatarVideoBody, CreateSessionBody } from './wire-schemas';

/**
 * What each fault affects. Every target has its own queue, so an avatar or video fault never fails a session
 * and a session fault never fails an avatar.
 */
export type FaultTarget = 'session' | 'avatar' | 'video' | 'get' | 'backend' | 'rpc' | 'elevenlabs';
export function faultTarget(fault: Fault): FaultTarget {
  if (fault === 'avatar-fail') return 'avatar';
  if (fault === 'video-fail') return 'video';
  if (fault === 'rpc-timeout') return 'rpc';
  if (fault.startsWith('get-')) return 'get';
  if (fault.startsWith('backend-')) return 'backend';
  if (fault.startsWith('elevenlabs-')) return 'elevenlabs';
  return 'session';
}

export const FAULT_TARGETS: FaultTarget[] = ['session', 'avatar', 'video', 'get', 'backend', 'rpc', 'elevenlabs'];

export type SessionFault = Extract<Fault, 'fail' | 'never-ready'>;

/** One turn of a call, in the shape Runway's conversation transcripts use: what the emulated room recorded. */
export interface RecordedTurn {
  role: 'user' | 'assistant';
  content: string | null;
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
  /** A backend tool's answer, as the worker got it over RPC. */
  toolResults?: ToolResultRecord[];
  at: number;
}

export type ToolResultRecord = { name: string; durationMs: number } & ({ result: Record<string, unknown> } | { error: string });

export interface SessionRecord {
  id: string;
  createdAt: number;
  queuedUntil: number;
  readyAt: number;
  expiresAt: number;
  sessionKey: string;
  body: CreateSessionBody;
  fault?: SessionFault;
  /**
   * Created with an ElevenLabs integration: the stand-in agent the worker talks through, or why it cannot
   * (checked as the worker starts, at `readyAt`), which fails the session instead of making it READY.
   */
  elevenLabs?: { agentId: string } | { problem: string; foreign: boolean };
  consumedAt?: number;
  /** When the visitor's media connected in the emulated room: the session is RUNNING from then. */
  joinedAt?: number;
  roomName?: string;
  /** The hidden backend participant's identity, once connect_backend handed out its token. */
  backendIdentity?: string;
  endedAt?: number;
  cancelledAt?: number;
  /** What was said in the emulated room, with when: the transcript its conversation reports. */
  transcript: RecordedTurn[];
  /** How many GET /v1/realtime_sessions/{id} calls this session received (for benchmarks and tests). */
  statusCalls: number;
  /** When a status call first answered READY: how long READY waited for a check (for benchmarks). */
  readySeenAt?: number;
}

export type AvatarVoiceRecord = { type: 'runway-live-preset'; presetId: string } | { type: 'custom'; id: string };

/** A custom avatar. Its status is derived from `readyAt` at read time (avatarStatus in avatars.ts). */
export interface AvatarRecord {
  id: string;
  name: string;
  personality: string;
  startScript: string | null;
  voice: AvatarVoiceRecord;
  imageProcessing: 'optimize' | 'none';
  referenceImageUri: string | null;
  processedImageUri: string | null;
  documentIds: string[];
  createdAt: string;
  updatedAt: string;
  /** When processing ends (ms); before it the avatar is PROCESSING. */
  readyAt: number;
  /** Set by the 'avatar-fail' fault: processing ends FAILED with this reason. */
  failureReason?: string;
}

/** An ephemeral upload: created by POST /v1/uploads, filled by the multipart POST to its uploadUrl. */
export interface UploadRecord {
  id: string;
  filename: string;
  /** The signed form field the storage POST must echo, as a presigned S3 form requires. */
  policy: string;
  expiresAt: number;
  uploaded?: { bytes: number; contentType: string; dataUri?: string };
}

export interface DocumentRecord {
  id: string;
  name: string;
  content: string;
  createdAt: string;
  updatedAt: string;
}

export interface VoiceRecord {
  id: string;
  name: string;
  description: string | null;
  source: 'text' | 'audio';
  createdAt: string;
  readyAt: number;
}

/** An avatar-video task: its status is derived from these timestamps at read time, as sessions' are. */
export interface VideoTaskRecord {
  id: string;
  createdAt: number;
  runningAt: number;
  completeAt: number;
  body: AvatarVideoBody;
  fault?: 'video-fail';
}

export interface EmulatorState {
  sessions: Map<string, SessionRecord>;
  avatars: Map<string, AvatarRecord>;
  uploads: Map<string, UploadRecord>;
  documents: Map<string, DocumentRecord>;
  voices: Map<string, VoiceRecord>;
  /** Queued faults by target, each applied to the next session, avatar, video task or GET in order. */
  faults: Record<FaultTarget, Fault[]>;
  videoTasks: Map<string, VideoTaskRecord>;
  /** Conversations deleted through DELETE /v1/avatar_conversations/{id}; their sessions still count as usage. */
  deletedConversations: Set<string>;
  /** Signs the expiring media URLs (recordings, video outputs); random per emulator. */
  mediaKey: Uint8Array;
  /** Signs the room tokens consume hands out (HS256, as a LiveKit API secret); random per emulator. */
  roomKey: Uint8Array;
  /** Signs the ElevenLabs stand-in's signed URLs (elevenlabs.ts); random per emulator. */
  elevenLabsKey: Uint8Array;
}

/** The custom avatar every emulator starts with, so custom-avatar calls work before avatar management exists. */
export const DEMO_AVATAR_ID = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';

export function createState(faults: Fault[], now: number): EmulatorState {
  const stamp = new Date(now).toISOString();
  const demo: AvatarRecord = {
    id: DEMO_AVATAR_ID,
    name: 'Ada',
    personality: 'You are Ada, a warm and concise product guide for the Runway Characters Starter. Answer in two sentences at most.',
    startScript: 'Hi, I am Ada. Ask me anything about this starter.',
    voice: { type: 'runway-live-preset', presetId: 'clara' },
    imageProcessing: 'optimize',
    referenceImageUri: '/avatars/ada.svg',
    processedImageUri: '/avatars/ada.svg',
    documentIds: [],
    createdAt: stamp,
    updatedAt: stamp,
    // Seeded ready: it never went through processing, whatever a test's clock says.
    readyAt: 0,
  };
  return {
    sessions: new Map(),
    avatars: new Map([[demo.id, demo]]),
    uploads: new Map(),
    documents: new Map(),
    voices: new Map(),
    faults: Object.fromEntries(
      FAULT_TARGETS.map((target) => [target, faults.filter((fault) => faultTarget(fault) === target)]),
    ) as EmulatorState['faults'],
    videoTasks: new Map(),
    deletedConversations: new Set(),
    mediaKey: crypto.getRandomValues(new Uint8Array(32)),
    roomKey: crypto.getRandomValues(new Uint8Array(32)),
    elevenLabsKey: crypto.getRandomValues(new Uint8Array(32)),
  };
}
