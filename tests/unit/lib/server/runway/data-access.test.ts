import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as avatarVideos from '@/lib/server/runway/avatar-videos';
import * as avatars from '@/lib/server/runway/avatars';
import * as conversations from '@/lib/server/runway/conversations';
import * as documents from '@/lib/server/runway/documents';
import * as managedAvatars from '@/lib/server/runway/managed-avatars';
import * as uploads from '@/lib/server/runway/uploads';
import * as usage from '@/lib/server/runway/usage';
import * as voices from '@/lib/server/runway/voices';
import { withRequest } from '@/lib/server/request-scope';
import { DEMO_AVATAR_ID } from 'runway-emulator';
import { useRunwayFake } from '@/tests/msw/runway';
import { resetSecurityState, signInWithTestPassword, TEST_AUTH_SECRET } from '@/tests/unit/security';

/**
 * The data access layer checks the admin where it reads, whoever calls it: a page that forgot its own check,
 * or a route, gets nothing. Every exported async function of the admin data modules is found and called
 * (a function added later is covered), outside any request and inside an anonymous one.
 */

const ADMIN_MODULES = { avatarVideos, conversations, documents, managedAvatars, uploads, usage, voices };
const ID = '00000000-0000-4000-8000-000000000000';

/** Plausible arguments for any of them: an id, a query object, bytes and names. */
const ARGS = [ID, { limit: 10, from: '2026-01-01', to: '2026-01-02', name: 'x', content: 'x' }, 'x.png', 'image/png'];

/**
 * Each exported function that answers with a promise: the ones that read or change Runway data. Finding
 * them calls every export once (outside any request, so a data function refuses before doing anything).
 */
function dataFunctions(): Array<[string, () => Promise<unknown>]> {
  const found: Array<[string, () => Promise<unknown>]> = [];
  const consider = (name: string, call: () => unknown) => {
    let result: unknown;
    try {
      result = call();
    } catch {
      return;
    }
    if (result instanceof Promise) {
      result.catch(() => undefined);
      found.push([name, () => Promise.resolve().then(call)]);
    }
  };
  for (const [moduleName, module] of Object.entries(ADMIN_MODULES)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function') consider(`${moduleName}.${name}`, () => (value as (...args: unknown[]) => unknown)(...ARGS));
    }
  }
  return found;
}

const anonymous = () => new Request('http://localhost/api/anything');

describe('admin data functions', () => {
  const fake = useRunwayFake();

  beforeEach(() => {
    resetSecurityState();
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
  });

  it('are found (the scan is not vacuous)', () => {
    const names = dataFunctions().map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'conversations.getConversation',
        'conversations.listConversations',
        'usage.getUsage',
        'documents.listDocuments',
        'managedAvatars.createAvatar',
        'managedAvatars.deleteAvatar',
      ]),
    );
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('refuse with unauthorized outside any request, without asking Runway', async () => {
    for (const [name, call] of dataFunctions()) {
      await expect(call(), name).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    }
    expect(fake.requests).toEqual([]);
  });

  it('refuse with unauthorized inside an anonymous request, without asking Runway', async () => {
    for (const [name, call] of dataFunctions()) {
      await expect(
        withRequest(anonymous(), () => Promise.resolve().then(call)),
        name,
      ).rejects.toMatchObject({ code: 'unauthorized' });
    }
    expect(fake.requests).toEqual([]);
  });

  it('answer the signed-in admin', async () => {
    const cookie = await signInWithTestPassword();
    const request = new Request('http://localhost/api/anything', { headers: { cookie } });
    const page = await withRequest(request, () => documents.listDocuments({ limit: 10, sort: 'updatedAt', order: 'desc' }));
    expect(Array.isArray(page.items)).toBe(true);
    expect(fake.requests).toEqual(['GET /v1/documents']);
  });
});

describe('custom avatars, the mixed case', () => {
  const fake = useRunwayFake();

  beforeEach(() => {
    resetSecurityState();
    vi.stubEnv('AUTH_SECRET', TEST_AUTH_SECRET);
    // As in production: only the demo avatar is published.
    vi.stubEnv('PUBLIC_AVATAR_IDS', DEMO_AVATAR_ID);
  });

  async function unpublishedAvatar(cookie: string) {
    const request = new Request('http://localhost/api/avatars', { headers: { cookie } });
    const created = await withRequest(request, () =>
      managedAvatars.createAvatar({
        name: 'Unpublished',
        referenceImage: 'https://images.example.com/u.png',
        personality: 'Hidden.',
        voice: { type: 'preset', presetId: 'clara' },
      }),
    );
    return created.id;
  }

  it('lists only published avatars for a visitor, and every avatar for the admin', async () => {
    const cookie = await signInWithTestPassword();
    const hidden = await unpublishedAvatar(cookie);
    const visitorIds = (await withRequest(anonymous(), () => avatars.listCustomAvatars())).map(({ id }) => id);
    expect(visitorIds).toContain(DEMO_AVATAR_ID);
    expect(visitorIds).not.toContain(hidden);
    const adminRequest = new Request('http://localhost/', { headers: { cookie } });
    expect((await withRequest(adminRequest, () => avatars.listCustomAvatars())).map(({ id }) => id)).toContain(hidden);
  });

  it('does not open an unpublished avatar for a visitor, and does not ask Runway about it', async () => {
    const cookie = await signInWithTestPassword();
    const hidden = await unpublishedAvatar(cookie);
    fake.requests.length = 0;
    await expect(withRequest(anonymous(), () => avatars.retrieveCustomAvatar(hidden))).rejects.toMatchObject({ code: 'not_found' });
    expect(fake.requests).toEqual([]);
    expect((await withRequest(anonymous(), () => avatars.retrieveCustomAvatar(DEMO_AVATAR_ID))).id).toBe(DEMO_AVATAR_ID);
  });
});
