import { AvatarGallery } from '@/components/avatars/avatar-gallery';
import { listGalleryAvatars } from '@/lib/server/avatars/catalog';

export default async function HomePage() {
  const { presets, custom } = await listGalleryAvatars();
  return (
    <>
      <section className="hero">
        <h1>Talk to a Runway Character</h1>
        <p className="muted">Pick an avatar and start a real-time video conversation. Calls last up to 5 minutes.</p>
      </section>
      <AvatarGallery title="Your characters" avatars={custom} empty="No custom characters yet. Create one in the Runway developer portal." />
      <AvatarGallery title="Runway presets" avatars={presets} empty="No presets available." />
    </>
  );
}
