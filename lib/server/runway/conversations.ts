import 'server-only';
import type {
  AvatarConversationListParams,
  AvatarConversationListResponse,
  AvatarConversationRetrieveResponse,
} from '@runwayml/sdk/resources/avatar-conversations';
import type { Conversation, ConversationAvatar, ConversationPage, ConversationSummary } from '@/lib/history/types';
import { findPreset } from '@/lib/avatars/presets';
import { addDays } from '@/lib/schemas/dates';
import { presetAvatarIdSchema } from '@/lib/schemas/ids';
import type { HistoryFilters } from '@/lib/history/conversation-schema';
import { verifyAdmin } from '@/lib/server/auth/admin';
import { getRunway } from './client';
import { toAppError } from './errors';
import { describeFailure } from './failures';

/**
 * Conversations, reshaped into lib/history/types.ts. Runway filters by custom
 * avatar and creation date; it cannot filter by preset, status or tools, so those filters run here over
 * the pages we fetch: up to MAX_SCANNED conversations per request, and the page says how many it read.
 */

export const PAGE_SIZE = 20;
/** At most this many conversations are read from Runway to fill one filtered page (5 requests of 100). */
export const MAX_SCANNED = 500;

type WireAvatar = AvatarConversationListResponse['avatar'] | AvatarConversationRetrieveResponse['avatar'];

function toAvatar(avatar: WireAvatar): ConversationAvatar | null {
  if (!avatar) return null;
  if (avatar.type === 'runway-preset') {
    const listed = 'name' in avatar ? avatar.name : undefined;
    return { kind: 'preset', id: avatar.presetId, name: findPreset(avatar.presetId)?.name ?? listed ?? avatar.presetId };
  }
  return { kind: 'custom', id: avatar.id, name: avatar.name ?? 'Deleted avatar' };
}

function toSummary(item: AvatarConversationListResponse | AvatarConversationRetrieveResponse, hasTools: boolean): ConversationSummary {
  return {
    id: item.id,
    name: item.name,
    status: item.status,
    avatar: toAvatar(item.avatar),
    createdAt: item.createdAt,
    durationSeconds: item.duration,
    hasTools,
  };
}

function upstreamQuery(filters: HistoryFilters): AvatarConversationListParams {
  const custom = filters.avatar && !presetAvatarIdSchema.safeParse(filters.avatar).success ? filters.avatar : undefined;
  return {
    ...(custom ? { avatar: custom } : {}),
    ...(filters.from ? { startDate: `${filters.from}T00:00:00.000Z` } : {}),
    // The form's end day is inclusive; Runway's endDate is exclusive.
    ...(filters.to ? { endDate: `${addDays(filters.to, 1)}T00:00:00.000Z` } : {}),
  };
}

/** The filters Runway cannot apply. */
function localMatch(filters: HistoryFilters) {
  const preset = filters.avatar && presetAvatarIdSchema.safeParse(filters.avatar).success ? filters.avatar : undefined;
  return (item: ConversationSummary) =>
    (!preset || (item.avatar?.kind === 'preset' && item.avatar.id === preset)) &&
    (!filters.status || item.status === filters.status) &&
    (!filters.tools || item.hasTools === (filters.tools === 'with'));
}

export const needsLocalFiltering = (filters: HistoryFilters) =>
  Boolean(filters.status || filters.tools || (filters.avatar && presetAvatarIdSchema.safeParse(filters.avatar).success));

/** One page of history, newest first. `cursor` is Runway's, passed through. */
export async function listConversations(filters: HistoryFilters, cursor?: string): Promise<ConversationPage> {
  await verifyAdmin();
  const local = needsLocalFiltering(filters);
  const matches = localMatch(filters);
  const conversations: ConversationSummary[] = [];
  let next: string | null = cursor ?? null;
  let scanned = 0;
  try {
    do {
      // Unfiltered, a page is a page; filtered locally, read in bigger pages until this one is full.
      const page = await getRunway().avatarConversations.list({
        ...upstreamQuery(filters),
        limit: local ? 100 : PAGE_SIZE,
        ...(next ? { cursor: next } : {}),
      });
      scanned += page.data.length;
      conversations.push(...page.data.map((item) => toSummary(item, item.hasTools)).filter(matches));
      next = page.hasNextPage() ? page.nextCursor : null;
    } while (local && next && conversations.length < PAGE_SIZE && scanned < MAX_SCANNED);
  } catch (error) {
    throw toAppError(error, 'Conversation');
  }
  return { conversations, nextCursor: next, scanned };
}

/** One conversation, with a fresh recording link: call it on every view, never cache the result. */
export async function getConversation(id: string): Promise<Conversation> {
  await verifyAdmin();
  let item: AvatarConversationRetrieveResponse;
  try {
    item = await getRunway().avatarConversations.retrieve(id);
  } catch (error) {
    throw toAppError(error, 'Conversation');
  }
  return {
    ...toSummary(item, item.tools.length > 0),
    avatarImageUrl: item.avatar?.type === 'custom' ? item.avatar.imageUrl : null,
    startedAt: item.startedAt,
    endedAt: item.status === 'in_progress' ? null : item.endedAt,
    maxDurationSeconds: item.maxDuration,
    recordingUrl: item.recordingUrl,
    tools: item.tools,
    transcript: item.transcript.map((turn) => ({
      role: turn.role,
      content: turn.content,
      timestamp: turn.timestamp,
      toolCalls: turn.toolCalls ?? [],
      toolResults: turn.toolResults ?? [],
    })),
    failure: item.status === 'failed' ? { ...describeFailure(item.failureCode), detail: item.failure } : null,
  };
}

export async function deleteConversation(id: string): Promise<void> {
  await verifyAdmin();
  try {
    await getRunway().avatarConversations.delete(id);
  } catch (error) {
    throw toAppError(error, 'Conversation');
  }
}
