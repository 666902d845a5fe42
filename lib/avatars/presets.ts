/**
 * Runway's preset Characters. Display names are the ones Runway's own examples use where known;
 * the rest are named after their role. Images are local placeholders: presets' artwork is not ours to hot-link.
 */
export const PRESET_AVATARS = [
  { id: 'cat-character', name: 'Mochi', role: 'Cat character', hue: 32 },
  { id: 'music-superstar', name: 'Mina', role: 'Music superstar', hue: 320 },
  { id: 'fashion-designer', name: 'Sofia', role: 'Fashion designer', hue: 280 },
  { id: 'cooking-teacher', name: 'Marco', role: 'Cooking teacher', hue: 12 },
  { id: 'game-character', name: 'Game character', role: 'Game character', hue: 200 },
  { id: 'game-character-man', name: 'Game character (man)', role: 'Game character', hue: 220 },
  { id: 'influencer', name: 'Influencer', role: 'Influencer', hue: 340 },
  { id: 'tennis-coach', name: 'Tennis coach', role: 'Tennis coach', hue: 95 },
  { id: 'human-resource', name: 'HR partner', role: 'Human resources', hue: 170 },
] as const;

export type PresetAvatarId = (typeof PRESET_AVATARS)[number]['id'];

export const PRESET_AVATAR_IDS = PRESET_AVATARS.map((preset) => preset.id) as [PresetAvatarId, ...PresetAvatarId[]];

export function findPreset(id: string) {
  return PRESET_AVATARS.find((preset) => preset.id === id);
}
