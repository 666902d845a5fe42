import { describe, expect, it } from 'vitest';
import { createBody, updateBody, type AvatarDraft } from '@/components/avatars/avatar-diff';
import { avatarCreateSchema, avatarUpdateSchema } from '@/lib/avatars/avatar-schema';

/** The edit form sends only what changed, in the shape PATCH /api/avatars/[id] validates. */

const BEFORE: AvatarDraft = {
  name: 'Nova',
  referenceImage: '',
  personality: 'You are Nova.',
  startScript: 'Hello!',
  voice: { type: 'preset', presetId: 'clara' },
  documentIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
  imageProcessing: 'optimize',
};

describe('updateBody', () => {
  it('is empty when nothing changed, even with the documents reordered (which the schema refuses)', () => {
    const body = updateBody(BEFORE, { ...BEFORE, documentIds: [...BEFORE.documentIds].reverse() });
    expect(body).toEqual({});
    expect(avatarUpdateSchema.safeParse(body).success).toBe(false);
  });

  it('sends only the changed fields', () => {
    expect(
      updateBody(BEFORE, { ...BEFORE, personality: 'You are Nova, now kinder.', voice: { type: 'preset', presetId: 'vincent' } }),
    ).toEqual({
      personality: 'You are Nova, now kinder.',
      voice: { type: 'preset', presetId: 'vincent' },
    });
  });

  it('turns an emptied start script into null, which clears it', () => {
    const body = updateBody(BEFORE, { ...BEFORE, startScript: '  ' });
    expect(body).toEqual({ startScript: null });
    expect(avatarUpdateSchema.safeParse(body).success).toBe(true);
  });

  it('sends the whole new document list when one is removed', () => {
    expect(updateBody(BEFORE, { ...BEFORE, documentIds: [BEFORE.documentIds[0]!] })).toEqual({ documentIds: [BEFORE.documentIds[0]] });
  });

  it('sends a new image with its processing choice, and no image when none was chosen', () => {
    expect(updateBody(BEFORE, { ...BEFORE, referenceImage: 'runway://ephemeral/x/a.png', imageProcessing: 'none' })).toEqual({
      referenceImage: 'runway://ephemeral/x/a.png',
      imageProcessing: 'none',
    });
    expect(updateBody(BEFORE, { ...BEFORE, imageProcessing: 'none' })).toEqual({});
  });
});

describe('createBody', () => {
  it('leaves out an empty start script and passes the shared schema', () => {
    const body = createBody({ ...BEFORE, referenceImage: 'runway://ephemeral/x/a.png', startScript: '' });
    expect(body).not.toHaveProperty('startScript');
    expect(avatarCreateSchema.parse(body)).toMatchObject({ imageProcessing: 'optimize', voice: { presetId: 'clara' } });
  });
});
