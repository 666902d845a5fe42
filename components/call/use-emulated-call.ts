'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { api } from '@/lib/api-client';
import { appConfig } from '@/lib/app-config';
import type { EmulatedTurn } from '@/lib/schemas/emulator';
import { DEMO_TOOLS, EMULATED_TOOL_EVENTS, type DemoToolEvent, type DemoToolName } from '@/lib/tools/catalog';
import type { CallCredentials } from '@/lib/types';
import { canShareScreen, type CallModel, type MediaPreferences } from './call-model';
import { emulatedReducer, emulatedScript, INITIAL_EMULATED_STATE } from './emulated-script';
import { permissionHelp } from './media-permissions';
import { useDeviceMedia } from './use-device-media';

const WORD_MS = 80;
const TURN_GAP_MS = 700;
/** The mic level above which the visitor counts as speaking. */
const SPEAKING_LEVEL = 0.1;

interface EmulatedCallOptions {
  credentials: CallCredentials;
  avatarName: string;
  startScript: string | null;
  preferences: MediaPreferences;
  onToolEvent: ((event: DemoToolEvent) => void) | null;
  onConnected: () => void;
  onEnded: () => void;
  onError: () => void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/**
 * The emulated call model: joins the emulated room (the session turns RUNNING), plays the script as
 * interim-then-final transcript lines, and posts every turn it plays to the emulator (contract 1), tool calls
 * included, so the conversation's transcript is what the visitor saw. Camera and microphone are the
 * visitor's real ones: the self view, mute and the "you are speaking" indicator all work.
 */
export function useEmulatedCall(options: EmulatedCallOptions): CallModel & { attachSelfVideo: (element: HTMLVideoElement | null) => void; cameraOn: boolean } {
  const { credentials, avatarName, startScript, onToolEvent, onConnected, onEnded, onError } = options;
  const [state, dispatch] = useReducer(emulatedReducer, INITIAL_EMULATED_STATE);
  const [preferences, setPreferences] = useState(options.preferences);
  const [sharing, setSharing] = useState<{ stream: MediaStream | null; error: string | null }>({ stream: null, error: null });
  const media = useDeviceMedia(preferences);
  const playback = useRef(new AbortController());
  // Turns are posted one after another, so the emulator records them in the order they were played.
  const posting = useRef<Promise<unknown>>(Promise.resolve());
  const ended = useRef(false);

  const post = useCallback(
    (event: Parameters<typeof api.emulatedRoomEvent>[1]) => {
      const next = posting.current.then(() => api.emulatedRoomEvent(credentials, event)).catch(() => undefined);
      posting.current = next;
      return next;
    },
    [credentials],
  );
  const postTurn = useCallback((turn: EmulatedTurn) => post({ event: 'turn', turn }), [post]);

  const { start: startMedia } = media;
  useEffect(() => startMedia(), [startMedia]);

  // Join, then play the script. Joining is what connecting to LiveKit is in a live call.
  const joined = useRef(false);
  useEffect(() => {
    if (joined.current) return;
    joined.current = true;
    const { signal } = playback.current;
    const play = async () => {
      const script = emulatedScript(avatarName, startScript);
      for (const [index, line] of script.entries()) {
        const id = `emulated-${index}`;
        const words = line.text.split(' ');
        for (let count = 1; count <= words.length; count += 1) {
          dispatch({ type: 'speak', id, speaker: line.speaker, text: words.slice(0, count).join(' ') });
          await sleep(WORD_MS, signal);
        }
        dispatch({ type: 'finish', id });
        void postTurn({ role: line.speaker === 'avatar' ? 'assistant' : 'user', content: line.text });
        await sleep(TURN_GAP_MS, signal);
      }
    };
    api.emulatedRoomEvent(credentials, { event: 'join' }).then(
      () => {
        dispatch({ type: 'joined' });
        onConnected();
        play().catch(() => undefined);
      },
      () => onError(),
    );
  }, [avatarName, credentials, onConnected, onError, postTurn, startScript]);

  const end = useCallback(() => {
    if (ended.current) return;
    ended.current = true;
    playback.current.abort();
    dispatch({ type: 'ended' });
    // The emulator's stand-in for END_CALL, after the last turn, so the session ends COMPLETED.
    void post({ event: 'end' }).then(onEnded);
  }, [onEnded, post]);

  useEffect(() => {
    const controller = playback.current;
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const stream = sharing.stream;
    return () => stream?.getTracks().forEach((track) => track.stop());
  }, [sharing.stream]);

  const toggleShare = useCallback(async () => {
    if (sharing.stream) return setSharing({ stream: null, error: null });
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
      stream.getVideoTracks()[0]?.addEventListener('ended', () => setSharing({ stream: null, error: null }));
      setSharing({ stream, error: null });
    } catch {
      setSharing({ stream: null, error: 'Screen sharing was cancelled or blocked.' });
    }
  }, [sharing.stream]);

  const emulateTool = useCallback(
    (name: DemoToolName) => {
      if (state.status !== 'active' || !onToolEvent) return;
      const event = { tool: name, args: DEMO_TOOLS[name].schema.parse(EMULATED_TOOL_EVENTS[name]) } as DemoToolEvent;
      onToolEvent(event);
      void postTurn({ role: 'assistant', content: null, toolCalls: [{ name, arguments: event.args }] });
    },
    [onToolEvent, postTurn, state.status],
  );

  const set = (patch: Partial<MediaPreferences>) => setPreferences((previous) => ({ ...previous, ...patch }));
  const micHelp = permissionHelp(media.mic, 'microphone', 'other');
  const cameraHelp = permissionHelp(media.camera, 'camera', 'other');
  const shareSupported = useMemo(() => appConfig.features.screenShare && canShareScreen(), []);

  return {
    kind: 'emulated',
    status: state.status,
    speaking: { avatar: state.speaking.avatar, user: state.speaking.user || (preferences.audio && media.level > SPEAKING_LEVEL) },
    quality: state.quality,
    transcript: state.lines,
    mic: { enabled: preferences.audio, error: micHelp, toggle: () => set({ audio: !preferences.audio }) },
    camera: { enabled: preferences.video, error: cameraHelp, toggle: () => set({ video: !preferences.video }) },
    screenShare: shareSupported ? { enabled: sharing.stream !== null, error: sharing.error, toggle: () => void toggleShare() } : null,
    devices: [
      { kind: 'audioinput', devices: media.devices.audioinput, activeId: preferences.audioInputId, select: (id) => set({ audioInputId: id || undefined }) },
      { kind: 'videoinput', devices: media.devices.videoinput, activeId: preferences.videoInputId, select: (id) => set({ videoInputId: id || undefined }) },
    ],
    audioBlocked: false,
    unlockAudio: () => undefined,
    end,
    emulateTool: onToolEvent ? emulateTool : undefined,
    attachSelfVideo: media.attachVideo,
    cameraOn: media.camera === 'on',
  };
}
