import type { AvatarProfile } from '@/lib/avatars/types';
import { AvatarCard } from './avatar-card';

/** `eagerCards`: how many leading cards are above the fold, so their pictures load first (the largest paint). */
export function AvatarGallery({
  title,
  avatars,
  empty,
  eagerCards = 0,
}: {
  title: string;
  avatars: AvatarProfile[];
  empty: string;
  eagerCards?: number;
}) {
  const headingId = `gallery-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} className="gallery">
      <h2 id={headingId}>{title}</h2>
      {avatars.length ? (
        <ul className="gallery__grid">
          {avatars.map((avatar, index) => (
            <AvatarCard key={avatar.id} avatar={avatar} priority={index < eagerCards} />
          ))}
        </ul>
      ) : (
        <p className="muted">{empty}</p>
      )}
    </section>
  );
}
