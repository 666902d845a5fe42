import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { SignJWT } from 'jose';
import { isPublicPath } from '@/lib/auth/access-policy';
import { CANARY } from '../canaries';
import { createAvatarByApi } from '../pages/avatar-admin';
import { CallPage } from '../pages/call-page';
import { signInAsAdmin } from '../pages/history-pages';

/**
 * The outsider's view of every admin page and route, generated from the files under app/, so a page or route
 * added later is attacked without anyone listing it. Canary strings are seeded into admin data (a
 * conversation's transcript, an unpublished avatar, a document, a voice) and the usage data's own labels
 * stand in for it; then every non-public page and route is requested with no cookie and with forged, tampered,
 * expired and foreign-key cookies, each plain and as a prefetch or RSC request, and every body (redirects and
 * RSC payloads included) is scanned. Public pages and routes are exempt by the app's own list
 * (lib/auth/access-policy.ts). This project's app publishes only the built-in demo avatar.
 */

const APP_DIR = path.resolve('app');
const RUN = Date.now().toString(36);
const CANARIES = {
  avatar: `canary-avatar-${RUN}`,
  transcript: `canary-transcript-${RUN}`,
  document: `canary-document-${RUN}`,
  voice: `canary-voice-${RUN}`,
};
/** Usage data holds numbers only: what marks a usage answer is its own labels. */
const USAGE_MARKERS = ['"totalSessions"', 'Daily minute budget'];
const SECRETS = [...Object.values(CANARIES), ...USAGE_MARKERS];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Query strings a target needs to answer with data at all (for the admin), so a leak would show. */
const today = new Date().toISOString().slice(0, 10);
const QUERIES: Record<string, string> = { '/api/usage': `?from=${today}&to=${today}` };
type Method = (typeof METHODS)[number];

interface Target {
  /** As the folders name it: /api/documents/[id]. */
  pattern: string;
  path: string;
  method: Method;
  kind: 'page' | 'route';
}

