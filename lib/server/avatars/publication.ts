import 'server-only';
import { findPreset } from '@/lib/avatars/presets';
import { getEnv } from '@/lib/server/env';

/** Presets are public; a custom avatar is public when PUBLIC_AVATAR_IDS lists it (or is *). The admin may call any. */
export function isPublished(avatarId: string) {
  if (findPreset(avatarId)) return true;
  const published = getEnv().PUBLIC_AVATAR_IDS;
  return published === '*' || published.includes(avatarId);
}
