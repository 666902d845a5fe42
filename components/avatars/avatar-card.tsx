import Link from 'next/link';
import type { AvatarProfile } from '@/lib/avatars/types';
import { ConversationBadge } from './avatar-conversation';
import { AvatarPortrait } from './avatar-portrait';

export function AvatarCard({ avatar, priority = false }: { avatar: AvatarProfile; priority?: boolean }) {
  const ready = avatar.status === 'ready';
  return (
    <li className="card">
      <AvatarPortrait avatar={avatar} priority={priority} />
      <div className="card__body">
        <h3 className="card__name">{avatar.name}</h3>
        <p className="card__subtitle">{avatar.subtitle}</p>
        <ConversationBadge conversation={avatar.conversation} />
        {ready ? (
          <Link className="button button--primary" href={`/call/${avatar.id}`} aria-label={`Start call with ${avatar.name}`}>
            Start call
          </Link>
        ) : (
          <p className="badge">{avatar.status === 'processing' ? 'Processing…' : 'Failed'}</p>
        )}
      </div>
    </li>
  );
}
