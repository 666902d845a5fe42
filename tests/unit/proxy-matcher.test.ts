import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

const runs = (url: string, headers: Record<string, string> = {}) => unstable_doesMiddlewareMatch({ config, url, headers });
const SESSION = '3f2c1d9e-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

describe('which requests proxy.ts runs for', () => {
  it('runs for pages, admin pages and every admin or unknown API route (the CSP nonce and the admin guard)', () => {
    for (const url of [
      '/',
      '/call/cat-character',
      '/embed/cat-character',
      '/avatars',
      '/avatars/new',
      '/history',
      '/api/emulator',
      '/api/avatars',
      '/api/nope',
    ])
      expect(runs(url), url).toBe(true);
  });

  it('runs for a malformed session path, which only it can refuse with a JSON 400', () => {
    for (const url of ['/api/sessions/%', '/api/sessions/%zz/consume', `/api/sessions/${SESSION}/other`, '/api/sessionsx'])
      expect(runs(url), url).toBe(true);
  });

  it('skips the well-formed session routes of a call start, which are public and have nothing to decode', () => {
    for (const url of [
      '/api/sessions',
      `/api/sessions/${SESSION}`,
      `/api/sessions/${SESSION}?known=starting`,
      `/api/sessions/${SESSION}/consume`,
      `/api/sessions/${SESSION}/tool-calls?after=2`,
      '/api/avatar/session',
    ])
      expect(runs(url), url).toBe(false);
  });

  it('skips the routes whose bodies Next would buffer before the proxy: sign-in, sign-out, the bot check and the uploads', () => {
    for (const url of ['/api/auth/login', '/api/auth/logout', '/api/bot-check', '/api/uploads', '/api/avatar-videos/audio?avatarId=x'])
      expect(runs(url), url).toBe(false);
    // Only those exact routes: their neighbours, and any other admin route, still run it.
    for (const url of ['/api/auth/loginx', '/api/uploads/x', '/api/avatar-videos', '/api/documents']) expect(runs(url), url).toBe(true);
  });

  it('skips static assets, the icon, the placeholder portraits and the embed launcher script', () => {
    for (const url of ['/_next/static/chunks/app.js', '/icon.svg', '/avatars/cat-character.svg', '/embed.js'])
      expect(runs(url), url).toBe(false);
  });

  it('runs for prefetches and RSC requests to admin pages: no header skips the admin check', () => {
    const headers: Record<string, string>[] = [
      { 'next-router-prefetch': '1' },
      { 'next-router-segment-prefetch': '/_tree' },
      { purpose: 'prefetch' },
      { rsc: '1' },
      { 'next-router-state-tree': '%5B%22%22%5D', rsc: '1' },
    ];
    for (const url of ['/history', '/usage', '/avatars/voices', '/history?_rsc=abc']) {
      for (const header of headers) expect(runs(url, header), `${url} ${JSON.stringify(header)}`).toBe(true);
    }
  });
});
