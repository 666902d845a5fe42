import { z } from 'zod';

/**
 * The messages between the embedded call (/embed/[avatarId]), the launcher (embed.js) and the host page
 * (docs/embed.md#events). Every message carries `source`, so a page that hears postMessage from many
 * widgets can tell these apart. Isomorphic: the frame validates with these schemas, and the launcher's
 * script is handed the same names (app/embed.js/route.ts).
 */
export const EMBED_MESSAGE_SOURCE = 'runway-characters';

const source = z.literal(EMBED_MESSAGE_SOURCE);

/** What the frame tells the host page, posted to the one origin the frame checked, never to "*". */
export const embedEventSchema = z.discriminatedUnion('type', [
  /** The frame loaded and checked the host: commands will be heard from now on. */
  z.object({ source, type: z.literal('ready') }),
  /** The call connected: the avatar's media is flowing. */
  z.object({ source, type: z.literal('call-started') }),
  z.object({ source, type: z.literal('call-ended'), durationSeconds: z.number().nonnegative() }),
  /** A call could not start or broke off; `code` is the app's error code (lib/errors.ts) or "connection". */
  z.object({ source, type: z.literal('error'), code: z.string().min(1) }),
  /** The visitor pressed Escape inside the frame, which the host page cannot hear: the launcher closes. */
  z.object({ source, type: z.literal('dismiss') }),
]);
export type EmbedEvent = z.infer<typeof embedEventSchema>;
export type EmbedEventType = EmbedEvent['type'];

/**
 * What a host page may ask. The launcher takes all three from a listed origin (open or close its panel,
 * end the call); the frame acts on `end` and `close` (both hang up) from the origin it checked.
 */
export const EMBED_COMMANDS = ['open', 'close', 'end'] as const;
export const embedCommandSchema = z.object({ source, type: z.enum(EMBED_COMMANDS) });
export type EmbedCommand = z.infer<typeof embedCommandSchema>;

/** A command from a postMessage payload, or null for anything else (other widgets' messages, junk). */
export function parseEmbedCommand(data: unknown): EmbedCommand | null {
  const result = embedCommandSchema.safeParse(data);
  return result.success ? result.data : null;
}

/** An event from a postMessage payload, or null: what a host page written in TypeScript may use. */
export function parseEmbedEvent(data: unknown): EmbedEvent | null {
  const result = embedEventSchema.safeParse(data);
  return result.success ? result.data : null;
}

type WithoutSource<T> = T extends unknown ? Omit<T, 'source'> : never;

/** An event ready to post: `embedEvent({ type: 'call-ended', durationSeconds: 42 })`. */
export function embedEvent(event: WithoutSource<EmbedEvent>): EmbedEvent {
  return { source: EMBED_MESSAGE_SOURCE, ...event } as EmbedEvent;
}
