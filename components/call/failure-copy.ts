import type { FlowFailure } from './call-flow';

/** A headline per failure class; the server's message says what to do about it. */
export function failureTitle(code: FlowFailure['code']): string {
  switch (code) {
    case 'rate_limited':
      return 'All avatars are busy';
    case 'session_failed':
      return 'The avatar couldn’t start';
    case 'session_timeout':
      return 'Starting took too long';
    case 'network':
    case 'upstream_unavailable':
    case 'upstream_timeout':
      return 'Connection problem';
    case 'character_unavailable':
      return 'This character is unavailable';
    case 'upstream_unauthorized':
    case 'not_configured':
      return 'The server isn’t set up correctly';
    case 'not_found':
      return 'Avatar not found';
    case 'connection':
      return 'Couldn’t join the call';
    case 'bot_check_required':
      return 'Please confirm you’re human';
    default:
      return 'Something went wrong';
  }
}

// Server messages that are plain for anyone: what happened and when to try again. The others name Runway's
// answers or the server's setup, which is the admin's detail.
const PLAIN_FOR_VISITORS = new Set<FlowFailure['code']>([
  'rate_limited',
  'session_timeout',
  'network',
  'not_found',
  'connection',
  // "This character can't talk right now…": the ElevenLabs detail goes to the server log only.
  'character_unavailable',
  'bot_check_required',
]);

/** What the failure screen says: the server's message to the admin and in emulator mode, plain copy to visitors. */
export function failureMessage(failure: FlowFailure, developer: boolean): string {
  if (developer || PLAIN_FOR_VISITORS.has(failure.code)) return failure.message;
  return 'Please try again in a moment.';
}
