'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { AvatarPortrait } from '@/components/avatars/avatar-portrait';
import { useBotGate } from '@/components/bot-check/bot-check';
import type { BotCheckConfig } from '@/lib/bot-check/bot-check';
import { describeDuration } from '@/lib/format';
import type { AvatarProfile } from '@/lib/avatars/types';
import { currentSupport, type SupportReport } from './browser-support';
import type { MediaPreferences } from './call-model';
import { DeviceSelect } from './device-select';
import { permissionHelp, type DeviceStatus } from './media-permissions';
import { useDeviceMedia, type DeviceLists } from './use-device-media';

interface PreJoinProps {
  avatar: AvatarProfile;
  maxDurationSeconds: number;
  preferences: MediaPreferences;
  onChange: (preferences: MediaPreferences) => void;
  onStart: () => void;
  /** The check opened: the call's code may start loading. */
  onCheckStarted?: () => void;
  /** The optional bot check: Start waits for its pass. Null while it is off. */
  botCheck: BotCheckConfig | null;
  onBotCheckPassed: () => void;
}

const noSubscribe = () => () => undefined;
const supportsSinkId = () => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
let support: SupportReport | undefined;
const browserSupport = () => (support ??= currentSupport());

const STATUS_TEXT: Record<DeviceStatus, string> = {
  idle: 'Not checked yet',
  on: 'Working',
  off: 'Off: you will join with it off',
  denied: 'Blocked',
  'no-device': 'None found',
  busy: 'In use elsewhere',
  error: 'Could not start',
};

/**
 * The check before a call: nothing here creates a session or spends a credit. It opens the camera and
 * microphone only when asked (or when permission was already granted), and says what to fix when it can't.
 */
export function PreJoin({
  avatar,
  maxDurationSeconds,
  preferences,
  onChange,
  onStart,
  onCheckStarted,
  botCheck,
  onBotCheckPassed,
}: PreJoinProps) {
  const { started, start, attachVideo, camera, mic, level, devices } = useDeviceMedia(preferences);
  const gate = useBotGate(botCheck, onBotCheckPassed);
  // Browser facts: unknown while server rendering, fixed once in the browser.
  const support = useSyncExternalStore(noSubscribe, browserSupport, () => null);
  const canPickSpeaker = useSyncExternalStore(noSubscribe, supportsSinkId, () => false);

  // No surprise prompts: start by itself only when both permissions were already granted.
  useEffect(() => {
    let cancelled = false;
    const query = (name: string) => navigator.permissions?.query({ name: name as PermissionName }).then((status) => status.state);
    Promise.all([query('camera'), query('microphone')])
      .then((states) => !cancelled && states.every((state) => state === 'granted') && start())
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [start]);

  useEffect(() => {
    if (started) onCheckStarted?.();
  }, [started, onCheckStarted]);

  const blocked = support?.blocking ?? false;
  const help = (['camera', 'microphone'] as const)
    .map((device) => permissionHelp(device === 'camera' ? camera : mic, device, support?.browser ?? 'other'))
    .filter((text): text is string => text !== null);
  const set = (patch: Partial<MediaPreferences>) => onChange({ ...preferences, ...patch });

  return (
    <div className="stage stage--idle prejoin">
      <div className="prejoin__preview">
        {camera === 'on' ? (
          <video ref={attachVideo} autoPlay muted playsInline aria-label="Your camera preview" className="prejoin__video" />
        ) : (
          <AvatarPortrait avatar={avatar} size="stage" />
        )}
      </div>
      <div className="prejoin__panel">
        <h2 className="stage__title">Before you join</h2>
        {support && support.problems.length > 0 && (
          <ul className="notice notice--warning" aria-label="Browser support">
            {support.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {!started ? (
          <button type="button" className="button" onClick={start} disabled={blocked}>
            Check camera and microphone
          </button>
        ) : (
          <dl className="device-status" aria-label="Device check">
            <dt>Camera</dt>
            <dd data-status={camera}>{STATUS_TEXT[camera]}</dd>
            <dt>Microphone</dt>
            <dd data-status={mic}>{STATUS_TEXT[mic]}</dd>
          </dl>
        )}
        {started && (
          <label className="meter">
            Microphone level
            <meter min={0} max={1} low={0.05} value={level} />
          </label>
        )}
        {help.length > 0 && (
          <div className="notice notice--warning" role="alert" data-testid="permission-help">
            {help.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </div>
        )}
        <DevicePickers devices={devices} preferences={preferences} onChange={set} canPickSpeaker={canPickSpeaker} />
        <fieldset className="join-toggles">
          <legend className="sr-only">Join with</legend>
          <label>
            <input type="checkbox" checked={preferences.video} onChange={(event) => set({ video: event.target.checked })} /> Join with
            camera on
          </label>
          <label>
            <input type="checkbox" checked={preferences.audio} onChange={(event) => set({ audio: event.target.checked })} /> Join with
            microphone on
          </label>
        </fieldset>
        <p className="muted">
          Calls last up to {describeDuration(maxDurationSeconds)}. Starting a call uses Runway credits; this check does not.
        </p>
        {gate.widget}
        <button
          type="button"
          className="button button--primary button--large"
          onClick={onStart}
          disabled={blocked || !gate.open}
          aria-describedby={gate.describedBy}
        >
          Start call
        </button>
      </div>
    </div>
  );
}

function DevicePickers({
  devices,
  preferences,
  onChange,
  canPickSpeaker,
}: {
  devices: DeviceLists;
  preferences: MediaPreferences;
  onChange: (patch: Partial<MediaPreferences>) => void;
  canPickSpeaker: boolean;
}) {
  const pickers = [
    { label: 'Camera', list: devices.videoinput, value: preferences.videoInputId, key: 'videoInputId' },
    { label: 'Microphone', list: devices.audioinput, value: preferences.audioInputId, key: 'audioInputId' },
    ...(canPickSpeaker ? [{ label: 'Speaker', list: devices.audiooutput, value: preferences.audioOutputId, key: 'audioOutputId' }] : []),
  ] as const;
  return (
    <div className="device-pickers">
      {pickers
        .filter((picker) => picker.list.length > 0)
        .map((picker) => (
          <DeviceSelect
            key={picker.key}
            label={picker.label}
            devices={picker.list}
            value={picker.value}
            onSelect={(deviceId) => onChange({ [picker.key]: deviceId || undefined })}
            offerDefault
          />
        ))}
    </div>
  );
}
