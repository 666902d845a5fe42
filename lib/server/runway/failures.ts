import 'server-only';
import type { SessionFailure } from '@/lib/call/types';

/**
 * A message a visitor can act on, keyed by Runway's stable `failureCode` family. Runway's own `failure`
 * text is documented as unstable, so it is never shown.
 */
export function describeFailure(code: string): SessionFailure {
  if (code.startsWith('SAFETY.')) return { code, message: 'Runway’s safety checks stopped this session.' };
  if (code === 'TALKING_AVATAR.NO_PARTICIPANT') return { code, message: 'The session expired before anyone joined it.' };
  if (code === 'ASSET.INVALID') return { code, message: 'Runway could not use this avatar’s image or settings.' };
  return { code, message: 'The avatar could not start. Please try again.' };
}
