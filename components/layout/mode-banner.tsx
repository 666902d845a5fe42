import type { RunwayMode } from '@/lib/app-config';

export function ModeBanner({ mode }: { mode: RunwayMode }) {
  if (mode === 'live') {
    return (
      <p className="mode mode--live">
        <strong>Live</strong> · connected to the Runway API
      </p>
    );
  }
  if (mode === 'setup') {
    return (
      <p className="mode mode--setup">
        <strong>Not set up</strong> · no <code>RUNWAYML_API_SECRET</code> and no emulator
      </p>
    );
  }
  return (
    <p className="mode mode--emulator">
      <strong>Emulator mode</strong> · no <code>RUNWAYML_API_SECRET</code> is set, so calls run on the Runway emulator beside this app: the
      real SDK and WebRTC, with an emulated avatar. Set a key to talk to a Runway character.
    </p>
  );
}
