import type { SessionHandle } from '@/lib/call/session-api';
import type { CallCredentials } from '@/lib/call/types';
import type { AvatarProfile } from '@/lib/avatars/types';
import type { MediaPreferences, TranscriptLine } from './call-model';

/** What the call stage (the Runway SDK's room) receives from the call screen. */
export interface CallStageProps {
  avatar: AvatarProfile;
  credentials: CallCredentials;
  /** The session as this page created it: its ticket reads the call's backend tool activity. */
  session: SessionHandle;
  /** When Runway ends the session (maxDuration after the credentials were handed over), epoch ms. */
  endsAt: number;
  preferences: MediaPreferences;
  /** The tool guide and the backend tool feed are the developer's (call-screen.tsx). */
  developer: boolean;
  /** Dispatches `end` when the embedding page asks to hang up. */
  endRequests?: EventTarget;
  onConnected: () => void;
  /** The call is over, with its transcript for the end-of-call summary. */
  onEnded: (transcript: TranscriptLine[]) => void;
  onError: (message?: string) => void;
}
