import { z } from 'zod';
import { presetName } from './runway-facts';
import type { EmulatorContext } from './context';
import { notFound, validate } from './http';
import { paginate } from './pagination';
import { signedMediaUrl } from './media';
import { sessionStatus } from './sessions';
import { cursorQuery } from './wire-schemas';
import type { SessionRecord } from './store';

/**
 * /v1/avatar_conversations, derived at read time from the sessions the emulator actually ran
 * (Runway's /v1/avatar_conversations). A conversation is its session, seen afterwards:
 * - NOT_READY or READY (never joined): `in_progress`, not started (startedAt and duration null), as Runway
 *   lists every session from create on;
 * - RUNNING: `in_progress`, with the turns recorded so far;
 * - COMPLETED (END_CALL or the duration cap): `ended`, with its transcript and a recording;
 * - CANCELLED: `ended` with an empty transcript and no recording ([3P]: cancelled sessions keep none);
 * - FAILED: `failed` with failure and failureCode, never started.
 */

const isoDate = z.iso.datetime({ offset: true, error: 'Must be an ISO 8601 timestamp' });

const listConversationsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: cursorQuery,
    avatar: z.guid().optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
  })
  .refine((query) => !query.startDate || !query.endDate || Date.parse(query.startDate) < Date.parse(query.endDate), {
    message: 'startDate must be before endDate',
  });

const iso = (ms: number) => new Date(ms).toISOString();

function avatarOf(ctx: EmulatorContext, session: SessionRecord) {
  const { avatar } = session.body;
  if (avatar.type === 'runway-preset') {
    return { type: 'runway-preset' as const, presetId: avatar.presetId, name: presetName(avatar.presetId) };
  }
  const record = ctx.state.avatars.get(avatar.avatarId);
  // A deleted custom avatar leaves a conversation that no longer knows it.
  return { type: 'custom' as const, id: record?.id ?? null, name: record?.name ?? null, imageUrl: record?.processedImageUri ?? null };
}

function transcriptOf(session: SessionRecord) {
  return session.transcript.map((turn, index) => ({
    role: turn.role,
    content: turn.content,
    timestamp: iso(turn.at),
    // A client_event call is fire-and-forget: it has a call and no result. A backend call's answer is a later turn.
    ...(turn.toolCalls?.length
      ? { toolCalls: turn.toolCalls.map((call, n) => ({ id: `call_${index}_${n}`, name: call.name, arguments: call.arguments })) }
      : {}),
    ...(turn.toolResults?.length ? { toolResults: turn.toolResults.map((result) => ({ ...result })) } : {}),
  }));
}

/** The full conversation, as GET /v1/avatar_conversations/{id} returns it. */
export function conversationOf(ctx: EmulatorContext, session: SessionRecord, origin: string) {
  const now = ctx.now();
  const status = sessionStatus(session, now);
  const common = {
    id: session.id,
    avatar: avatarOf(ctx, session),
    createdAt: iso(session.createdAt),
    maxDuration: session.body.maxDuration ?? null,
    name: `Call with ${avatarOf(ctx, session).name ?? 'a deleted avatar'}`,
    tools: (session.body.tools ?? []).map(({ name, description, type }) => ({ name, description, type })),
  };
  const started = session.joinedAt;
  switch (status.status) {
    case 'NOT_READY':
    case 'READY':
    case 'RUNNING':
      return {
        ...common,
        status: 'in_progress' as const,
        startedAt: started === undefined ? null : iso(started),
        duration: started === undefined ? null : Math.floor((now - started) / 1000),
        recordingUrl: null,
        transcript: transcriptOf(session),
      };
    case 'COMPLETED': {
      const ended = session.endedAt ?? started! + status.duration * 1000;
      return {
        ...common,
        status: 'ended' as const,
        startedAt: iso(started!),
        endedAt: iso(ended),
        duration: status.duration,
        recordingUrl: signedMediaUrl(ctx, 'recordings', session.id, origin),
        transcript: transcriptOf(session),
      };
    }
    case 'CANCELLED':
      return {
        ...common,
        status: 'ended' as const,
        startedAt: started === undefined ? null : iso(started),
        endedAt: iso(session.cancelledAt!),
        duration: started === undefined ? null : Math.round((session.cancelledAt! - started) / 1000),
        recordingUrl: null,
        transcript: [],
      };
    case 'FAILED':
      return {
        ...common,
        status: 'failed' as const,
        startedAt: null,
        endedAt: null,
        duration: null,
        failure: status.failure,
        failureCode: status.failureCode,
        recordingUrl: null,
        transcript: [],
      };
  }
}

/** Every conversation still on record, newest first. */
export function liveConversations(ctx: EmulatorContext) {
  return [...ctx.state.sessions.values()]
    .filter((session) => !ctx.state.deletedConversations.has(session.id))
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

export function listConversations(ctx: EmulatorContext, url: URL) {
  const query = validate(listConversationsQuery, Object.fromEntries(url.searchParams), 'query');
  const start = query.startDate ? Date.parse(query.startDate) : -Infinity;
  const end = query.endDate ? Date.parse(query.endDate) : Infinity;
  const all = liveConversations(ctx).filter(
    (session) =>
      session.createdAt >= start &&
      session.createdAt < end &&
      (!query.avatar || (session.body.avatar.type === 'custom' && session.body.avatar.avatarId === query.avatar)),
  );
  const { data: page, hasMore, nextCursor } = paginate(all, query);
  const data = page.map((session) => {
    const { id, avatar, createdAt, duration, name, status, tools } = conversationOf(ctx, session, url.origin);
    const listAvatar = avatar.type === 'custom' ? { type: avatar.type, id: avatar.id, name: avatar.name } : avatar;
    return { id, avatar: listAvatar, createdAt, duration, hasTools: tools.length > 0, name, status };
  });
  return Response.json({ data, hasMore, nextCursor });
}

function find(ctx: EmulatorContext, id: string) {
  const session = ctx.state.sessions.get(id);
  if (!session || ctx.state.deletedConversations.has(id)) throw notFound('Conversation');
  return session;
}

export function retrieveConversation(ctx: EmulatorContext, id: string, url: URL) {
  const conversation = conversationOf(ctx, find(ctx, id), url.origin);
  // The detail's preset avatar carries no name (SDK AvatarConversationRetrieveResponse.RunwayPreset).
  const avatar =
    conversation.avatar.type === 'runway-preset'
      ? { type: conversation.avatar.type, presetId: conversation.avatar.presetId }
      : conversation.avatar;
  return Response.json({ ...conversation, avatar });
}

export function deleteConversation(ctx: EmulatorContext, id: string) {
  find(ctx, id);
  ctx.state.deletedConversations.add(id);
  return new Response(null, { status: 204 });
}
