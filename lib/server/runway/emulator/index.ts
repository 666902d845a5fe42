import 'server-only';
import type { EmulatorFault, Env } from '@/lib/env-schema';
import type { EmulatedTurn } from '@/lib/schemas/emulator';
import { createAvatar, deleteAvatar, listAvatars, retrieveAvatar, updateAvatar } from './avatars';
import { createAvatarVideo } from './avatar-videos';
import { deleteConversation, listConversations, retrieveConversation } from './conversations';
import { createDocument, deleteDocument, listDocuments, retrieveDocument, updateDocument } from './documents';
import type { EmulatorContext, EmulatorOptions } from './context';
import { EmulatorHttpError, runwayError } from './http';
import {
  cancelSession,
  consumeSession,
  createSession,
  endCall,
  joinRoom,
  recordTurn,
  retrieveSession,
  sessionStatus,
} from './sessions';
import { serveMedia } from './media';
import { createState, faultTarget } from './store';
import { retrieveTask } from './tasks';
import { createUpload, receiveUpload, STORAGE_PATH } from './uploads';
import { getUsage } from './usage';
import { createVoice, deleteVoice, listVoices, previewVoice, retrieveVoice, updateVoice } from './voices';

export { DEMO_AVATAR_ID } from './store';
export { EMULATED_LIVEKIT_URL } from './sessions';

/**
 * A stateful, in-memory Runway API: the endpoints this app uses, with Runway's validation rules, status
 * codes and error bodies (../shared/runway-api.md). It is a Web-standard fetch, so the real `@runwayml/sdk`
 * runs against it unchanged, and msw can delegate to it in tests.
 */

export const RUNWAY_VERSION = '2024-11-06';

type Handler = (ctx: EmulatorContext, match: RegExpMatchArray, request: Request, url: URL) => Response | Promise<Response>;

