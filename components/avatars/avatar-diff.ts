import type { ManagedAvatar, VoiceChoice } from '@/lib/avatars/types';
import type { AvatarCreateInput, AvatarUpdateInput } from '@/lib/avatars/avatar-schema';

/** What the avatar form holds. */
export interface AvatarDraft {
  name: string;
  referenceImage: string;
  personality: string;
  startScript: string;
  voice: VoiceChoice;
  documentIds: string[];
  imageProcessing: 'optimize' | 'none';
}

export function draftOf(avatar: ManagedAvatar): AvatarDraft {
  const voice: VoiceChoice =
    avatar.voice.type === 'preset' ? { type: 'preset', presetId: avatar.voice.id as never } : { type: 'custom', id: avatar.voice.id };
  return {
    name: avatar.name,
    referenceImage: '',
    personality: avatar.personality,
    startScript: avatar.startScript ?? '',
    voice,
    documentIds: avatar.documentIds,
    imageProcessing: 'optimize',
  };
}

export function createBody(draft: AvatarDraft): AvatarCreateInput {
  const { startScript, ...rest } = draft;
  return { ...rest, ...(startScript.trim() ? { startScript } : {}) };
}

const sameVoice = (a: VoiceChoice, b: VoiceChoice) => JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Only the fields that changed, as PATCH wants: an emptied start script is `null` (which clears it), a new
 * image is sent only when one was chosen, and `documentIds` is the whole new list (it replaces the old one).
 */
export function updateBody(before: AvatarDraft, after: AvatarDraft): AvatarUpdateInput {
  const body: AvatarUpdateInput = {};
  if (after.name.trim() !== before.name) body.name = after.name;
  if (after.referenceImage) {
    body.referenceImage = after.referenceImage;
    body.imageProcessing = after.imageProcessing;
  }
  if (after.personality.trim() !== before.personality) body.personality = after.personality;
  if (after.startScript.trim() !== before.startScript) body.startScript = after.startScript.trim() ? after.startScript : null;
  if (!sameVoice(before.voice, after.voice)) body.voice = after.voice;
  if (!sameSet(before.documentIds, after.documentIds)) body.documentIds = after.documentIds;
  return body;
}
