import 'server-only';
import { findPreset } from '@/lib/presets';
import { getRunway } from './client';
import { toAppError } from './errors';

/**
 * What the avatar says first: a custom avatar's `startScript` (§2), or null for presets, whose opening line
 * Runway does not publish. The emulated call plays it, as the real avatar would.
 */
export async function avatarStartScript(avatarId: string): Promise<string | null> {
  if (findPreset(avatarId)) return null;
  try {
    return (await getRunway().avatars.retrieve(avatarId)).startScript ?? null;
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}
