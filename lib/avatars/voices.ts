/**
 * Runway's 30 `runway-live-preset` voices. Runway documents a style for three of
 * them only; the others are best judged by ear in the Developer Portal.
 */
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

export const DOCUMENTED_VOICE_STYLES: Partial<Record<VoicePresetId, string>> = {
  clara: 'Soft, approachable',
  victoria: 'Firm, professional',
  vincent: 'Knowledgeable, authoritative',
};

/** The display name Runway uses: the capitalised id. */
export const voicePresetName = (id: VoicePresetId) => id.charAt(0).toUpperCase() + id.slice(1);

export const VOICE_MODELS = ['eleven_ttv_v3', 'eleven_multilingual_ttv_v2'] as const;
export type VoiceModel = (typeof VOICE_MODELS)[number];
