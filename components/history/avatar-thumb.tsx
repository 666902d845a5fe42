import type { ConversationAvatar } from '@/lib/history/types';
import { findPreset } from '@/lib/avatars/presets';

/** Images of custom avatars by id, from the account's avatar list (conversation lists carry no images). */
export type AvatarImages = Record<string, string | null>;

const hueOf = (avatar: ConversationAvatar | null) =>
  (avatar && findPreset(avatar.id ?? '')?.hue) ?? [...(avatar?.id ?? '')].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;

/** A small avatar picture, or the tinted placeholder presets and deleted avatars get. Decorative: the name is beside it. */
export function AvatarThumb({ avatar, imageUrl }: { avatar: ConversationAvatar | null; imageUrl: string | null }) {
  return (
    <span className="thumb" style={{ '--hue': hueOf(avatar) } as React.CSSProperties}>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={imageUrl ?? '/avatars/placeholder.svg'} alt="" width={48} height={31} loading="lazy" decoding="async" />
    </span>
  );
}