/** Every page and route file under app/, with each route's exported methods. */
function targets(ids: Record<string, string>): Target[] {
  const files = (readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' }) as string[]).map((file) => file.split(path.sep).join('/'));
  const found: Target[] = [];
  for (const file of files) {
    const kind = /(^|\/)page\.tsx?$/.test(file) ? 'page' : /(^|\/)route\.tsx?$/.test(file) ? 'route' : null;
    if (!kind) continue;
    const segments = path.posix
      .dirname(file)
      .split('/')
      .filter((segment) => segment !== '.' && !/^\(.*\)$/.test(segment));
    const pattern = `/${segments.join('/')}`.replace(/\/$/, '') || '/';
    // A dynamic segment gets the seeded id of what its parent folder names, else an id nothing has.
    const concrete = segments.map((segment, index) =>
      /^\[.+\]$/.test(segment) ? (ids[segments[index - 1] ?? ''] ?? '00000000-0000-4000-8000-000000000000') : segment,
    );
    const pagePath = (`/${concrete.join('/')}`.replace(/\/$/, '') || '/') + (QUERIES[pattern] ?? '');
    if (kind === 'page') found.push({ pattern, path: pagePath, method: 'GET', kind });
    else {
      const source = readFileSync(path.join(APP_DIR, file), 'utf8');
      for (const method of METHODS) {
        if (new RegExp(`export (const|async function) ${method}\\b`).test(source)) found.push({ pattern, path: pagePath, method, kind });
      }
    }
  }
  return found;
}

/** What a forger can send as the admin cookie, given one genuine cookie to start from. */
async function forgedCookies(genuine: string): Promise<Record<string, string | null>> {
  const [header, body, signature] = genuine.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
  const resign = (secret: string, exp: number, audience = 'admin-session') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('runway-characters-starter')
      .setAudience(audience)
      .setExpirationTime(Math.floor(exp / 1000))
      .sign(new TextEncoder().encode(secret));
  const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
  return {
    none: null,
    'any value': 'x',
    'tampered signature': `${header}.${body}.${flipped}`,
    'extended expiry, old signature': `${header}.${Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url')}.${signature}`,
    expired: await resign(CANARY.authSecret, Date.now() - 60_000),
    'signed with another secret': await resign('another-secret-that-is-32-chars-long!', Date.now() + 3600_000),
    'a token of another purpose': await resign(CANARY.authSecret, Date.now() + 3600_000, 'session-ticket'),
  };
}

/** Plain, and as each kind of request Next's router makes. */
const VARIANTS: Record<string, { headers: Record<string, string>; query?: string }> = {
  plain: { headers: {} },
  RSC: { headers: { RSC: '1' } },
  'Next-Router-Prefetch': { headers: { RSC: '1', 'Next-Router-Prefetch': '1' } },
  'Next-Router-Segment-Prefetch': { headers: { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/_tree' } },
  'Purpose: prefetch': { headers: { Purpose: 'prefetch' } },
  '?_rsc=': { headers: {}, query: '_rsc=1a2b3' },
};

function send(
  request: APIRequestContext,
  target: Target,
  cookie: string | null,
  variant: { headers: Record<string, string>; query?: string },
) {
  const url = variant.query ? `${target.path}${target.path.includes('?') ? '&' : '?'}${variant.query}` : target.path;
  const headers = { ...variant.headers, ...(cookie === null ? {} : { Cookie: `admin_session=${cookie}` }) };
  return request.fetch(url, {
    method: target.method,
    headers,
    // A body for every method that takes one, so a route reached by mistake would get as far as it could.
    ...(target.method === 'GET' ? {} : { data: {} }),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
}

async function bodyOf(response: APIResponse) {
  return (await response.body()).toString('utf8');
}

test('an outsider reads no admin data from any page or route, whatever cookie or prefetch header it sends', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await signInAsAdmin(page);
  const admin = page.request;

  // Seed the canaries, each where a visitor must never see it.
  const document = await admin.post('/api/documents', { data: { name: 'Canary document', content: `# Notes\n${CANARIES.document}` } });
  expect(document.status()).toBe(201);
  const voice = await admin.post('/api/voices', {
    data: {
      name: CANARIES.voice,
      description: null,
      from: { type: 'text', prompt: 'A warm, calm voice for a canary test, steady and clear.', model: 'eleven_multilingual_ttv_v2' },
    },
  });
  expect(voice.status()).toBe(201);
  const ids = {
    documents: ((await document.json()) as { id: string }).id,
    voices: ((await voice.json()) as { id: string }).id,
    avatars: await createAvatarByApi(admin, {
      name: CANARIES.avatar,
      personality: 'You are a canary.',
      startScript: `Hello, this is ${CANARIES.transcript}.`,
    }),
  };
  await expect
    .poll(async () => ((await (await admin.get(`/api/avatars/${ids.avatars}`)).json()) as { status: string }).status, { timeout: 20_000 })
    .toBe('ready');

  // A call with the unpublished avatar (the admin may call it) puts its greeting, with the canary, in a transcript.
  const call = new CallPage(page);
  await call.open(ids.avatars);
  await call.start();
  await call.expectLive(40_000);
  const conversation = await call.sessionId();
  await expect
    .poll(async () => JSON.stringify(await (await admin.get(`/api/conversations/${conversation}`)).json()), { timeout: 20_000 })
    .toContain(CANARIES.transcript);
  await call.endCall();
  const seeded = { ...ids, history: conversation, conversations: conversation };

  const all = targets(seeded);
  const guarded = all.filter((target) => !isPublicPath(target.path.split('?')[0]!));
  const pages = guarded.filter((target) => target.kind === 'page');
  const routes = guarded.filter((target) => target.kind === 'route');
  // Not vacuous: the scan found the admin pages and routes, and each seeded canary is on a page the admin sees.
  expect(pages.map((target) => target.pattern)).toEqual(expect.arrayContaining(['/history', '/history/[id]', '/usage', '/avatars/[id]']));
  expect(routes.length).toBeGreaterThan(20);
  const adminSees = async (url: string) => bodyOf(await admin.get(url, { maxRedirects: 0 }));
  expect(await adminSees(`/history/${conversation}`)).toContain(CANARIES.transcript);
  expect(await adminSees(`/avatars/${ids.avatars}`)).toContain(CANARIES.avatar);
  expect(await adminSees('/avatars/documents')).toContain('Canary document');
  expect(await adminSees(`/api/documents/${ids.documents}`)).toContain(CANARIES.document);
  expect(await adminSees('/avatars/voices')).toContain(CANARIES.voice);
  expect(await adminSees('/usage')).toContain('Daily minute budget');
  expect(await adminSees(`/api/usage${QUERIES['/api/usage']}`)).toContain('"totalSessions"');
  // The admin's own prefetches still work (after Next's own redirect to the URL with its `_rsc` cache key).
  const prefetch = await admin.get('/history', { headers: VARIANTS['Next-Router-Prefetch']!.headers, maxRedirects: 2 });
  expect(prefetch.status()).toBe(200);
  expect(new URL(prefetch.url()).pathname).toBe('/history');

  const genuine = (await page.context().cookies()).find((cookie) => cookie.name === 'admin_session')!.value;
  const cookies = await forgedCookies(genuine);
  // A fresh context: no cookie jar, so each request carries exactly the cookie chosen for it.
  const outsider = await playwright.request.newContext({ baseURL });
  const leaks: string[] = [];
  let sent = 0;
  try {
    for (const target of guarded) {
      for (const [cookieName, cookie] of Object.entries(cookies)) {
        for (const [variantName, variant] of Object.entries(VARIANTS)) {
          let response = await send(outsider, target, cookie, variant);
          sent += 1;
          const location = response.headers()['location'] ?? '';
          // Next answers an RSC request without its `_rsc` cache key with a redirect to the same page that has
          // one: follow that (never the sign-in redirect), so the page's own answer is scanned too.
          if (response.status() === 307 && location.includes('_rsc=') && new URL(location, baseURL).pathname !== '/login') {
            response = await send(outsider, { ...target, path: location }, cookie, { headers: variant.headers });
            sent += 1;
          }
          const body = await bodyOf(response);
          const label = `${target.method} ${target.path} (${cookieName}, ${variantName}) → ${response.status()}`;
          for (const secret of SECRETS) if (body.includes(secret)) leaks.push(`${label} leaked ${secret}`);
          // Refused outright: a redirect to sign in for pages, 401 for routes; never the page itself.
          expect([307, 401], label).toContain(response.status());
          // A redirect goes to sign in, or (for a route the proxy does not front) is Next's own `_rsc` one.
          if (response.status() === 307) {
            const to = new URL(response.headers()['location'] ?? '', baseURL);
            const signIn = to.pathname === '/login' && to.searchParams.has('next');
            const cacheKey = to.pathname === target.path.split('?')[0] && to.searchParams.has('_rsc');
            expect(signIn || cacheKey, `${label} to ${to.pathname}${to.search}`).toBe(true);
          }
        }
      }
    }
  } finally {
    await outsider.dispose();
  }
  console.log(`outsider suite: ${sent} requests, ${pages.length} pages and ${routes.length} route methods, ${leaks.length} leaks`);
  expect(leaks).toEqual([]);

  // Nothing an outsider sent changed anything: the seeded data is all still there.
  expect((await admin.get(`/api/documents/${ids.documents}`)).status()).toBe(200);
  expect((await admin.get(`/api/voices/${ids.voices}`)).status()).toBe(200);
  expect((await admin.get(`/api/avatars/${ids.avatars}`)).status()).toBe(200);
  expect((await admin.get(`/api/conversations/${conversation}`)).status()).toBe(200);
});

test('public pages do not list or open an unpublished avatar for a visitor', async ({ page, request }) => {
  await signInAsAdmin(page);
  const name = `canary-unlisted-${RUN}`;
  const id = await createAvatarByApi(page.request, { name, personality: 'Unlisted.' });
  expect(await bodyOf(await page.request.get('/'))).toContain(name);
  for (const variant of Object.values(VARIANTS)) {
    const home = await request.get(variant.query ? `/?${variant.query}` : '/', { headers: variant.headers });
    expect(await bodyOf(home)).not.toContain(name);
    const callPage = await request.get(`/call/${id}`, { headers: variant.headers, failOnStatusCode: false });
    // A full load answers 404; Next answers an RSC request for a missing page with its not-found payload.
    if (!variant.headers.RSC) expect(callPage.status()).toBe(404);
    expect(await bodyOf(callPage)).not.toContain(name);
  }
  // And a visitor cannot start a call with it.
  const start = await request.post('/api/sessions', { data: { avatarId: id } });
  expect(start.status()).toBe(404);
  await page.request.delete(`/api/avatars/${id}`);
});
