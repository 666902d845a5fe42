import type { VoicePresetId } from '@/lib/avatars/voices';

/** App-shaped avatar data: the gallery's profiles, and management's avatars, knowledge documents and custom voices, shared by server and browser. */

export type ProcessingStatus = 'processing' | 'ready' | 'failed';

export type VoiceChoice = { type: 'preset'; presetId: VoicePresetId } | { type: 'custom'; id: string };

export interface AvatarVoice {
  type: 'preset' | 'custom';
  /** The preset id, or the custom voice's id. */
  id: string;
  name: string;
  description: string | null;
  /** A custom voice that was deleted after the avatar chose it. */
  deleted: boolean;
}

export interface ManagedAvatar {
  id: string;
  name: string;
  status: ProcessingStatus;
  /** Runway's own words, for people; never to be matched against. */
  failureReason: string | null;
  imageUrl: string | null;
  personality: string;
  startScript: string | null;
  voice: AvatarVoice;
  documentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface KnowledgeDocument {
  id: string;
  name: string;
  /** Present on a single document, absent from lists. */
  content?: string;
  createdAt: string;
  updatedAt: string;
  usedBy: Array<{ id: string; name: string; imageUrl: string | null }>;
}

export interface CustomVoice {
  id: string;
  name: string;
  description: string | null;
  status: ProcessingStatus;
  failureReason: string | null;
  previewUrl: string | null;
  createdAt: string;
}

export interface VoicePreview {
  url: string;
  durationSeconds: number;
}

export interface UploadedFile {
  /** The runway:// URI to pass as an input; valid for 24 hours. */
  uri: string;
  bytes: number;
  contentType: string;
  /** Audio only: the sample's length as read from its container. */
  durationSeconds?: number;
}

export interface AvatarProfile {
  id: string;
  kind: 'preset' | 'custom';
  name: string;
  /** A short line under the name: the preset's role, or the custom avatar's voice. */
  subtitle: string;
  imageUrl: string | null;
  /** Only a ready avatar can take calls. */
  status: 'ready' | 'processing' | 'failed';
  /** Hue for the placeholder tile when there is no image. */
  hue: number;
  /** Who holds the conversation: Runway's own model, or an ElevenLabs agent (ELEVENLABS_AGENTS) behind the face. */
  conversation: AvatarConversation;
}

export type AvatarConversation = 'runway' | 'elevenlabs';
