import { describe, expect, it } from 'vitest';
import { speakerOf, toLines, transcriptJson, transcriptMarkdown } from '@/components/call/transcript';

describe('transcript speaker labelling', () => {
  it('uses Runway’s segment ids, since the worker sends both sides’ text', () => {
    expect(speakerOf({ id: 'runway-transcription-assistant-3', participantIdentity: 'worker:abc' })).toBe('avatar');
    expect(speakerOf({ id: 'runway-transcription-user-3', participantIdentity: 'worker:abc' }, 'visitor-1')).toBe('user');
  });

  it('falls back to the sender for native transcriptions: the local participant is the visitor, the agent is the avatar', () => {
    expect(speakerOf({ id: 'seg-1', participantIdentity: 'visitor-1' }, 'visitor-1')).toBe('user');
    expect(speakerOf({ id: 'seg-2', participantIdentity: 'agent-xyz' }, 'visitor-1')).toBe('avatar');
    expect(speakerOf({ id: 'seg-3', participantIdentity: 'worker:xyz' }, 'visitor-1')).toBe('avatar');
  });

  it('turns segments into lines, dropping empty ones and keeping interim state', () => {
    const lines = toLines(
      [
        { id: 'runway-transcription-assistant-1', text: ' Hello! ', final: true, participantIdentity: 'worker:a' },
        { id: 'runway-transcription-user-1', text: '   ', final: false, participantIdentity: 'worker:a' },
        { id: 'runway-transcription-user-2', text: 'Hi', final: false, participantIdentity: 'worker:a' },
      ],
      'me',
    );
    expect(lines).toEqual([
      { id: 'runway-transcription-assistant-1', speaker: 'avatar', text: 'Hello!', final: true },
      { id: 'runway-transcription-user-2', speaker: 'user', text: 'Hi', final: false },
    ]);
  });

  it('exports Markdown and JSON with the avatar’s name and the visitor as “You”', () => {
    const lines = [
      { id: '1', speaker: 'avatar' as const, text: 'Hello', final: true },
      { id: '2', speaker: 'user' as const, text: 'Hi', final: false },
    ];
    expect(transcriptMarkdown(lines, 'Mochi', 'Call with Mochi')).toBe(
      '# Call with Mochi\n\n**Mochi:** Hello\n\n**You:** Hi _(interim)_\n',
    );
    expect(JSON.parse(transcriptJson(lines, 'Mochi'))).toEqual([
      { speaker: 'Mochi', role: 'assistant', text: 'Hello', final: true },
      { speaker: 'You', role: 'user', text: 'Hi', final: false },
    ]);
  });
});
