import type { AvatarProfile } from '@/lib/types';

/**
 * The avatar's picture, or a tinted placeholder. A plain <img>: custom avatars' images live on Runway's
 * CDN, whose hosts are not ours to list in next/image's remotePatterns.
 */
export function AvatarPortrait({ avatar, size = 'card' }: { avatar: AvatarProfile; size?: 'card' | 'stage' }) {
  return (
    <div className={`portrait portrait--${size}`} style={{ '--hue': avatar.hue } as React.CSSProperties}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={avatar.imageUrl ?? '/avatars/placeholder.svg'} alt="" width={352} height={228} loading="lazy" decoding="async" />
    </div>
  );
}
