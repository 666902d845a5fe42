import type { AvatarProfile } from '@/lib/types';
import { AvatarCard } from './avatar-card';

export function AvatarGallery({ title, avatars, empty }: { title: string; avatars: AvatarProfile[]; empty: string }) {
  const headingId = `gallery-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} className="gallery">
      <h2 id={headingId}>{title}</h2>
      {avatars.length ? (
        <ul className="gallery__grid">
          {avatars.map((avatar) => (
            <AvatarCard key={avatar.id} avatar={avatar} />
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}
