import type { ConsumeSessionResponse } from '@runwayml/avatars/api';
import type { LiveKitCredentials } from '@runwayml/avatars-node-rpc';
import type { AvatarConversationListResponse, AvatarConversationRetrieveResponse } from '@runwayml/sdk/resources/avatar-conversations';
import type { AvatarVideoCreateResponse } from '@runwayml/sdk/resources/avatar-videos';
import type { AvatarGetUsageResponse, AvatarListResponse, AvatarRetrieveResponse } from '@runwayml/sdk/resources/avatars';
import type { DocumentListResponse, DocumentRetrieveResponse } from '@runwayml/sdk/resources/documents';
import type { RealtimeSessionCreateResponse, RealtimeSessionRetrieveResponse } from '@runwayml/sdk/resources/realtime-sessions';
import type { TaskRetrieveResponse } from '@runwayml/sdk/resources/tasks';
import type { UploadCreateEphemeralResponse } from '@runwayml/sdk/resources/uploads';
import type { VoiceCreateResponse, VoiceListResponse, VoicePreviewResponse, VoiceRetrieveResponse } from '@runwayml/sdk/resources/voices';
import { z } from 'zod';
import { VOICE_PRESET_IDS } from '../src/runway-facts';

/**
 * The response types of `@runwayml/sdk` 4.20.1 that this app reads, written as strict zod schemas: every
 * field the SDK declares, with its type, and nothing else (strictObject refuses undeclared fields). The
 * `Same<…>` checks at the bottom make `tsc` fail if a schema and the SDK's .d.ts ever disagree, so the
 * schemas cannot drift from the SDK when it is upgraded.
 */

const id = z.string();
const stamp = z.string();
const credits = z.strictObject({ credits: z.number() });

export const sessionCreated = z.strictObject({ id });
export const session = z.discriminatedUnion('status', [
  z.strictObject({ id, createdAt: stamp, status: z.literal('NOT_READY'), queued: z.boolean().optional() }),
  z.strictObject({ id, createdAt: stamp, expiresAt: stamp, sessionKey: z.string(), status: z.literal('READY') }),
  z.strictObject({ id, createdAt: stamp, status: z.literal('RUNNING') }),
  z.strictObject({ id, createdAt: stamp, duration: z.number(), status: z.literal('COMPLETED') }),
  z.strictObject({ id, createdAt: stamp, failure: z.string(), failureCode: z.string(), status: z.literal('FAILED') }),
  z.strictObject({ id, createdAt: stamp, status: z.literal('CANCELLED') }),
]);

const avatarVoice = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('runway-live-preset'), presetId: z.enum(VOICE_PRESET_IDS), name: z.string(), description: z.string() }),
  z.strictObject({
    type: z.literal('custom'),
    id,
    deleted: z.boolean(),
    name: z.string().optional(),
    description: z.string().nullable().optional(),
  }),
]);
const avatarCommon = {
  id,
  createdAt: stamp,
  documentIds: z.array(z.string()),
  name: z.string(),
  personality: z.string(),
  processedImageUri: z.string().nullable(),
  referenceImageUri: z.string().nullable(),
  startScript: z.string().nullable(),
  updatedAt: stamp,
  voice: avatarVoice,
};
export const avatar = z.discriminatedUnion('status', [
  z.strictObject({ ...avatarCommon, status: z.literal('PROCESSING') }),
  z.strictObject({ ...avatarCommon, status: z.literal('READY') }),
  z.strictObject({ ...avatarCommon, status: z.literal('FAILED'), failureReason: z.string() }),
]);

const usedBy = z.array(z.strictObject({ id, imageUrl: z.string().nullable(), name: z.string() }));
const documentCommon = { id, createdAt: stamp, name: z.string(), type: z.enum(['text', 'file']), updatedAt: stamp, usedBy };
export const document = z.strictObject({ ...documentCommon, content: z.string() });
export const documentListItem = z.strictObject(documentCommon);

