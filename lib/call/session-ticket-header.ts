/**
 * The header a session's follow-up requests (status, consume, cancel, tool calls) carry its ticket in: the
 * browser's fetchers send it, the server reads it. Its own module, so the browser imports no schema for it.
 */
export const TICKET_HEADER = 'x-session-ticket';
