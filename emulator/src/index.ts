import type { EmulatorConfig, Fault, LatencyClass } from './config';
import { createAvatar, deleteAvatar, listAvatars, retrieveAvatar, updateAvatar } from './avatars';
import { createAvatarVideo } from './avatar-videos';
import { deleteConversation, listConversations, retrieveConversation } from './conversations';
import { getSignedUrl } from './elevenlabs';
import { createDocument, deleteDocument, listDocuments, retrieveDocument, updateDocument } from './documents';
import type { EmulatorContext, EmulatorOptions } from './context';
import { EmulatorHttpError, runwayError } from './http';
import { loadAgentMedia } from './room/agent-media';
import { createRoomServer, type RoomServer, type RoomServerOptions } from './room/room-server';
import { cancelSession, connectBackend, consumeSession, createSession, retrieveSession, roomSession, sessionStatus } from './sessions';
import { serveMedia, signedMediaUrl } from './media';
import { createState, faultTarget } from './store';
import { retrieveTask, taskStatus } from './tasks';
import { createUpload, receiveUpload, STORAGE_PATH } from './uploads';
import { getUsage } from './usage';
import { createVoice, deleteVoice, listVoices, previewVoice, retrieveVoice, updateVoice } from './voices';

export { DEMO_AVATAR_ID } from './store';
export { STAND_IN_AGENT_ID, STAND_IN_API_KEY } from './elevenlabs';

/**
 * A stateful, in-memory Runway API: the endpoints this app uses, with Runway's validation rules, status
 * codes and error bodies, as Runway's API reference and the SDK's types describe them. It is a Web-standard fetch, so the real `@runwayml/sdk`
 * runs against it unchanged, and msw can delegate to it in tests.
 */

export const RUNWAY_VERSION = '2024-11-06';

type Handler = (ctx: EmulatorContext, match: RegExpMatchArray, request: Request, url: URL) => Response | Promise<Response>;

