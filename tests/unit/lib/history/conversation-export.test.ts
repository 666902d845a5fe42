import { describe, expect, it } from 'vitest';
import { conversationToJson, conversationToMarkdown } from '@/lib/history/conversation-export';
import type { Conversation } from '@/lib/history/types';

/** Exports include backend tool results, which only live Runway produces (the emulator's tools are client events). */

const conversation: Conversation = {
  id: '11111111-2222-4333-8444-555555555555',
  name: 'Call with Marco',
  status: 'ended',
  avatar: { kind: 'preset', id: 'cooking-teacher', name: 'Marco' },
  avatarImageUrl: null,
  createdAt: '2026-11-24T18:00:00.000Z',
  startedAt: '2026-11-24T18:00:02.000Z',
  endedAt: '2026-11-24T18:01:02.000Z',
  durationSeconds: 60,
  maxDurationSeconds: 300,
  hasTools: true,
  recordingUrl: 'https://cdn.example/recording.mp4?sig=abc',
  tools: [{ name: 'lookup_recipe', description: 'Finds a recipe', type: 'backend_rpc' }],
  failure: null,
  transcript: [
    { role: 'user', content: 'A risotto, please.', timestamp: '2026-11-24T18:00:05.000Z', toolCalls: [], toolResults: [] },
    {
      role: 'assistant',
      content: null,
      timestamp: null,
      toolCalls: [{ id: 'c1', name: 'lookup_recipe', arguments: { dish: 'risotto' } }],
      toolResults: [
        { id: 'c1', name: 'lookup_recipe', result: { minutes: 35 }, durationMs: 412 },
        { id: 'c2', name: 'lookup_recipe', error: 'Timed out', durationMs: 8000 },
      ],
    },
  ],
};

describe('conversationToMarkdown', () => {
  it('lists speakers with UTC times, tool calls with arguments, and results or errors with durations', () => {
    const markdown = conversationToMarkdown(conversation);
    expect(markdown).toContain('# Call with Marco');
    expect(markdown).toContain('- Tools: `lookup_recipe` (backend_rpc)');
    expect(markdown).toContain('**User** · 2026-11-24 18:00:05 UTC\n\nA risotto, please.');
    expect(markdown).toContain('**Assistant** · time unknown');
    expect(markdown).toContain('- Tool call `lookup_recipe` `{"dish":"risotto"}`');
    expect(markdown).toContain('- Tool result `lookup_recipe` result: `{"minutes":35}` (412 ms)');
    expect(markdown).toContain('- Tool result `lookup_recipe` error: Timed out (8000 ms)');
    expect(markdown).not.toContain('cdn.example');
  });

  it('explains an empty transcript, and names a failure', () => {
    const failed = {
      ...conversation,
      status: 'failed' as const,
      transcript: [],
      failure: { code: 'INTERNAL', message: 'x', detail: 'Worker crashed' },
    };
    const markdown = conversationToMarkdown(failed);
    expect(markdown).toContain('_No transcript: cancelled and failed sessions keep none._');
    expect(markdown).toContain('- Failure: INTERNAL: Worker crashed');
  });
});

describe('conversationToJson', () => {
  it('keeps everything but the expiring recording link', () => {
    const json = conversationToJson(conversation);
    expect(json).not.toHaveProperty('recordingUrl');
    expect(json).toMatchObject({ hasRecording: true, transcript: conversation.transcript, tools: conversation.tools });
  });
});
