import { z } from 'zod';
import { PRESET_AVATAR_IDS, VOICE_PRESET_IDS } from './runway-facts';

/**
 * Request bodies as Runway validates them (sessions and their tools, avatar videos). Unknown keys are
 * rejected. This module imports nothing else of the emulator, so the store can name these types without a
 * cycle.
 */

const toolName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
const description = z.string().min(1).max(1024);

const scalarParameter = z.strictObject({
  name: z.string().min(1).max(64),
  description,
  required: z.boolean().optional(),
  type: z.enum(['integer', 'number', 'boolean']),
});
const stringParameter = scalarParameter.extend({
  type: z.literal('string'),
  enum: z.array(z.string().max(64)).max(20).optional(),
});
const arrayParameter = scalarParameter.extend({
  type: z.literal('array'),
  items: z.strictObject({ type: z.enum(['string', 'integer', 'number', 'boolean']) }),
});
const objectParameter = scalarParameter.extend({
  type: z.literal('object'),
  properties: z.array(z.unknown()).max(20),
});
const parameter = z.union([stringParameter, scalarParameter, arrayParameter, objectParameter]);

const clientEventTool = z.strictObject({
  type: z.literal('client_event'),
  name: toolName,
  description,
  parameters: z.array(parameter).max(20).optional(),
});
const backendRpcTool = clientEventTool.extend({
  type: z.literal('backend_rpc'),
  timeoutSeconds: z.number().int().min(1).max(8).optional(),
});

const avatar = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('runway-preset'), presetId: z.enum(PRESET_AVATAR_IDS) }),
  z.strictObject({ type: z.literal('custom'), avatarId: z.guid() }),
]);

const integration = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('elevenlabs'), signedUrl: z.url({ protocol: /^(wss|https)$/ }) }),
  z.strictObject({
    type: z.literal('livekit'),
    url: z.url({ protocol: /^(wss|https)$/ }),
    token: z.string().min(1),
    roomName: z.string().min(1),
    agentIdentity: z.string().min(1).optional(),
  }),
]);

export const createSessionBody = z.strictObject({
  model: z.literal('gwm1_avatars'),
  avatar,
  maxDuration: z.number().int().min(10).max(1800).optional(),
  personality: z.string().min(1).max(10_000).optional(),
  startScript: z.string().min(1).max(2000).optional(),
  tools: z
    .array(z.discriminatedUnion('type', [clientEventTool, backendRpcTool]))
    .max(20)
    .refine((tools) => new Set(tools.map((tool) => tool.name)).size === tools.length, 'Tool names must be unique')
    .optional(),
  integration: integration.optional(),
});

export type CreateSessionBody = z.infer<typeof createSessionBody>;

/** Runway takes any cursor string up to 1000 characters. */
export const cursorQuery = z.string().min(1).max(1000).optional();

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: cursorQuery,
});

// POST /v1/avatar_videos (avatar-videos.ts).
/** 16 MB of base64 text; the reference allows data:audio URIs up to 16 MB. */
const MAX_DATA_URI_CHARS = 16 * 1024 * 1024;

const audioSource = z
  .string()
  .min(1)
  .max(MAX_DATA_URI_CHARS, 'The audio data URI must be at most 16 MB')
  .refine(
    (value) =>
      /^https:\/\/\S+$/.test(value) || /^runway:\/\/\S+$/.test(value) || /^data:audio\/[\w.+-]+;base64,[A-Za-z0-9+/]+=*$/.test(value),
    'audio must be an HTTPS URL, a runway:// upload URI or a base64 data:audio URI',
  );

export const avatarVideoBody = z.strictObject({
  model: z.literal('gwm1_avatars'),
  avatar: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('runway-preset'), presetId: z.enum(PRESET_AVATAR_IDS) }),
    z.strictObject({ type: z.literal('custom'), avatarId: z.guid() }),
  ]),
  speech: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('audio'), audio: audioSource }),
    z.strictObject({
      type: z.literal('text'),
      text: z.string().min(1).max(5000),
      voice: z
        .discriminatedUnion('type', [
          z.strictObject({ type: z.literal('preset'), presetId: z.enum(VOICE_PRESET_IDS) }),
          z.strictObject({ type: z.literal('custom'), id: z.guid() }),
        ])
        .optional(),
    }),
  ]),
});

export type AvatarVideoBody = z.infer<typeof avatarVideoBody>;