// 'none': the presigned storage POST, authorised by its form fields as S3 would be, and the ElevenLabs
// stand-in, which checks its own key. 'signed-url': media links.
// `latency`: the EMULATOR_LATENCY_MS class, where it is not simply read (GET) or write (anything else).
const ROUTES: Array<{
  method: string;
  pattern: RegExp;
  handler: Handler;
  auth: 'api-key' | 'session-key' | 'none' | 'signed-url';
  latency?: LatencyClass;
}> = [
  { method: 'POST', pattern: /^\/v1\/realtime_sessions$/, auth: 'api-key', handler: (ctx, _m, req) => createSession(ctx, req) },
  {
    method: 'GET',
    pattern: /^\/v1\/realtime_sessions\/([^/]+)$/,
    auth: 'api-key',
    latency: 'poll',
    handler: (ctx, m) => retrieveSession(ctx, m[1]!),
  },
  { method: 'DELETE', pattern: /^\/v1\/realtime_sessions\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => cancelSession(ctx, m[1]!) },
  {
    method: 'POST',
    pattern: /^\/v1\/realtime_sessions\/([^/]+)\/consume$/,
    auth: 'session-key',
    handler: async (ctx, m, req) => {
      const response = await consumeSession(ctx, m[1]!, req);
      const { roomName } = ctx.state.sessions.get(m[1]!) ?? {};
      if (roomName) ctx.roomConsumed?.(roomName);
      return response;
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/realtime_sessions\/([^/]+)\/connect_backend$/,
    auth: 'api-key',
    handler: (ctx, m, req) => connectBackend(ctx, m[1]!, req),
  },
  { method: 'GET', pattern: /^\/v1\/avatars$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listAvatars(ctx, url) },
  { method: 'GET', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveAvatar(ctx, m[1]!) },
  { method: 'POST', pattern: /^\/v1\/avatars$/, auth: 'api-key', handler: (ctx, _m, req) => createAvatar(ctx, req) },
  { method: 'PATCH', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateAvatar(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/avatars\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteAvatar(ctx, m[1]!) },
  { method: 'POST', pattern: /^\/v1\/uploads$/, auth: 'api-key', handler: (ctx, _m, req) => createUpload(ctx, req) },
  {
    method: 'POST',
    pattern: new RegExp(`^${STORAGE_PATH}([^/]+)$`),
    auth: 'none',
    latency: 'upload',
    handler: (ctx, m, req) => receiveUpload(ctx, m[1]!, req),
  },
  { method: 'GET', pattern: /^\/v1\/documents$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listDocuments(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/documents$/, auth: 'api-key', handler: (ctx, _m, req) => createDocument(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => retrieveDocument(ctx, m[1]!) },
  { method: 'PATCH', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateDocument(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/documents\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteDocument(ctx, m[1]!) },
  {
    method: 'POST',
    pattern: /^\/v1\/voices\/preview$/,
    auth: 'api-key',
    latency: 'preview',
    handler: (ctx, _m, req) => previewVoice(ctx, req),
  },
  { method: 'GET', pattern: /^\/v1\/voices$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listVoices(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/voices$/, auth: 'api-key', handler: (ctx, _m, req) => createVoice(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, _req, url) => retrieveVoice(ctx, m[1]!, url) },
  { method: 'PATCH', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, req) => updateVoice(ctx, m[1]!, req) },
  { method: 'DELETE', pattern: /^\/v1\/voices\/([^/]+)$/, auth: 'api-key', handler: (ctx, m) => deleteVoice(ctx, m[1]!) },
  { method: 'GET', pattern: /^\/v1\/avatar_conversations$/, auth: 'api-key', handler: (ctx, _m, _req, url) => listConversations(ctx, url) },
  {
    method: 'GET',
    pattern: /^\/v1\/avatar_conversations\/([^/]+)$/,
    auth: 'api-key',
    handler: (ctx, m, _req, url) => retrieveConversation(ctx, m[1]!, url),
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/avatar_conversations\/([^/]+)$/,
    auth: 'api-key',
    handler: (ctx, m) => deleteConversation(ctx, m[1]!),
  },
  { method: 'GET', pattern: /^\/v1\/avatar_usage$/, auth: 'api-key', handler: (ctx, _m, _req, url) => getUsage(ctx, url) },
  { method: 'POST', pattern: /^\/v1\/avatar_videos$/, auth: 'api-key', handler: (ctx, _m, req) => createAvatarVideo(ctx, req) },
  { method: 'GET', pattern: /^\/v1\/tasks\/([^/]+)$/, auth: 'api-key', handler: (ctx, m, _req, url) => retrieveTask(ctx, m[1]!, url) },
  // The ElevenLabs stand-in (elevenlabs.ts): not Runway's API, served beside it so one emulator covers a call.
  {
    method: 'GET',
    pattern: /^\/v1\/convai\/conversation\/get-signed-url$/,
    auth: 'none',
    latency: 'elevenlabs',
    handler: (ctx, _m, req, url) => getSignedUrl(ctx, req, url),
  },
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

/** A queued get-* fault fails this one GET the way Runway's edge would: 429 asks to come back in 1 s. */
function applyGetFault(ctx: EmulatorContext) {
  const fault = ctx.state.faults.get.shift();
  if (fault === 'get-429') throw new EmulatorHttpError(429, 'Too many requests', {}, { 'retry-after': '1' });
  if (fault === 'get-500') throw new EmulatorHttpError(500, 'Internal server error');
  if (fault === 'get-503') throw new EmulatorHttpError(503, 'Service unavailable');
}

/** Waits out the class's EMULATOR_LATENCY_MS; an aborted request (the client's timeout) rejects, as fetch does. */
function delay(ctx: EmulatorContext, latencyClass: LatencyClass, signal: AbortSignal) {
  const range = ctx.options.latency?.[latencyClass];
  if (!range) return;
  const ms = range.min + Math.round(ctx.random() * (range.max - range.min));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export interface CreateEmulatorOptions extends EmulatorOptions {
  faults?: Fault[];
  now?: () => number;
  random?: () => number;
}

interface RoomState {
  port: Promise<number>;
  /** Set once the agent's media is loaded and the server exists. */
  server?: RoomServer;
}

/** Loopback on a free port: what tests and scripts get unless they say otherwise. */
const DEFAULT_ROOM: RoomServerOptions = { port: 0, host: '127.0.0.1', iceAddress: '127.0.0.1', maxRooms: 20, departureTimeoutMs: 10_000 };

export function createEmulator({ faults = [], now = Date.now, random = Math.random, ...options }: CreateEmulatorOptions) {
  const roomOptions = options.room ?? DEFAULT_ROOM;
  let room: RoomState | undefined;
  /** The rooms now open (none before the room server has started). */
  const openRooms = () => [...(room?.server?.rooms.values() ?? [])];
  const roomOf = (sessionId: string) => openRooms().find((open) => open.session.sessionId === sessionId);
  const roomUrl = async (request: Request) => {
    const host = options.publicHost ?? new URL(request.url).hostname;
    const port = room ? await room.port : roomOptions.port;
    return `ws://${host}:${port}`;
  };
  const ctx: EmulatorContext = {
    state: createState(faults, now()),
    options,
    now,
    random,
    roomUrl,
    roomConsumed: (roomName) => room?.server?.prepare(roomName),
  };

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const matches = ROUTES.filter((route) => route.pattern.test(url.pathname));
    const route = matches.find((candidate) => candidate.method === request.method);
    // Outside the try: an aborted wait rejects the fetch itself, as a real network call would.
    if (route && route.auth !== 'signed-url')
      await delay(ctx, route.latency ?? (route.method === 'GET' ? 'read' : 'write'), request.signal);
    try {
      if (!matches.length) throw new EmulatorHttpError(404, 'Not found');
      if (!route) throw new EmulatorHttpError(405, 'Method not allowed');
      if (route.auth === 'api-key') checkApiKey(request);
      if (route.auth === 'api-key' && route.method === 'GET') applyGetFault(ctx);
      return await route.handler(ctx, url.pathname.match(route.pattern)!, request, url);
    } catch (error) {
      if (error instanceof EmulatorHttpError) return error.toResponse();
      // A handler held until the client gave up (a slow fault): the fetch rejects, as a real one would.
      if (request.signal.aborted) throw error;
      console.error('[runway-emulator] unexpected error', error);
      return runwayError(500, 'Internal server error');
    }
  }

  return {
    handle,
    /** Starts the emulated media room's server once; resolves to the port it listens on. */
    startRoom() {
      if (!room) {
        const starting: RoomState = {
          port: loadAgentMedia().then((media) => {
            starting.server = createRoomServer(
              { session: (name) => roomSession(ctx, name), secret: ctx.state.roomKey, media },
              roomOptions,
            );
            return starting.server.listen();
          }),
        };
        room = starting;
      }
      return room.port;
    },
    async stopRoom() {
      const open = room;
      room = undefined;
      await open?.port.catch(() => undefined);
      await open?.server?.close();
    },
    /** Same signature as the global fetch, for `new RunwayML({ fetch })`. */
    fetch: (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init)),
    control: {
      queueFaults(next: Fault[]) {
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
            readySeenAt: session.readySeenAt === undefined ? null : new Date(session.readySeenAt).toISOString(),
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
      /** A consumed session as its room sees it: what the media room calls when a visitor joins, speaks, ends. */
      roomSession: (roomName: string) => roomSession(ctx, roomName),
      /** The rooms now open, with their participants and tracks. */
      rooms: () => openRooms().map((open) => open.describe()),
      /** Cuts a session's signal connection, as a network drop would (media goes on). */
      dropSignal(sessionId: string) {
        const open = roomOf(sessionId);
        open?.dropSignal();
        return Boolean(open);
      },
      /** Removes a call's backend participant from its room, as a lost handler process would. */
      dropBackend: (sessionId: string) => room?.server?.dropBackend(sessionId) ?? false,
      /** Signed links to the media held now, newest first: call recordings and finished avatar videos. */
      media(origin: string) {
        const now = ctx.now();
        const recordings = [...ctx.state.sessions.values()]
          .filter((session) => sessionStatus(session, now).status === 'COMPLETED' && !ctx.state.deletedConversations.has(session.id))
          .map((session) => ({
            kind: 'recording',
            id: session.id,
            createdAt: session.createdAt,
            url: signedMediaUrl(ctx, 'recordings', session.id, origin),
          }));
        const videos = [...ctx.state.videoTasks.values()]
          .map((task) => ({ task, status: taskStatus(ctx, task, origin) }))
          .filter(({ status }) => status.status === 'SUCCEEDED')
          .map(({ task }) => ({
            kind: 'video',
            id: task.id,
            createdAt: task.createdAt,
            url: signedMediaUrl(ctx, 'videos', task.id, origin),
          }));
        return [...recordings, ...videos]
          .sort((a, b) => b.createdAt - a.createdAt)
          .map(({ createdAt, ...item }) => ({ ...item, createdAt: new Date(createdAt).toISOString() }));
      },
      /**
       * Makes the avatar in a session's room call one of its tools now, with these arguments or ones made up
       * from its parameters; false when no room is open for it.
       */
      callTool(sessionId: string, tool: string, args?: Record<string, unknown>) {
        const open = roomOf(sessionId);
        open?.requestTool(tool, args);
        return Boolean(open);
      },
    },
  };
}

export type RunwayEmulator = ReturnType<typeof createEmulator>;

/** The emulator as its configuration (config.ts) describes it; `server.ts` serves it over HTTP. */
export function createEmulatorFromConfig(config: EmulatorConfig, overrides: Partial<CreateEmulatorOptions> = {}) {
  return createEmulator({
    videoMs: config.EMULATOR_VIDEO_MS,
    queuedMs: config.EMULATOR_QUEUED_MS,
    readyMs: config.EMULATOR_READY_MS,
    readyProfile: config.EMULATOR_READY_PROFILE,
    readyExpiryMs: config.EMULATOR_READY_EXPIRY_MS,
    maxConcurrentSessions: config.EMULATOR_MAX_CONCURRENT_SESSIONS,
    faults: config.EMULATOR_FAULTS,
    processingMs: config.EMULATOR_PROCESSING_MS,
    room: {
      port: config.EMULATOR_ROOM_PORT,
      host: config.EMULATOR_ROOM_BIND,
      iceAddress: config.EMULATOR_ICE_ADDRESS,
      maxRooms: config.EMULATOR_MAX_ROOMS,
      departureTimeoutMs: config.EMULATOR_DEPARTURE_TIMEOUT_MS,
    },
    cancelRules: config.EMULATOR_CANCEL_RULES,
    latency: config.EMULATOR_LATENCY_MS,
    ...overrides,
  });
}
