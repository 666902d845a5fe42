import { z } from 'zod';
import { EMBED_COMMANDS, EMBED_MESSAGE_SOURCE, type EmbedCommand, type EmbedEvent } from './protocol';

/**
 * The embed's messages (protocol.ts) as zod schemas: what a host page written in TypeScript may validate
 * events with, and the description the tests hold the frame's own hand-written check to.
 */

const source = z.literal(EMBED_MESSAGE_SOURCE);

export const embedEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ source, type: z.literal('ready') }),
  z.strictObject({ source, type: z.literal('call-started') }),
  z.strictObject({ source, type: z.literal('call-ended'), durationSeconds: z.number().nonnegative() }),
  z.strictObject({ source, type: z.literal('error'), code: z.string().min(1) }),
  z.strictObject({ source, type: z.literal('dismiss') }),
]) satisfies z.ZodType<EmbedEvent>;

export const embedCommandSchema = z.strictObject({ source, type: z.enum(EMBED_COMMANDS) }) satisfies z.ZodType<EmbedCommand>;

/** An event from a postMessage payload, or null: what a host page written in TypeScript may use. */
export function parseEmbedEvent(data: unknown): EmbedEvent | null {
  const result = embedEventSchema.safeParse(data);
  return result.success ? result.data : null;
}