const voiceCommon = { id, createdAt: stamp, description: z.string().nullable(), name: z.string() };
export const voiceCreated = z.strictObject({ id });
export const voice = z.discriminatedUnion('status', [
  z.strictObject({ ...voiceCommon, status: z.literal('PROCESSING') }),
  z.strictObject({ ...voiceCommon, status: z.literal('READY'), previewUrl: z.string().nullable() }),
  z.strictObject({ ...voiceCommon, status: z.literal('FAILED'), failureReason: z.string() }),
]);
export const voicePreview = z.strictObject({ url: z.string(), durationSecs: z.number() });

const tool = z.strictObject({ description: z.string(), name: z.string(), type: z.enum(['client_event', 'backend_rpc']) });
const turn = z.strictObject({
  content: z.string().nullable(),
  role: z.enum(['user', 'assistant']),
  timestamp: z.string().nullable(),
  toolCalls: z
    .array(z.strictObject({ arguments: z.record(z.string(), z.unknown()), name: z.string(), id: z.string().optional() }))
    .optional(),
  toolResults: z
    .array(
      z.strictObject({
        name: z.string(),
        id: z.string().optional(),
        durationMs: z.number().nullable().optional(),
        error: z.string().nullable().optional(),
        result: z
          .union([z.record(z.string(), z.unknown()), z.string()])
          .nullable()
          .optional(),
      }),
    )
    .optional(),
});
const conversationAvatar = z
  .discriminatedUnion('type', [
    z.strictObject({ presetId: z.string(), type: z.literal('runway-preset') }),
    z.strictObject({ id: z.string().nullable(), imageUrl: z.string().nullable(), name: z.string().nullable(), type: z.literal('custom') }),
  ])
  .nullable();
const conversationCommon = {
  id,
  avatar: conversationAvatar,
  createdAt: stamp,
  duration: z.number().nullable(),
  maxDuration: z.number().nullable(),
  name: z.string(),
  recordingUrl: z.string().nullable(),
  startedAt: z.string().nullable(),
  tools: z.array(tool),
  transcript: z.array(turn),
};
export const conversation = z.discriminatedUnion('status', [
  z.strictObject({ ...conversationCommon, status: z.literal('in_progress') }),
  z.strictObject({ ...conversationCommon, status: z.literal('ended'), endedAt: z.string().nullable() }),
  z.strictObject({
    ...conversationCommon,
    status: z.literal('failed'),
    endedAt: z.string().nullable(),
    failure: z.string(),
    failureCode: z.string(),
  }),
]);
export const conversationListItem = z.strictObject({
  id,
  avatar: z
    .discriminatedUnion('type', [
      z.strictObject({ name: z.string(), presetId: z.string(), type: z.literal('runway-preset') }),
      z.strictObject({ id: z.string().nullable(), name: z.string().nullable(), type: z.literal('custom') }),
    ])
    .nullable(),
  createdAt: stamp,
  duration: z.number().nullable(),
  hasTools: z.boolean(),
  name: z.string(),
  status: z.enum(['in_progress', 'ended', 'failed']),
});

export const usage = z.strictObject({
  avgDurationSeconds: z.number(),
  byDay: z.array(z.strictObject({ date: z.string(), seconds: z.number(), sessions: z.number() })),
  totalSeconds: z.number(),
  totalSessions: z.number(),
});

export const videoCreated = z.strictObject({ id });
export const task = z.discriminatedUnion('status', [
  z.strictObject({ id, createdAt: stamp, estimatedCost: credits, status: z.literal('PENDING') }),
  z.strictObject({ id, createdAt: stamp, estimatedCost: credits, status: z.literal('THROTTLED') }),
  z.strictObject({ id, cost: credits, createdAt: stamp, status: z.literal('CANCELLED') }),
  z.strictObject({ id, createdAt: stamp, estimatedCost: credits, progress: z.number(), status: z.literal('RUNNING') }),
  z.strictObject({
    id,
    cost: credits,
    createdAt: stamp,
    failure: z.string(),
    status: z.literal('FAILED'),
    failureCode: z.string().optional(),
  }),
  z.strictObject({ id, cost: credits, createdAt: stamp, output: z.array(z.string()), status: z.literal('SUCCEEDED') }),
]);

