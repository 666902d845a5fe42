import 'server-only';
import type { AvatarListResponse } from '@runwayml/sdk/resources/avatars';
import type { AvatarProfile } from '@/lib/avatars/types';
import { AppError } from '@/lib/errors';
import { isAdmin } from '@/lib/server/auth/admin';
import { isPublished } from '@/lib/server/avatars/publication';
import { getRunway } from './client';
import { toAppError } from './errors';

/**
 * Runway's custom avatars as the gallery and the call page see them: an AvatarProfile, public only for
 * published avatars, so visitors never see the others, whoever asks on their behalf. Their management (the
 * admin's ManagedAvatar: personality, script, documents) is managed-avatars.ts.
 */

export type WireAvatar = AvatarListResponse;

export const STATUS = { READY: 'ready', PROCESSING: 'processing', FAILED: 'failed' } as const;

/** Runway's sample code shows the processed preview, else the reference image. */
export const imageOf = (avatar: WireAvatar) => avatar.processedImageUri ?? avatar.referenceImageUri ?? null;

/** A profile as Runway describes the avatar; who holds its conversation is the app's setting (avatars/catalog.ts). */
type RunwayProfile = Omit<AvatarProfile, 'conversation'>;

function toProfile(avatar: WireAvatar): RunwayProfile {
  return {
    id: avatar.id,
    kind: 'custom',
    name: avatar.name,
    subtitle: avatar.voice.name ? `Voice: ${avatar.voice.name}` : 'Custom character',
    imageUrl: imageOf(avatar),
    status: STATUS[avatar.status],
    hue: [...avatar.id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360,
  };
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error, 'Avatar');
  }
}

/** The avatars this visitor may see: every one for the admin, the published ones for anyone else. */
export async function listCustomAvatars(limit = 100): Promise<RunwayProfile[]> {
  const [admin, avatars] = await Promise.all([
    isAdmin(),
    call(async () => (await getRunway().avatars.list({ limit })).data.map(toProfile)),
  ]);
  return admin ? avatars : avatars.filter((avatar) => isPublished(avatar.id));
}

/** One avatar this visitor may see; an unpublished one is not found for anyone but the admin. */
export async function retrieveCustomAvatar(id: string): Promise<RunwayProfile> {
  if (!isPublished(id) && !(await isAdmin())) throw new AppError('not_found', 'Avatar not found.');
  return call(async () => toProfile(await getRunway().avatars.retrieve(id)));
}
