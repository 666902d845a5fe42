'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type CameraStatus = 'off' | 'on' | 'denied' | 'unavailable';

/** A local camera preview that starts by itself only when permission was already granted: no surprise prompts. */
export function useCameraPreview() {
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const mounted = useRef(true);
  const [status, setStatus] = useState<CameraStatus>('off');

  const enable = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setStatus('unavailable');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      // The call may have ended while the browser was asking: never leave the camera on behind it.
      if (!mounted.current) return stream.getTracks().forEach((track) => track.stop());
      streamRef.current?.getTracks().forEach((track) => track.stop());
      streamRef.current = stream;
      if (videoRef.current) videoRef.current.srcObject = stream;
      setStatus('on');
    } catch (error) {
      setStatus(error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'unavailable');
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    let cancelled = false;
    navigator.permissions
      ?.query({ name: 'camera' as PermissionName })
      .then((permission) => {
        if (!cancelled && permission.state === 'granted') void enable();
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      mounted.current = false;
      streamRef.current?.getTracks().forEach((track) => track.stop());
      streamRef.current = null;
    };
  }, [enable]);

  return { videoRef, status, enable };
}