/** What `uploads.createEphemeral` resolves to. */
export const uploaded = z.strictObject({ uri: z.string() });
/**
 * POST /v1/uploads, which the .d.ts leaves untyped: the SDK's uploads.js posts the file to `uploadUrl` with
 * every one of `fields` (strings, appended to the form as they are), then returns `runwayUri` as `uri`.
 */
export const uploadPlaceholder = z.strictObject({
  uploadUrl: z.string(),
  fields: z.record(z.string(), z.string()),
  runwayUri: z.string(),
});

/**
 * Room credentials: what consume answers (the browser's, @runwayml/avatars ConsumeSessionResponse) and what
 * connect_backend answers (the backend's, @runwayml/avatars-node-rpc LiveKitCredentials). Neither is in
 * @runwayml/sdk, which has no method for either route.
 */
export const roomCredentials = z.strictObject({ url: z.string(), token: z.string(), roomName: z.string() });

/** Runway's error body (untyped in the SDK, which exposes it as `APIError.error`): a message, plus zod-style issues for validation failures. */
export const errorBody = z.strictObject({
  error: z.string(),
  issues: z.array(z.strictObject({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});

/** A valid avatar-create body, for the emulator tests that drive the SDK. */
export const AVATAR = {
  name: 'Nova',
  referenceImage: 'https://images.example.com/nova.png',
  personality: 'You are Nova, a cheerful guide.',
  voice: { type: 'runway-live-preset' as const, presetId: 'vincent' as const },
};

/** A cursor page, as every list endpoint answers (the SDK's CursorPage reads data and nextCursor). */
export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), hasMore: z.boolean(), nextCursor: z.string().nullable() });

// Compile-time: each schema describes exactly the SDK's type. Assignable both ways, and with the same keys
// in every variant, so an optional field added or dropped on either side fails too.
type Keys<T> = T extends unknown ? keyof T : never;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Mutual<A, B> extends true ? Mutual<Keys<A>, Keys<B>> : false;
const same = <T extends true>(): T | undefined => undefined;
same<Same<z.infer<typeof sessionCreated>, RealtimeSessionCreateResponse>>();
same<Same<z.infer<typeof session>, RealtimeSessionRetrieveResponse>>();
same<Same<z.infer<typeof avatar>, AvatarRetrieveResponse>>();
same<Same<z.infer<typeof avatar>, AvatarListResponse>>();
same<Same<z.infer<typeof document>, DocumentRetrieveResponse>>();
same<Same<z.infer<typeof documentListItem>, DocumentListResponse>>();
same<Same<z.infer<typeof voiceCreated>, VoiceCreateResponse>>();
same<Same<z.infer<typeof voice>, VoiceRetrieveResponse>>();
same<Same<z.infer<typeof voice>, VoiceListResponse>>();
same<Same<z.infer<typeof voicePreview>, VoicePreviewResponse>>();
same<Same<z.infer<typeof conversation>, AvatarConversationRetrieveResponse>>();
same<Same<z.infer<typeof conversationListItem>, AvatarConversationListResponse>>();
same<Same<z.infer<typeof usage>, AvatarGetUsageResponse>>();
same<Same<z.infer<typeof videoCreated>, AvatarVideoCreateResponse>>();
same<Same<z.infer<typeof task>, TaskRetrieveResponse>>();
same<Same<z.infer<typeof uploaded>, UploadCreateEphemeralResponse>>();
same<Same<z.infer<typeof roomCredentials>, ConsumeSessionResponse>>();
same<Same<z.infer<typeof roomCredentials>, LiveKitCredentials>>();
