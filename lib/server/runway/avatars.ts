import 'server-only';
import type { AvatarListResponse } from '@runwayml/sdk/resources/avatars';
import type { AvatarCreateInput, AvatarUpdateInput } from '@/lib/avatars/avatar-schema';
import type { AvatarVoice, ManagedAvatar, Page, VoiceChoice } from '@/lib/avatars/types';
import type { AvatarProfile } from '@/lib/avatars/types';
import { AppError } from '@/lib/errors';
import { isAdmin } from '@/lib/server/auth/admin';
import { isPublished } from '@/lib/server/avatars/publication';
import { adminCall } from './admin-call';
import { getRunway } from './client';
import { toAppError } from './errors';

/**
 * Runway's custom avatars, reshaped into the app's AvatarProfile and ManagedAvatar. A ManagedAvatar (its
 * personality, script, documents) is admin data; an AvatarProfile is public only for published avatars, so
 * visitors never see the others, whoever asks on their behalf.
 */

type WireAvatar = AvatarListResponse;

const STATUS = { READY: 'ready', PROCESSING: 'processing', FAILED: 'failed' } as const;

/** Runway's sample code shows the processed preview, else the reference image. */
const imageOf = (avatar: WireAvatar) => avatar.processedImageUri ?? avatar.referenceImageUri ?? null;

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

function toVoice(voice: WireAvatar['voice']): AvatarVoice {
  if (voice.type === 'runway-live-preset') {
    return { type: 'preset', id: voice.presetId, name: voice.name, description: voice.description, deleted: false };
  }
  return {
    type: 'custom',
    id: voice.id,
    name: voice.name ?? 'Custom voice',
    description: voice.description ?? null,
    deleted: voice.deleted,
  };
}

export function toManagedAvatar(avatar: WireAvatar): ManagedAvatar {
  return {
    id: avatar.id,
    name: avatar.name,
    status: STATUS[avatar.status],
    failureReason: avatar.status === 'FAILED' ? avatar.failureReason : null,
    imageUrl: imageOf(avatar),
    personality: avatar.personality,
    startScript: avatar.startScript,
    voice: toVoice(avatar.voice),
    documentIds: avatar.documentIds,
    createdAt: avatar.createdAt,
    updatedAt: avatar.updatedAt,
  };
}

const toWireVoice = (voice: VoiceChoice) =>
  voice.type === 'preset' ? { type: 'runway-live-preset' as const, presetId: voice.presetId } : { type: 'custom' as const, id: voice.id };

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

const adminAvatarCall = <T>(work: () => Promise<T>) => adminCall('Avatar', work);

/** One page of the management list; pass the previous page's nextCursor for the next one. */
export async function listManagedAvatars({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<ManagedAvatar>> {
  return adminAvatarCall(async () => {
    const page = await getRunway().avatars.list({ limit, ...(cursor ? { cursor } : {}) });
    return { items: page.data.map(toManagedAvatar), nextCursor: page.nextCursor || null };
  });
}

export async function retrieveManagedAvatar(id: string): Promise<ManagedAvatar> {
  return adminAvatarCall(async () => toManagedAvatar(await getRunway().avatars.retrieve(id)));
}

export async function createAvatar(input: AvatarCreateInput & { voice: VoiceChoice }): Promise<ManagedAvatar> {
  const { voice, ...rest } = input;
  // Not retried: Runway has no idempotency key, and a retried create would make a second avatar.
  return adminAvatarCall(async () =>
    toManagedAvatar(await getRunway().avatars.create({ ...rest, voice: toWireVoice(voice) }, { maxRetries: 0 })),
  );
}

export async function updateAvatar(id: string, input: AvatarUpdateInput & { voice?: VoiceChoice }): Promise<ManagedAvatar> {
  const { voice, ...rest } = input;
  // Not retried: Runway answers 409 to a new image while the avatar is processing, and the SDK retries 409s
  // by default, so three PATCHes would meet the same refusal. The form offers to wait instead.
  return adminAvatarCall(async () =>
    toManagedAvatar(await getRunway().avatars.update(id, { ...rest, ...(voice ? { voice: toWireVoice(voice) } : {}) }, { maxRetries: 0 })),
  );
}

export async function deleteAvatar(id: string): Promise<void> {
  await adminAvatarCall(() => getRunway().avatars.delete(id));
}
