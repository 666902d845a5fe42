import type { RunwayMode } from '@/lib/types';

export function ModeBanner({ mode }: { mode: RunwayMode }) {
  if (mode === 'live') {
    return (
      <p className="mode mode--live">
        <strong>Live</strong> · connected to the Runway API
      </p>
    );
  }
  return (
    <p className="mode mode--emulator">
      <strong>Emulator mode</strong> · no <code>RUNWAYML_API_SECRET</code> is set, so sessions run on the built-in Runway
      API emulator. Live video needs a key.
    </p>
  );
}
