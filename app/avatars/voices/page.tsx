import type { Metadata } from 'next';
import { VoiceManager } from '@/components/avatars/voice-manager';
import { listVoices } from '@/lib/server/runway/voices';
import { requireAdminPage } from '@/lib/server/auth/admin';

export const metadata: Metadata = { title: 'Custom voices' };

export default async function VoicesPage() {
  await requireAdminPage('/avatars/voices');
  return (
    <>
      <h1>Custom voices</h1>
      <VoiceManager initial={await listVoices({ limit: 100 })} />
    </>
  );
}
