'use client';

// The React SDK's build has no 'use client' directive, so it is imported only from client modules like this
// one, which the call screen loads with next/dynamic: LiveKit stays out of every other page's JavaScript.
import '@runwayml/avatars-react/styles.css';
import { AvatarCall, AvatarVideo, ControlBar, UserVideo, useAvatarSession } from '@runwayml/avatars-react';
import { useEffect } from 'react';
import type { CallStageProps } from './call-stage';
import { CallTimer } from './call-timer';

function ConnectionWatcher({ onConnected }: { onConnected: () => void }) {
  const { state } = useAvatarSession();
  useEffect(() => {
    if (state === 'active') onConnected();
  }, [state, onConnected]);
  return null;
}

export default function LiveCall({ avatar, credentials, endsAt, onConnected, onEnded, onError }: CallStageProps) {
  return (
    <section className="stage stage--call" aria-label="Live call">
      <AvatarCall
        // A fresh component per session: nothing from a previous call's room survives into the next.
        key={credentials.sessionId}
        avatarId={avatar.id}
        credentials={credentials}
        avatarImageUrl={avatar.imageUrl ?? undefined}
        onEnd={onEnded}
        onError={() => onError()}
      >
        <AvatarVideo />
        <UserVideo />
        <ControlBar />
        <ConnectionWatcher onConnected={onConnected} />
      </AvatarCall>
      <div className="call-controls">
        {/* Runway ends the session at maxDuration by itself; onEnd then fires. */}
        <CallTimer endsAt={endsAt} />
      </div>
    </section>
  );
}
