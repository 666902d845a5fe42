/**
 * The messages between the embedded call (/embed/[avatarId]), the launcher (embed.js) and the host page
 * (docs/embed.md#events). Every message carries `source`, so a page that hears postMessage from many
 * widgets can tell these apart. No dependencies: the frame's first load carries this file, and the zod
 * schemas that describe the same shapes for host pages (messages.ts) stay out of it.
 */
export const EMBED_MESSAGE_SOURCE = 'runway-characters';

type Source = typeof EMBED_MESSAGE_SOURCE;

/** What the frame tells the host page, posted to the one origin the frame checked, never to "*". */
export type EmbedEvent =
  /** The frame loaded and checked the host: commands will be heard from now on. */
  | { source: Source; type: 'ready' }
  /** The call connected: the avatar's media is flowing. */
  | { source: Source; type: 'call-started' }
  | { source: Source; type: 'call-ended'; durationSeconds: number }
  /** A call could not start or broke off; `code` is the app's error code (lib/errors.ts) or "connection". */
  | { source: Source; type: 'error'; code: string }
  /** The visitor pressed Escape inside the frame, which the host page cannot hear: the launcher closes. */
  | { source: Source; type: 'dismiss' };
export type EmbedEventType = EmbedEvent['type'];

/**
 * What a host page may ask. The launcher takes all three from a listed origin (open or close its panel,
 * end the call); the frame acts on `end` and `close` (both hang up) from the origin it checked.
 */
export const EMBED_COMMANDS = ['open', 'close', 'end'] as const;
export type EmbedCommand = { source: Source; type: (typeof EMBED_COMMANDS)[number] };

/**
 * A command from a postMessage payload, or null for anything else (other widgets' messages, junk): exactly
 * `{ source, type }`, nothing more, checked by hand so the frame loads no validation library.
 */
export function parseEmbedCommand(data: unknown): EmbedCommand | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.keys(data).length !== 2) return null;
  const { source, type } = data as Record<string, unknown>;
  const command = EMBED_COMMANDS.find((name) => name === type);
  return source === EMBED_MESSAGE_SOURCE && command ? { source, type: command } : null;
}

type WithoutSource<T> = T extends unknown ? Omit<T, 'source'> : never;

/** An event ready to post: `embedEvent({ type: 'call-ended', durationSeconds: 42 })`. */
export function embedEvent(event: WithoutSource<EmbedEvent>): EmbedEvent {
  return { source: EMBED_MESSAGE_SOURCE, ...event } as EmbedEvent;
}
