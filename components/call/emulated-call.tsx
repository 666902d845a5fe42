'use client';

import { useCallback, useEffect, useRef } from 'react';
import { AvatarPortrait } from '@/components/avatars/avatar-portrait';
import { api } from '@/lib/api-client';
import type { CallStageProps } from './call-stage';
import { CallTimer } from './call-timer';
import { useCameraPreview } from './use-camera-preview';

/**
 * What a call looks like on the emulator. Everything up to these credentials was the real flow, but they
 * point at no media server, so this stage says so instead of mounting a video call that cannot connect.
 */
export function EmulatedCall({ avatar, credentials, endsAt, onConnected, onEnded, onError }: CallStageProps) {
  const { videoRef, status: cameraStatus, enable: enableCamera } = useCameraPreview();
  const ending = useRef(false);

  const hangUp = useCallback(async () => {
    if (ending.current) return;
    ending.current = true;
    // The emulator's stand-in for END_CALL, so the session ends COMPLETED as a live hang-up does.
    await api.emulatedRoomEvent(credentials, { event: 'end' }).catch(() => undefined);
    onEnded();
  }, [credentials, onEnded]);

  // Joining the emulated room is what connecting to LiveKit is in a live call: the session turns RUNNING.
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current) return;
    joined.current = true;
    api.emulatedRoomEvent(credentials, { event: 'join' }).then(onConnected, () => onError());
  }, [credentials, onConnected, onError]);

  return (
    <section className="stage stage--call" aria-label="Emulated call">
      <p className="notice">
        <strong>Emulated call.</strong> Live video and voice need <code>RUNWAYML_API_SECRET</code>; the emulator issued
        credentials for room <code>{credentials.roomName}</code>, which no media server hosts.
      </p>
      <div className="call-grid">
        <AvatarPortrait avatar={avatar} size="stage" />
        <div className="self-view">
          <video ref={videoRef} autoPlay muted playsInline hidden={cameraStatus !== 'on'} aria-label="Your camera" />
          {cameraStatus !== 'on' && (
            <div className="self-view__off">
              <p>{cameraStatus === 'denied' ? 'Camera permission was denied.' : cameraStatus === 'unavailable' ? 'No camera available.' : 'Camera preview is off.'}</p>
              {cameraStatus === 'off' && (
                <button type="button" className="button" onClick={enableCamera}>
                  Turn on camera preview
                </button>
              )}
            </div>
          )}
        </div>
      </div>
      <div className="call-controls">
        <CallTimer endsAt={endsAt} onElapsed={hangUp} />
        <button type="button" className="button button--danger" onClick={hangUp}>
          End call
        </button>
      </div>
    </section>
  );
}
