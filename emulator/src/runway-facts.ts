/**
 * Facts of Runway's that the emulator answers with: its preset Characters, its live preset voices and the
 * voice-design models. They are Runway's, not the app's, so the emulator keeps its own copy; a contract test
 * in the app fails when the app's copy and this one disagree.
 */

/** Runway's preset Characters, with the display names Runway's examples use (or their role). */
export const PRESET_AVATARS = [
  { id: 'cat-character', name: 'Mochi' },
  { id: 'music-superstar', name: 'Mina' },
  { id: 'fashion-designer', name: 'Sofia' },
  { id: 'cooking-teacher', name: 'Marco' },
  { id: 'game-character', name: 'Game character' },
  { id: 'game-character-man', name: 'Game character (man)' },
  { id: 'influencer', name: 'Influencer' },
  { id: 'tennis-coach', name: 'Tennis coach' },
  { id: 'human-resource', name: 'HR partner' },
] as const;

export type PresetAvatarId = (typeof PRESET_AVATARS)[number]['id'];
export const PRESET_AVATAR_IDS = PRESET_AVATARS.map((preset) => preset.id) as [PresetAvatarId, ...PresetAvatarId[]];

export const presetName = (id: string) => PRESET_AVATARS.find((preset) => preset.id === id)?.name ?? id;

/** Runway's 30 `runway-live-preset` voices; the same ids voice avatar videos. */
export const VOICE_PRESET_IDS = [
  'victoria',
  'vincent',
  'clara',
  'drew',
  'skye',
  'max',
  'morgan',
  'felix',
  'mia',
  'marcus',
  'summer',
  'ruby',
  'aurora',
  'jasper',
  'leo',
  'adrian',
  'nina',
  'emma',
  'blake',
  'david',
  'maya',
  'nathan',
  'sam',
  'georgia',
  'petra',
  'adam',
  'zach',
  'violet',
  'roman',
  'luna',
] as const;

export type VoicePresetId = (typeof VOICE_PRESET_IDS)[number];

/** Runway documents a style for three presets only. */
export const DOCUMENTED_VOICE_STYLES: Partial<Record<VoicePresetId, string>> = {
  clara: 'Soft, approachable',
  victoria: 'Firm, professional',
  vincent: 'Knowledgeable, authoritative',
};

/** The display name Runway uses: the capitalised id. */
export const voicePresetName = (id: VoicePresetId) => id.charAt(0).toUpperCase() + id.slice(1);

export const VOICE_MODELS = ['eleven_ttv_v3', 'eleven_multilingual_ttv_v2'] as const;
