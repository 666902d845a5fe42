import 'server-only';
import { cache } from 'react';
import { AppError } from '@/lib/errors';
import { PRESET_AVATARS, findPreset } from '@/lib/avatars/presets';
import { runwayIdSchema } from '@/lib/schemas/ids';
import { elevenLabsAgentFor } from '@/lib/server/integrations/elevenlabs/agents';
import { listCustomAvatars, retrieveCustomAvatar } from '@/lib/server/runway/avatars';
import { isPublished } from './publication';
import type { AvatarProfile } from '@/lib/avatars/types';

/** Presets plus the account's custom avatars, as the gallery and call page show them. */

const presetProfiles: AvatarProfile[] = PRESET_AVATARS.map((preset) => ({
  id: preset.id,
  kind: 'preset',
  name: preset.name,
  subtitle: preset.role,
  imageUrl: null,
  status: 'ready',
  hue: preset.hue,
  conversation: 'runway',
}));

/** A custom avatar may talk through an ElevenLabs agent (presets cannot: the env schema refuses them). */
const withConversation = (avatar: Omit<AvatarProfile, 'conversation'>): AvatarProfile => ({
  ...avatar,
  conversation: elevenLabsAgentFor(avatar.id) === undefined ? 'runway' : 'elevenlabs',
});

/**
 * What the gallery shows: the presets, and the custom avatars this visitor may call (the data layer lists
 * all of them for the admin, the published ones for anyone else). Presets need no API call, so they show
 * even when listing the account's avatars fails.
 */
export async function listGalleryAvatars(): Promise<{ presets: AvatarProfile[]; custom: AvatarProfile[]; customError?: string }> {
  try {
    return { presets: presetProfiles, custom: (await listCustomAvatars()).map(withConversation) };
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'Something went wrong.';
    console.error(`[avatars] could not list custom avatars: ${error instanceof Error ? error.message : 'unknown error'}`);
    return { presets: presetProfiles, custom: [], customError: message };
  }
}

/**
 * The avatar behind a call page, or null when the id names none this viewer may call. `admin: false` treats
 * the viewer as a visitor even when signed in; `true` cannot grant more than the data layer allows the
 * request. Cached per request (metadata and page both ask, hence plain arguments: cache() compares them by
 * identity).
 */
export const findAvatar = cache(async (id: string, admin: boolean): Promise<AvatarProfile | null> => {
  if (findPreset(id)) return presetProfiles.find((preset) => preset.id === id) ?? null;
  if (!runwayIdSchema.safeParse(id).success || !(admin || isPublished(id))) return null;
  try {
    return withConversation(await retrieveCustomAvatar(id));
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
});
