import 'server-only';
import { VIDEO_FAULTS, type EmulatorFault } from '@/lib/env-schema';
import type { EmulatedTurn } from '@/lib/schemas/emulator';
import type { AvatarVideoBody } from './avatar-videos';
import type { CreateSessionBody } from './wire-schemas';

export type SessionFault = Extract<EmulatorFault, 'fail' | 'never-ready'>;

export interface SessionRecord {
  id: string;
  createdAt: number;
  queuedUntil: number;
  readyAt: number;
  expiresAt: number;
  sessionKey: string;
  body: CreateSessionBody;
  fault?: SessionFault;
  consumedAt?: number;
  /** When the emulated participant joined the room (a live call's WebRTC connection). */
  joinedAt?: number;
  roomName?: string;
  roomToken?: string;
  endedAt?: number;
  cancelledAt?: number;
  /** What the emulated call played, with when: the transcript its conversation reports. */
  transcript: Array<EmulatedTurn & { at: number }>;
  /** How many GET /v1/realtime_sessions/{id} calls this session received (for benchmarks and tests). */
  statusCalls: number;
}

export interface AvatarRecord {
  id: string;
  name: string;
  status: 'PROCESSING' | 'READY' | 'FAILED';
  failureReason?: string;
  personality: string;
  startScript: string | null;
  voice: { type: 'runway-live-preset'; presetId: string; name: string; description: string };
  referenceImageUri: string | null;
  processedImageUri: string | null;
  documentIds: string[];
  createdAt: string;
  updatedAt: string;
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
  faults: EmulatorFault[];
  /** `video-fail` faults, applied to the next avatar-video tasks. */
  videoFaults: EmulatorFault[];
  videoTasks: Map<string, VideoTaskRecord>;
  /** Conversations deleted through DELETE /v1/avatar_conversations/{id}; their sessions still count as usage. */
  deletedConversations: Set<string>;
  /** Signs the expiring media URLs (recordings, video outputs); random per emulator. */
  mediaKey: Uint8Array;
}

const isVideoFault = (fault: EmulatorFault) => (VIDEO_FAULTS as readonly EmulatorFault[]).includes(fault);

/** Splits a fault list into the session queue and the video queue. */
export function partitionFaults(faults: EmulatorFault[]) {
  return { session: faults.filter((fault) => !isVideoFault(fault)), video: faults.filter(isVideoFault) };
}

/** The custom avatar every emulator starts with, so custom-avatar calls work before avatar management exists. */
export const DEMO_AVATAR_ID = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';

export function createState(faults: EmulatorFault[], now: number): EmulatorState {
  const stamp = new Date(now).toISOString();
  const demo: AvatarRecord = {
    id: DEMO_AVATAR_ID,
    name: 'Ada',
    status: 'READY',
    personality:
      'You are Ada, a warm and concise product guide for the Runway Characters Starter. Answer in two sentences at most.',
    startScript: 'Hi, I am Ada. Ask me anything about this starter.',
    voice: { type: 'runway-live-preset', presetId: 'clara', name: 'Clara', description: 'Soft, approachable' },
    referenceImageUri: '/avatars/ada.svg',
    processedImageUri: '/avatars/ada.svg',
    documentIds: [],
    createdAt: stamp,
    updatedAt: stamp,
  };
  const { session, video } = partitionFaults(faults);
  return {
    sessions: new Map(),
    avatars: new Map([[demo.id, demo]]),
    faults: session,
    videoFaults: video,
    videoTasks: new Map(),
    deletedConversations: new Set(),
    mediaKey: crypto.getRandomValues(new Uint8Array(32)),
  };
}
