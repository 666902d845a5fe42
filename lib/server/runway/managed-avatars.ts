import 'server-only';
import type { AvatarCreateInput, AvatarUpdateInput } from '@/lib/avatars/avatar-schema';
import type { AvatarVoice, ManagedAvatar, Page, VoiceChoice } from '@/lib/avatars/types';
import { adminCall } from './admin-call';
import { imageOf, STATUS, type WireAvatar } from './avatars';
import { getRunway } from './client';

/**
 * Avatar management for the admin (/avatars): Runway's custom avatars as ManagedAvatar (personality,
 * script, voice, documents), and their create, update and delete. Every function checks the admin first.
 */

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
