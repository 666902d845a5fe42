import type { Metadata } from 'next';
import { VoiceManager } from '@/components/avatars/voice-manager';
import { listVoices } from '@/lib/server/runway/voices';

export const metadata: Metadata = { title: 'Custom voices' };

export default async function VoicesPage() {
  return (
    <>
      <h1>Custom voices</h1>
      <VoiceManager initial={await listVoices({ limit: 100 })} />
    </>
  );
}
