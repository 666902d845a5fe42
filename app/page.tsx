import { AvatarGallery } from '@/components/avatars/avatar-gallery';
import { describeDuration } from '@/lib/format';
import { listGalleryAvatars } from '@/lib/server/avatars/catalog';
import { getEnv } from '@/lib/server/env';

/** Cards in the gallery's first row on a desktop screen. */
const FIRST_ROW = 3;

export default async function HomePage() {
  const { presets, custom, customError } = await listGalleryAvatars();
  return (
    <>
      <section className="hero">
        <h1>Talk to a Runway Character</h1>
        <p className="muted">
          Pick an avatar and start a real-time video conversation. Calls last up to{' '}
          {describeDuration(getEnv().SESSION_MAX_DURATION_SECONDS)}.
        </p>
      </section>
      <AvatarGallery
        title="Your characters"
        avatars={custom}
        eagerCards={FIRST_ROW}
        empty={
          customError
            ? `Your characters could not be loaded: ${customError}`
            : 'No custom characters yet. The admin creates them under Avatars.'
        }
      />
      <AvatarGallery title="Runway presets" avatars={presets} empty="No presets available." eagerCards={custom.length ? 0 : FIRST_ROW} />
    </>
  );
}
