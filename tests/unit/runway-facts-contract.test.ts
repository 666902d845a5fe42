import { describe, expect, it } from 'vitest';
import * as emulator from '@/emulator/src/runway-facts';
import { PRESET_AVATARS } from '@/lib/avatars/presets';
import { DOCUMENTED_VOICE_STYLES, VOICE_MODELS, VOICE_PRESET_IDS } from '@/lib/avatars/voices';
import { AVATAR_VIDEO_VOICE_IDS } from '@/lib/videos/video-schema';

/**
 * Runway's own facts, which the app and the emulator each keep a copy of (neither imports the other): when
 * Runway adds a preset or a voice and one side learns it, this fails until the other does too.
 */
describe('Runway facts the app and the emulator share', () => {
  it('the same preset Characters, with the same names', () => {
    expect(PRESET_AVATARS.map(({ id, name }) => ({ id, name }))).toEqual(emulator.PRESET_AVATARS.map(({ id, name }) => ({ id, name })));
  });

  it('the same live preset voices and documented styles, and avatar videos take the same voices', () => {
    expect([...VOICE_PRESET_IDS]).toEqual([...emulator.VOICE_PRESET_IDS]);
    expect([...AVATAR_VIDEO_VOICE_IDS]).toEqual([...emulator.VOICE_PRESET_IDS]);
    expect(DOCUMENTED_VOICE_STYLES).toEqual(emulator.DOCUMENTED_VOICE_STYLES);
  });

  it('the same voice-design models', () => {
    expect([...VOICE_MODELS]).toEqual([...emulator.VOICE_MODELS]);
  });
});
