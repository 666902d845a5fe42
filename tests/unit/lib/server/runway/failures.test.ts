import { describe, expect, it } from 'vitest';
import { describeFailure } from '@/lib/server/runway/failures';

describe('describeFailure', () => {
  it.each([
    ['SAFETY.INPUT.TEXT', 'Runway’s safety checks stopped this session.'],
    ['SAFETY.OUTPUT.VIDEO', 'Runway’s safety checks stopped this session.'],
    ['TALKING_AVATAR.NO_PARTICIPANT', 'The session expired before anyone joined it.'],
    ['ASSET.INVALID', 'Runway could not use this avatar’s image or settings.'],
    ['INTERNAL', 'The avatar could not start. Please try again.'],
    ['INTERNAL.BAD_OUTPUT.CODE01', 'The avatar could not start. Please try again.'],
    ['SOMETHING_NEW', 'The avatar could not start. Please try again.'],
  ])('explains %s to a visitor and keeps the stable code', (code, message) => {
    expect(describeFailure(code)).toEqual({ code, message });
  });
});
