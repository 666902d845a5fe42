import type { AvatarProfile } from '@/lib/avatars/types';

/**
 * The avatar's picture, or a tinted placeholder. A plain <img>: custom avatars' images live on Runway's
 * CDN, whose hosts are not ours to list in next/image's remotePatterns. Above the fold (the call stage, the
 * first gallery row) it loads eagerly at high priority: it is the page's largest paint.
 */
export function AvatarPortrait({
  avatar,
  size = 'card',
  priority = size === 'stage',
}: {
  avatar: AvatarProfile;
  size?: 'card' | 'stage';
  priority?: boolean;
}) {
  return (
    <div className={`portrait portrait--${size}`} style={{ '--hue': avatar.hue } as React.CSSProperties}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={avatar.imageUrl ?? '/avatars/placeholder.svg'}
        alt=""
        width={352}
        height={228}
        loading={priority ? 'eager' : 'lazy'}
        fetchPriority={priority ? 'high' : 'auto'}
        decoding="async"
      />
    </div>
  );
}
