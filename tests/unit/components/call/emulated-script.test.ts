import { describe, expect, it } from 'vitest';
import { emulatedReducer, emulatedScript, INITIAL_EMULATED_STATE, type EmulatedEvent, type EmulatedState } from '@/components/call/emulated-script';

const run = (events: EmulatedEvent[], from: EmulatedState = INITIAL_EMULATED_STATE) => events.reduce(emulatedReducer, from);

describe('the emulated call model', () => {
  it('connects, then reports excellent quality; nothing is spoken before it has joined', () => {
    const early = run([{ type: 'speak', id: 'a', speaker: 'avatar', text: 'Hi' }]);
    expect(early).toEqual(INITIAL_EMULATED_STATE);
    const joined = run([{ type: 'joined' }]);
    expect(joined.status).toBe('active');
    expect(joined.quality).toBe('excellent');
  });

  it('grows a line as interim text while its speaker is speaking, then finalises it and stops the indicator', () => {
    const speaking = run([
      { type: 'joined' },
      { type: 'speak', id: 'a', speaker: 'avatar', text: 'Hi' },
      { type: 'speak', id: 'a', speaker: 'avatar', text: 'Hi there' },
    ]);
    expect(speaking.lines).toEqual([{ id: 'a', speaker: 'avatar', text: 'Hi there', final: false }]);
    expect(speaking.speaking).toEqual({ avatar: true, user: false });

    const done = run([{ type: 'finish', id: 'a' }], speaking);
    expect(done.lines).toEqual([{ id: 'a', speaker: 'avatar', text: 'Hi there', final: true }]);
    expect(done.speaking).toEqual({ avatar: false, user: false });
    // A final line never changes again.
    expect(run([{ type: 'speak', id: 'a', speaker: 'avatar', text: 'Changed' }], done).lines[0]!.text).toBe('Hi there');
  });

  it('keeps each speaker’s indicator separate', () => {
    const both = run([
      { type: 'joined' },
      { type: 'speak', id: 'a', speaker: 'avatar', text: 'Hello' },
      { type: 'speak', id: 'u', speaker: 'user', text: 'Hey' },
      { type: 'finish', id: 'a' },
    ]);
    expect(both.speaking).toEqual({ avatar: false, user: true });
  });

  it('ends for good: interim lines become final, indicators stop, later events are ignored', () => {
    const ended = run([{ type: 'joined' }, { type: 'speak', id: 'a', speaker: 'avatar', text: 'Half a sen' }, { type: 'ended' }]);
    expect(ended.status).toBe('ended');
    expect(ended.lines).toEqual([{ id: 'a', speaker: 'avatar', text: 'Half a sen', final: true }]);
    expect(ended.speaking).toEqual({ avatar: false, user: false });
    expect(run([{ type: 'joined' }, { type: 'speak', id: 'b', speaker: 'user', text: 'Late' }, { type: 'quality', quality: 'poor' }], ended)).toBe(ended);
  });

  it('reports quality changes only while active', () => {
    expect(run([{ type: 'quality', quality: 'poor' }]).quality).toBe('unknown');
    expect(run([{ type: 'joined' }, { type: 'quality', quality: 'poor' }]).quality).toBe('poor');
  });

  it('opens with the avatar’s startScript, or a labelled emulated greeting when it has none', () => {
    expect(emulatedScript('Ada', 'Hi, I am Ada.')[0]).toEqual({ speaker: 'avatar', text: 'Hi, I am Ada.' });
    const fallback = emulatedScript('Mochi', null);
    expect(fallback[0]!.text).toContain('Mochi');
    expect(fallback[0]!.text).toContain('emulated');
    expect(fallback.map((line) => line.speaker)).toEqual(['avatar', 'user', 'avatar', 'user', 'avatar']);
  });
});
