import 'server-only';
import type { VoiceListResponse } from '@runwayml/sdk/resources/voices';
import type { CustomVoice, Page, VoicePreview } from '@/lib/avatars/types';
import type { VoiceModel } from '@/lib/avatars/voices';
import { CALL_OPTIONS } from './call-options';
import { adminCall } from './admin-call';
import { getRunway } from './client';

/** Runway's custom voices as the app's CustomVoice: admin data, every function verifies the admin. */

const STATUS = { READY: 'ready', PROCESSING: 'processing', FAILED: 'failed' } as const;

function toVoice(voice: VoiceListResponse): CustomVoice {
  return {
    id: voice.id,
    name: voice.name,
    description: voice.description,
    status: STATUS[voice.status],
    failureReason: voice.status === 'FAILED' ? voice.failureReason : null,
    previewUrl: voice.status === 'READY' ? voice.previewUrl : null,
    createdAt: voice.createdAt,
  };
}

const call = <T>(work: () => Promise<T>) => adminCall('Voice', work);

export function listVoices(query: { limit: number; cursor?: string }): Promise<Page<CustomVoice>> {
  return call(async () => {
    const page = await getRunway().voices.list({ limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
    return { items: page.data.map(toVoice), nextCursor: page.nextCursor || null };
  });
}

/** Every custom voice, for the avatar form's voice picker. */
export function listAllVoices(): Promise<CustomVoice[]> {
  return call(async () => {
    const all: CustomVoice[] = [];
    for await (const voice of getRunway().voices.list({ limit: 100 })) all.push(toVoice(voice));
    return all;
  });
}

export function retrieveVoice(id: string) {
  return call(async () => toVoice(await getRunway().voices.retrieve(id)));
}

type CreateBody = {
  name: string;
  description?: string | null;
  from: { type: 'text'; prompt: string; model: VoiceModel } | { type: 'audio'; audio: string };
};

/** Runway answers create with only an id; read the voice back so the page can show it PROCESSING. */
export function createVoice(body: CreateBody) {
  return call(async () => {
    const { id } = await getRunway().voices.create(body, { maxRetries: 0 });
    return toVoice(await getRunway().voices.retrieve(id));
  });
}

export function updateVoice(id: string, body: { name?: string; description?: string | null }) {
  return call(async () => toVoice(await getRunway().voices.update(id, body)));
}

/** Avatars that use it keep it, marked deleted. */
export function deleteVoice(id: string) {
  return call(() => getRunway().voices.delete(id));
}

export function previewVoice(body: { prompt: string; model: VoiceModel }): Promise<VoicePreview> {
  return call(async () => {
    const { url, durationSecs } = await getRunway().voices.preview(body, CALL_OPTIONS.voicePreview);
    return { url, durationSeconds: durationSecs };
  });
}
