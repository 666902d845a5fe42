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
      return 'The server isn’t set up correctly';
    case 'not_found':
      return 'Avatar not found';
    case 'connection':
      return 'Couldn’t join the call';
    default:
      return 'Something went wrong';
  }
}
