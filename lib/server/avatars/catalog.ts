import 'server-only';
import { AppError } from '@/lib/errors';
import { PRESET_AVATARS, findPreset } from '@/lib/presets';
import { runwayIdSchema } from '@/lib/schemas/ids';
import { listCustomAvatars, retrieveCustomAvatar } from '@/lib/server/runway/avatars';
import type { AvatarProfile } from '@/lib/types';

/** Presets plus the account's custom avatars, as the gallery and call page show them. */

const presetProfiles: AvatarProfile[] = PRESET_AVATARS.map((preset) => ({
  id: preset.id,
  kind: 'preset',
  name: preset.name,
  subtitle: preset.role,
  imageUrl: null,
  status: 'READY',
  hue: preset.hue,
}));

export async function listGalleryAvatars() {
  const custom = await listCustomAvatars();
  return { presets: presetProfiles, custom };
}

/** The avatar behind a call page, or null when the id names none. */
export async function findAvatar(id: string): Promise<AvatarProfile | null> {
  if (findPreset(id)) return presetProfiles.find((preset) => preset.id === id) ?? null;
  if (!runwayIdSchema.safeParse(id).success) return null;
  try {
    return await retrieveCustomAvatar(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
}
