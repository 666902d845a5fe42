'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { statusFromError, type DeviceStatus } from './media-permissions';

/**
 * The visitor's own camera and microphone, outside any call: the pre-join preview and level meter, and the
 * emulated call's self view. Camera and microphone are opened separately, so one failing leaves the other.
 * Nothing is requested until `start()`; every track stops when the component unmounts.
 */

export interface DeviceOptions {
  audio: boolean;
  video: boolean;
  audioInputId?: string;
  videoInputId?: string;
}

export type DeviceLists = Record<'audioinput' | 'videoinput' | 'audiooutput', Array<{ deviceId: string; label: string }>>;

const EMPTY_LISTS: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

async function listDevices(): Promise<DeviceLists> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  for (const device of devices) {
    // Without permission browsers return unnamed placeholders: not worth offering.
    if (!device.deviceId || !(device.kind in lists)) continue;
    const list = lists[device.kind as keyof DeviceLists];
    list.push({ deviceId: device.deviceId, label: device.label || `${device.kind} ${list.length + 1}` });
  }
  return lists;
}

function useLevel(stream: MediaStream | null) {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const track = stream?.getAudioTracks()[0];
    if (!stream || !track || typeof AudioContext === 'undefined') return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    // Ten readings a second is smooth enough for a meter and cheap on a phone.
    const timer = setInterval(() => {
      if (!track.enabled) return setLevel(0);
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
      setLevel(Math.min(1, rms * 4));
    }, 100);
    return () => {
      clearInterval(timer);
      setLevel(0);
      void context.close();
    };
  }, [stream]);
  return level;
}

export function useDeviceMedia(options: DeviceOptions) {
  const [started, setStarted] = useState(false);
  const [camera, setCamera] = useState<{ stream: MediaStream | null; status: DeviceStatus }>({ stream: null, status: 'idle' });
  const [mic, setMic] = useState<{ stream: MediaStream | null; status: DeviceStatus }>({ stream: null, status: 'idle' });
  const [devices, setDevices] = useState<DeviceLists>(EMPTY_LISTS);
  const video = useRef<HTMLVideoElement | null>(null);
  const cameraStream = options.video ? camera.stream : null;
  const level = useLevel(mic.stream);

  const start = useCallback(() => setStarted(true), []);

  // One effect per device, so switching the camera does not reopen the microphone.
  useEffect(() => {
    if (!started) return;
    if (!options.video) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: options.videoInputId ? { deviceId: { exact: options.videoInputId } } : true })
      .then((opened) => {
        if (cancelled) return opened.getTracks().forEach((track) => track.stop());
        stream = opened;
        setCamera({ stream: opened, status: 'on' });
        return listDevices().then(setDevices);
      })
      .catch((error: unknown) => !cancelled && setCamera({ stream: null, status: statusFromError(error) }));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [started, options.video, options.videoInputId]);

  useEffect(() => {
    if (!started) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ audio: options.audioInputId ? { deviceId: { exact: options.audioInputId } } : true })
      .then((opened) => {
        if (cancelled) return opened.getTracks().forEach((track) => track.stop());
        stream = opened;
        setMic({ stream: opened, status: 'on' });
        return listDevices().then(setDevices);
      })
      .catch((error: unknown) => !cancelled && setMic({ stream: null, status: statusFromError(error) }));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [started, options.audioInputId]);

  // Joining muted keeps the meter's stream open but silent, so unmuting is instant.
  useEffect(() => {
    mic.stream?.getAudioTracks().forEach((track) => (track.enabled = options.audio));
  }, [mic.stream, options.audio]);

  // The preview element mounts once the camera is on, and may remount: attach on both occasions.
  const streamForVideo = useRef<MediaStream | null>(null);
  useEffect(() => {
    streamForVideo.current = cameraStream;
    if (video.current) video.current.srcObject = cameraStream;
  }, [cameraStream]);
  const attachVideo = useCallback((element: HTMLVideoElement | null) => {
    video.current = element;
    if (element) element.srcObject = streamForVideo.current;
  }, []);

  useEffect(() => {
    if (!started || !navigator.mediaDevices) return;
    const refresh = () =>
      void listDevices()
        .then(setDevices)
        .catch(() => undefined);
    navigator.mediaDevices.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices.removeEventListener('devicechange', refresh);
  }, [started]);

  const micStatus: DeviceStatus = mic.status === 'on' && !options.audio ? 'off' : mic.status;
  const cameraStatus: DeviceStatus = !started ? 'idle' : options.video ? camera.status : 'off';
  return { started, start, attachVideo, camera: cameraStatus, mic: micStatus, level: options.audio ? level : 0, devices };
}
