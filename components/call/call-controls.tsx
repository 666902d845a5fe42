'use client';

import type { CallModel, DeviceChoice } from './call-model';
import { DeviceSelect } from './device-select';

const DEVICE_LABEL: Record<MediaDeviceKind, string> = { audioinput: 'Microphone', videoinput: 'Camera', audiooutput: 'Speaker' };

interface CallControlsProps {
  model: CallModel;
  captions: boolean | null;
  onCaptions: (on: boolean) => void;
}

/** Our own control bar over the model (the SDK's ControlBar has no device menu and no captions). */
export function CallControls({ model, captions, onCaptions }: CallControlsProps) {
  const { mic, camera, screenShare } = model;
  const live = model.status === 'active' || model.status === 'reconnecting';
  return (
    <div className="call-controls" role="toolbar" aria-label="Call controls" data-avatar-target="controls">
      <button type="button" className="button" aria-pressed={!mic.enabled} onClick={mic.toggle} disabled={!live}>
        {mic.enabled ? 'Mute' : 'Unmute'}
      </button>
      <button type="button" className="button" aria-pressed={!camera.enabled} onClick={camera.toggle} disabled={!live}>
        {camera.enabled ? 'Turn camera off' : 'Turn camera on'}
      </button>
      {screenShare && (
        <button type="button" className="button" aria-pressed={screenShare.enabled} onClick={screenShare.toggle} disabled={!live}>
          {screenShare.enabled ? 'Stop sharing' : 'Share screen'}
        </button>
      )}
      {captions !== null && (
        <button type="button" className="button" aria-pressed={captions} onClick={() => onCaptions(!captions)}>
          Captions
        </button>
      )}
      {model.devices.some((choice) => choice.devices.length > 0) && <DeviceMenu choices={model.devices} />}
      <button type="button" className="button button--danger" onClick={model.end}>
        End call
      </button>
      {[mic.error, camera.error, screenShare?.error].filter(Boolean).map((error) => (
        <p key={error} className="call-controls__error" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}

function DeviceMenu({ choices }: { choices: DeviceChoice[] }) {
  return (
    <details className="device-menu">
      <summary className="button">Devices</summary>
      <div className="device-menu__panel">
        {choices
          .filter((choice) => choice.devices.length > 0)
          .map((choice) => (
            <DeviceSelect
              key={choice.kind}
              label={DEVICE_LABEL[choice.kind]}
              devices={choice.devices}
              value={choice.activeId}
              onSelect={choice.select}
              offerDefault={!choice.activeId}
            />
          ))}
      </div>
    </details>
  );
}
