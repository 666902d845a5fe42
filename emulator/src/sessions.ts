import { requireReadyAvatar } from './avatars';
import { EmulatorHttpError, notFound, readJson, validate } from './http';
import type { EmulatorContext } from './context';
import { presetName } from './runway-facts';
import type { AgentScriptConfig } from './room/agent-script';
import type { RoomSession } from './room/room';
import { signRoomToken } from './room/tokens';
import { exampleToolArgs } from './tool-examples';
import type { SessionFault, SessionRecord } from './store';
import { drawReadyTiming } from './ready-profiles';
import { checkSignedUrl } from './elevenlabs';
import { createSessionBody } from './wire-schemas';

/** Long enough to join and rejoin within a call, short enough that a leaked token soon expires. */
const ROOM_TOKEN_TTL_SECONDS = 600;
/** Runway's default `timeoutSeconds` for a backend_rpc tool. */
const DEFAULT_RPC_TIMEOUT_SECONDS = 4;

/** What an emulated session reports, derived from its timestamps at read time: no timers to leak or reload. */
export function sessionStatus(session: SessionRecord, now: number) {
  const base = { id: session.id, createdAt: new Date(session.createdAt).toISOString() };
  if (session.cancelledAt !== undefined) return { ...base, status: 'CANCELLED' as const };
  if (session.joinedAt !== undefined) {
    const cap = session.joinedAt + (session.body.maxDuration ?? 300) * 1000;
    const end = session.endedAt ?? (now >= cap ? cap : undefined);
    if (end === undefined) return { ...base, status: 'RUNNING' as const };
    return { ...base, status: 'COMPLETED' as const, duration: Math.round((end - session.joinedAt) / 1000) };
  }
  if (session.fault === 'never-ready' || now < session.queuedUntil) {
    return { ...base, status: 'NOT_READY' as const, queued: true };
  }
  if (now < session.readyAt) return { ...base, status: 'NOT_READY' as const, queued: false };
  if (session.fault === 'fail') {
    return { ...base, status: 'FAILED' as const, failure: 'The avatar worker failed to start.', failureCode: 'INTERNAL' };
  }
  if (session.elevenLabs && 'problem' in session.elevenLabs) {
    return { ...base, status: 'FAILED' as const, failure: session.elevenLabs.problem, failureCode: 'INTERNAL' };
  }
  if (now >= session.expiresAt) {
    return {
      ...base,
      status: 'FAILED' as const,
      failure: 'No participants joined the session',
      failureCode: 'TALKING_AVATAR.NO_PARTICIPANT',
    };
  }
  return {
    ...base,
    status: 'READY' as const,
    sessionKey: session.sessionKey,
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

function activeSessions(ctx: EmulatorContext) {
  const now = ctx.now();
  return [...ctx.state.sessions.values()].filter((session) => !TERMINAL.has(sessionStatus(session, now).status)).length;
}

function find(ctx: EmulatorContext, id: string) {
  const session = ctx.state.sessions.get(id);
  if (!session) throw notFound('Realtime session');
  return session;
}

/** Loopback, private and link-local hosts: Runway's worker cannot reach them, so a signed URL must not name one. */
const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|\[::1\]|\[f[cd])/i;

export async function createSession(ctx: EmulatorContext, request: Request) {
  const body = validate(createSessionBody, await readJson(request), 'body');
  if (body.avatar.type === 'custom') requireReadyAvatar(ctx, body.avatar.avatarId);
  const limit = ctx.options.maxConcurrentSessions ?? 0;
  if (limit > 0 && activeSessions(ctx) >= limit) {
    throw new EmulatorHttpError(429, 'Too many concurrent sessions', {}, { 'retry-after': '30' });
  }
  const fault = ctx.state.faults.session.shift();
  if (fault?.startsWith('http-')) {
    const status = Number(fault.slice('http-'.length));
    const headers = status === 429 ? { 'retry-after': '30' } : undefined;
    const message = { 401: 'Invalid API key', 429: 'Too many concurrent sessions', 500: 'Internal server error' }[status];
    throw new EmulatorHttpError(status, message ?? 'Emulated failure', {}, headers);
  }
  const now = ctx.now();
  const { readyProfile: profile = 'uniform', queuedMs: queued, readyMs: range } = ctx.options;
  const { queuedMs, readyMs } = drawReadyTiming({
    profile,
    queuedMs: queued,
    readyMs: range,
    created: ctx.state.sessions.size,
    random: ctx.random,
  });
  const readyAt = now + readyMs;
  // The worker checks the URL when it starts; the stand-in's own URLs may name this machine.
  const signedUrl = body.integration?.type === 'elevenlabs' ? body.integration.signedUrl : undefined;
  const elevenLabs = signedUrl === undefined ? undefined : checkSignedUrl(ctx, signedUrl, readyAt);
  if (signedUrl && elevenLabs && 'foreign' in elevenLabs && elevenLabs.foreign && PRIVATE_HOST.test(new URL(signedUrl).host)) {
    throw new EmulatorHttpError(400, 'integration.signedUrl must resolve to a public host', {
      issues: [{ code: 'custom', path: ['integration', 'signedUrl'], message: 'Must resolve to a public host' }],
    });
  }
  const session: SessionRecord = {
    id: crypto.randomUUID(),
    createdAt: now,
    queuedUntil: now + queuedMs,
    readyAt,
    expiresAt: readyAt + ctx.options.readyExpiryMs,
    sessionKey: `stk_${crypto.randomUUID().replaceAll('-', '')}`,
    body,
    fault: fault as SessionFault | undefined,
    elevenLabs,
    statusCalls: 0,
    transcript: [],
  };
  ctx.state.sessions.set(session.id, session);
  return Response.json({ id: session.id }, { status: 200 });
}

export function retrieveSession(ctx: EmulatorContext, id: string) {
  const session = find(ctx, id);
  session.statusCalls += 1;
  const status = sessionStatus(session, ctx.now());
  if (status.status === 'READY') session.readySeenAt ??= ctx.now();
  return Response.json(status);
}

/**
 * Runway's docs say neither how DELETE answers an ended session nor whether a READY one may be cancelled.
 * 'default' rules: an ended session is a 400 and READY cancels. 'alternate' rules (EMULATOR_CANCEL_RULES):
 * an ended session is a 204 that changes nothing, and a READY one is refused with 409. The app must be
 * right under both.
 */
export function cancelSession(ctx: EmulatorContext, id: string) {
  const session = find(ctx, id);
  const { status } = sessionStatus(session, ctx.now());
  const alternate = ctx.options.cancelRules === 'alternate';
  if (TERMINAL.has(status) && alternate) return new Response(null, { status: 204 });
  if (TERMINAL.has(status)) throw new EmulatorHttpError(400, `Session is already ${status}`);
  if (status === 'READY' && alternate) throw new EmulatorHttpError(409, 'A READY session cannot be cancelled');
  session.cancelledAt = ctx.now();
  return new Response(null, { status: 204 });
}

/** Single use, READY only, authorised by the session key rather than the API key. */
export async function consumeSession(ctx: EmulatorContext, id: string, request: Request) {
  if (!request.headers.get('content-type')?.includes('application/json')) {
    throw new EmulatorHttpError(400, 'Incorrect content type');
  }
  const session = find(ctx, id);
  const bearer = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (bearer !== session.sessionKey) throw new EmulatorHttpError(401, 'Invalid session key');
  if (session.consumedAt !== undefined) {
    throw new EmulatorHttpError(409, 'Session credentials have already been consumed');
  }
  const { status } = sessionStatus(session, ctx.now());
  if (status !== 'READY') throw new EmulatorHttpError(409, `Session is ${status}, not READY`);
  session.consumedAt = ctx.now();
  session.roomName ??= `emulated-${session.id}`;
  const identity = `visitor-${crypto.randomUUID().slice(0, 8)}`;
  const token = await signRoomToken(ctx.state.roomKey, { identity, room: session.roomName, hidden: false }, ROOM_TOKEN_TTL_SECONDS);
  return Response.json({ url: await ctx.roomUrl(request), token, roomName: session.roomName });
}

const BACKEND_FAULT_MESSAGES: Record<number, string> = {
  401: 'Invalid API key',
  404: 'Realtime session not found',
  500: 'Internal server error',
};

/**
 * A seat in the call for the app's backend (its RPC handler for backend tools): a token for a hidden
 * participant, while the session is READY or RUNNING. Authorised by the API key, unlike consume.
 */
export async function connectBackend(ctx: EmulatorContext, id: string, request: Request) {
  const session = find(ctx, id);
  const fault = ctx.state.faults.backend.shift();
  if (fault) {
    const status = Number(fault.slice('backend-'.length));
    throw new EmulatorHttpError(status, BACKEND_FAULT_MESSAGES[status] ?? 'Emulated failure');
  }
  const { status } = sessionStatus(session, ctx.now());
  if (status !== 'READY' && status !== 'RUNNING')
    throw new EmulatorHttpError(409, `Session is ${status}; a backend can only join a live session`);
  session.roomName ??= `emulated-${session.id}`;
  session.backendIdentity ??= `backend-${session.id}`;
  const token = await signRoomToken(
    ctx.state.roomKey,
    { identity: session.backendIdentity, room: session.roomName, hidden: true },
    ROOM_TOKEN_TTL_SECONDS,
  );
  return Response.json({ url: await ctx.roomUrl(request), token, roomName: session.roomName });
}

/** What the emulated agent says and the tools it calls, from the session's avatar and its create body. */
function agentScript(ctx: EmulatorContext, session: SessionRecord): AgentScriptConfig {
  const { avatar, tools = [], startScript } = session.body;
  const custom = avatar.type === 'custom' ? ctx.state.avatars.get(avatar.avatarId) : undefined;
  return {
    conversation: session.elevenLabs && 'agentId' in session.elevenLabs ? 'elevenlabs' : 'runway',
    avatarName: custom?.name ?? (avatar.type === 'runway-preset' ? presetName(avatar.presetId) : 'your avatar'),
    // A start script given at create overrides the avatar's own, as on Runway.
    startScript: startScript ?? custom?.startScript ?? null,
    tools: tools.map((tool) => ({
      name: tool.name,
      kind: tool.type === 'backend_rpc' ? ('backend' as const) : ('client' as const),
      examples: [exampleToolArgs(tool, new Date(ctx.now()))],
      timeoutMs: (tool.type === 'backend_rpc' ? (tool.timeoutSeconds ?? DEFAULT_RPC_TIMEOUT_SECONDS) : 0) * 1000,
    })),
  };
}

/** The room's view of a consumed session: RUNNING once the visitor's media connects, COMPLETED when it ends. */
export function roomSession(ctx: EmulatorContext, roomName: string): RoomSession | undefined {
  const session = [...ctx.state.sessions.values()].find((candidate) => candidate.roomName === roomName);
  if (!session) return undefined;
  return {
    sessionId: session.id,
    // A room opens only for a session still READY: not one cancelled, expired or already over.
    joinable: () => sessionStatus(session, ctx.now()).status === 'READY',
    status: () => sessionStatus(session, ctx.now()),
    roomName,
    maxDurationSeconds: session.body.maxDuration ?? 300,
    script: agentScript(ctx, session),
    joined: () => {
      if (session.joinedAt === undefined && sessionStatus(session, ctx.now()).status === 'READY') session.joinedAt = ctx.now();
    },
    ended: () => {
      if (sessionStatus(session, ctx.now()).status === 'RUNNING') session.endedAt = ctx.now();
    },
    turn: (turn) => {
      if (sessionStatus(session, ctx.now()).status === 'RUNNING') session.transcript.push({ ...turn, at: ctx.now() });
    },
    stallsNextRpc: () => Boolean(ctx.state.faults.rpc.shift()),
  };
}