// 'none': the presigned storage POST, authorised by its form fields as S3 would be. 'signed-url': media links.
const ROUTES: Array<{ method: string; pattern: RegExp; handler: Handler; auth: 'api-key' | 'session-key' | 'none' | 'signed-url' }> = [
  { method: 'POST', pattern: /^\/v1\/realtime_sessions$/, auth: 'api-key', handler: (ctx, _m, req) => createSession(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/realtime_sessions\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveSession(ctx, m[1]!) },
  { method: 'DELETE', pattern: /^\/v1\/realtime_sessions\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => cancelSession(ctx, m[1]!) },
  {
    method: 'POST',
    pattern: /^\/v1\/realtime_sessions\/([^/]+)\/consume$/,
    auth: 'session-key',
    handler: (ctx, m, req) => consumeSession(ctx, m[1]!, req),
  },
  { method: 'GET', pattern: /^\/v1\/avatars$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listAvatars(ctx, url) },
  { method: 'GET', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveAvatar(ctx, m[1]!) },
  { method: 'POST', pattern: /^\/v1\/avatars$/, auth: 'api-key', handler: (ctx, _m, req) => createAvatar(ctx, req) },
  { method: 'PATCH', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateAvatar(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteAvatar(ctx, m[1]!) },
  { method: 'POST', pattern: /^\/v1\/uploads$/, auth: 'api-key', handler: (ctx, _m, req) => createUpload(ctx, req) },
  { method: 'POST', pattern: new RegExp(`^${STORAGE_PATH}([^/]+)$`), auth: 'none', handler: (ctx, m, req) => receiveUpload(ctx, m[1]!, req) },
  { method: 'GET', pattern: /^\/v1\/documents$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listDocuments(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/documents$/, auth: 'api-key', handler: (ctx, _m, req) => createDocument(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveDocument(ctx, m[1]!) },
  { method: 'PATCH', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateDocument(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteDocument(ctx, m[1]!) },
  { method: 'POST', pattern: /^\/v1\/voices\/preview$/, auth: 'api-key', handler: (ctx, _m, req) => previewVoice(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/voices$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listVoices(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/voices$/, auth: 'api-key', handler: (ctx, _m, req) => createVoice(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveVoice(ctx, m[1]!) },
  { method: 'PATCH', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateVoice(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteVoice(ctx, m[1]!) },
  { method: 'GET', pattern: /^\/v1\/avatar_conversations$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listConversations(ctx, url) },
  {
    method: 'GET',
    pattern: /^\/v1\/avatar_conversations\/([^/]+)$/,
    auth: 'api-key',
    handler: (ctx, m, _req, url) => retrieveConversation(ctx, m[1]!, url),
  },
  { method: 'DELETE', pattern: /^\/v1\/avatar_conversations\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteConversation(ctx, m[1]!) },
  { method: 'GET', pattern: /^\/v1\/avatar_usage$/, auth: 'api-key', handler: (ctx, _m, _req, url) => getUsage(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/avatar_videos$/, auth: 'api-key', handler: (ctx, _m, req) => createAvatarVideo(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/tasks\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, _req, url) => retrieveTask(ctx, m[1]!, url) },
  // Recordings and video outputs: authorised by the link's signature, like Runway's expiring download URLs.
  {
    method: 'GET',
    pattern: /^\/media\/([^/]+)\/([^/]+)$/,
    auth: 'signed-url',
    handler: (ctx, m, _req, url) => serveMedia(ctx, m[1]!, decodeURIComponent(m[2]!), url.searchParams),
  },
];

function checkApiKey(request: Request) {
  const authorization = request.headers.get('authorization');
  if (!authorization?.startsWith('Bearer ')) throw new EmulatorHttpError(401, 'Missing API key');
  if (!/^key_\S+$/.test(authorization.slice('Bearer '.length))) throw new EmulatorHttpError(401, 'Invalid API key');
  const version = request.headers.get('x-runway-version');
  if (version !== RUNWAY_VERSION) {
    throw new EmulatorHttpError(400, `X-Runway-Version must be set to the exact value ${RUNWAY_VERSION}`);
  }
}

export interface CreateEmulatorOptions extends EmulatorOptions {
  faults?: EmulatorFault[];
  now?: () => number;
  random?: () => number;
}

export function createEmulator({ faults = [], now = Date.now, random = Math.random, ...options }: CreateEmulatorOptions) {
  const ctx: EmulatorContext = { state: createState(faults, now()), options, now, random };

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const matches = ROUTES.filter((route) => route.pattern.test(url.pathname));
    const route = matches.find((candidate) => candidate.method === request.method);
    try {
      if (!matches.length) throw new EmulatorHttpError(404, 'Not found');
      if (!route) throw new EmulatorHttpError(405, 'Method not allowed');
      if (route.auth === 'api-key') checkApiKey(request);
      return await route.handler(ctx, url.pathname.match(route.pattern)!, request, url);
    } catch (error) {
      if (error instanceof EmulatorHttpError) return error.toResponse();
      console.error('[runway-emulator] unexpected error', error);
      return runwayError(500, 'Internal server error');
    }
  }

  return {
    handle,
    /** Same signature as the global fetch, for `new RunwayML({ fetch })`. */
    fetch: (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init)),
    control: {
      queueFaults(next: EmulatorFault[]) {
        for (const fault of next) ctx.state.faults[faultTarget(fault)].push(fault);
        return Object.values(ctx.state.faults).flat();
      },
      /** Every session's status, without its session key. */
      sessions() {
        return [...ctx.state.sessions.values()].map((session) => {
          const { id, status, createdAt } = sessionStatus(session, ctx.now());
          return {
            id,
            status,
            createdAt,
            readyAt: new Date(session.readyAt).toISOString(),
            statusCalls: session.statusCalls,
            // What the call offered and played: lets tests check tools at create and the turns of an emulated call.
            tools: session.body.tools?.map((tool) => tool.name) ?? [],
            transcript: session.transcript,
          };
        });
      },
      session(id: string) {
        const session = ctx.state.sessions.get(id);
        return session && { readyAt: session.readyAt, statusCalls: session.statusCalls };
      },
      joinRoom: (roomName: string, token: string) => joinRoom(ctx, roomName, token),
      endCall: (roomName: string, token: string) => endCall(ctx, roomName, token),
      recordTurn: (roomName: string, token: string, turn: EmulatedTurn) => recordTurn(ctx, roomName, token, turn),
      /** Serves a signed media link for /api/emulator/media; an HTTP error comes back as its status and message. */
      media(kind: string, id: string, query: URLSearchParams): Response | { status: number; message: string } {
        try {
          return serveMedia(ctx, kind, id, query);
        } catch (error) {
          if (error instanceof EmulatorHttpError) return { status: error.status, message: error.message };
          throw error;
        }
      },
    },
  };
}

export type RunwayEmulator = ReturnType<typeof createEmulator>;

/** The emulator as the EMULATOR_* variables describe it (built-in emulator and `npm run emulator`). */
export function createEmulatorFromEnv(env: Env, overrides: Partial<CreateEmulatorOptions> = {}) {
  return createEmulator({
    videoMs: env.EMULATOR_VIDEO_MS,
    queuedMs: env.EMULATOR_QUEUED_MS,
    readyMs: env.EMULATOR_READY_MS,
    readyProfile: env.EMULATOR_READY_PROFILE,
    readyExpiryMs: env.EMULATOR_READY_EXPIRY_MS,
    maxConcurrentSessions: env.EMULATOR_MAX_CONCURRENT_SESSIONS,
    faults: env.EMULATOR_FAULTS,
    processingMs: env.EMULATOR_PROCESSING_MS,
    ...overrides,
  });
}
