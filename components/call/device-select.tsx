/** One labelled device picker, used before the call (pre-join) and during it (the Devices menu). */
export function DeviceSelect({
  label,
  devices,
  value,
  onSelect,
  offerDefault,
}: {
  label: string;
  devices: Array<{ deviceId: string; label: string }>;
  value: string | undefined;
  onSelect: (deviceId: string) => void;
  /** Whether "System default" is a choice: always before the call, only until a device is active during it. */
  offerDefault: boolean;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(event) => onSelect(event.target.value)}>
        {offerDefault && <option value="">System default</option>}
        {devices.map((device) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label}
          </option>
        ))}
      </select>
    </label>
  );
}
