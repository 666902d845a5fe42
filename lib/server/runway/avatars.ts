import 'server-only';
import type { AvatarListResponse } from '@runwayml/sdk/resources/avatars';
import type { AvatarProfile } from '@/lib/types';
import { getRunway } from './client';
import { toAppError } from './errors';

/** Runway's custom avatars, reshaped into the app's AvatarProfile (../shared/runway-api.md §2). */

function toProfile(avatar: AvatarListResponse): AvatarProfile {
  return {
    id: avatar.id,
    kind: 'custom',
    name: avatar.name,
    subtitle: avatar.voice.name ? `Voice: ${avatar.voice.name}` : 'Custom character',
    imageUrl: avatar.processedImageUri ?? avatar.referenceImageUri ?? null,
    status: avatar.status === 'READY' ? 'ready' : avatar.status === 'PROCESSING' ? 'processing' : 'failed',
    hue: [...avatar.id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360,
  };
}

export async function listCustomAvatars(limit = 100): Promise<AvatarProfile[]> {
  try {
    const page = await getRunway().avatars.list({ limit });
    return page.data.map(toProfile);
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}

export async function retrieveCustomAvatar(id: string): Promise<AvatarProfile> {
  try {
    return toProfile(await getRunway().avatars.retrieve(id));
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}
