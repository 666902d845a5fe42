import type { AvatarProfile, CallCredentials } from '@/lib/types';
import type { MediaPreferences, TranscriptLine } from './call-model';

/** What both call stages (live over the Runway SDK, and emulated) receive from the call screen. */
export interface CallStageProps {
  avatar: AvatarProfile;
  credentials: CallCredentials;
  /** When Runway ends the session (maxDuration after the credentials were handed over), epoch ms. */
  endsAt: number;
  preferences: MediaPreferences;
  /** The avatar's opening line where known (custom avatars); the emulated call plays it. */
  startScript: string | null;
  onConnected: () => void;
  onEnded: () => void;
  onError: (message?: string) => void;
  /** The transcript so far, kept by the call screen for the end-of-call summary. */
  onTranscript: (lines: TranscriptLine[]) => void;
}
