import { describe, expect, it } from 'vitest';
import { embedCommandSchema, parseEmbedEvent } from '@/lib/embed/messages';
import { EMBED_MESSAGE_SOURCE, embedEvent, parseEmbedCommand } from '@/lib/embed/protocol';

const source = EMBED_MESSAGE_SOURCE;

describe('embed commands (host page → launcher and frame)', () => {
  it('accepts open, close and end', () => {
    for (const type of ['open', 'close', 'end']) expect(parseEmbedCommand({ source, type })).toEqual({ source, type });
  });

  it('ignores other widgets’ messages, unknown commands and junk rather than acting on them', () => {
    for (const data of [
      { source: 'another-widget', type: 'end' },
      { type: 'end' },
      { source, type: 'reload' },
      { source, type: 'END' },
      'end',
      null,
      undefined,
      42,
      [source, 'end'],
      { source, type: 'end', extra: true },
    ]) {
      expect(parseEmbedCommand(data), JSON.stringify(data)).toBeNull();
      // The frame's hand-written check agrees with the published schema.
      expect(embedCommandSchema.safeParse(data).success, JSON.stringify(data)).toBe(false);
    }
  });
});

describe('embed events (frame → host page)', () => {
  it('builds each event with the shared source, and parses it back', () => {
    const events = [
      embedEvent({ type: 'ready' }),
      embedEvent({ type: 'call-started' }),
      embedEvent({ type: 'call-ended', durationSeconds: 42 }),
      embedEvent({ type: 'error', code: 'rate_limited' }),
      embedEvent({ type: 'dismiss' }),
    ];
    for (const event of events) {
      expect(event.source).toBe(source);
      expect(parseEmbedEvent(structuredClone(event))).toEqual(event);
    }
  });

  it('refuses an event without the data its type promises', () => {
    expect(parseEmbedEvent({ source, type: 'call-ended' })).toBeNull();
    expect(parseEmbedEvent({ source, type: 'call-ended', durationSeconds: -1 })).toBeNull();
    expect(parseEmbedEvent({ source, type: 'error' })).toBeNull();
    expect(parseEmbedEvent({ source, type: 'error', code: '' })).toBeNull();
    expect(parseEmbedEvent({ source: 'x', type: 'ready' })).toBeNull();
  });
});
