import type { AvatarProfile, CallCredentials } from '@/lib/types';

/** What both call stages (live over the Runway SDK, and emulated) receive from the call screen. */
export interface CallStageProps {
  avatar: AvatarProfile;
  credentials: CallCredentials;
  /** When Runway ends the session (maxDuration after the credentials were handed over), epoch ms. */
  endsAt: number;
  onConnected: () => void;
  onEnded: () => void;
  onError: (message?: string) => void;
}
