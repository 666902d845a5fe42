import { expect, test, type APIRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isPublicPath } from '@/lib/auth/access-policy';
import { CANARY } from './canaries';
import { EmulatorState } from './pages/call-page';
import { origin, PORTS } from './ports';
import { pool } from './pool';

/**
 * Fuzzes every API route with malformed requests (wrong types, huge strings, prototype-pollution keys, bad
 * UUIDs, wrong methods, truncated JSON and multipart, junk queries and headers, cross-site origins), both
 * anonymously and signed in as the admin, and asserts that none of them is a 5xx and that every error is
 * our JSON shape `{ error: { code, message } }` with no stack trace.
 *
 * Deterministic: cases come from a seeded PRNG (mulberry32). A failure prints its case id and the seed;
 * rerun with FUZZ_SEED=<seed> to get the same cases, and FUZZ_DUMP=<file> to write every case's outcome.
 *
 * What Next.js 16 itself answers, before our route wrapper runs (measured against `next start`):
 * - a method the route file does not export: 405 with an empty body (no JSON); OPTIONS: 204 with `Allow`;
 *   HEAD on a GET route runs GET, HEAD elsewhere is a bodiless 405; a method Next does not route
 *   (PROPFIND…) is a bodiless 400. These are the only non-JSON errors accepted, and only for those cases;
 * - an unknown /api path: proxy.ts answers 401 JSON to anonymous callers (deny by default), and Next its
 *   HTML 404 page to the signed-in admin, accepted for those cases only;
 * - a request with `rsc: 1`: a 307 to the same path with `?_rsc` (Next's RSC cache-busting), or a trailing
 *   slash: a 308 without it; both < 400, so nothing else is required of them.
 * Two kinds of request get a 500 from Next itself, so they are kept out of the main fuzz and pinned by their
 * own tests at the end: a malformed percent-escape in a dynamic segment (/api/sessions/%), which proxy.ts
 * could refuse, and the TRACE method, which fails before proxy.ts runs.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026);
const CONCURRENCY = 16;
const MAX_BODY_BYTES = 16 * 1024;

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
const HTTP_METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Every app/api/**\/route.ts, its exported methods, and whether it is admin only. Checked against the disk below. */
const ROUTES = [
  { path: '/api/auth/login', methods: ['POST'], admin: false },
  { path: '/api/auth/logout', methods: ['POST'], admin: false },
  { path: '/api/avatar-videos', methods: ['POST'], admin: true },
  { path: '/api/avatar-videos/audio', methods: ['POST'], admin: true },
  { path: '/api/avatar/session', methods: ['POST'], admin: false },
  { path: '/api/avatars', methods: ['GET', 'POST'], admin: true },
  { path: '/api/avatars/[id]', methods: ['GET', 'PATCH', 'DELETE'], admin: true },
  { path: '/api/bot-check', methods: ['POST'], admin: false },
  { path: '/api/conversations', methods: ['GET'], admin: true },
  { path: '/api/conversations/[id]', methods: ['GET', 'DELETE'], admin: true },
  { path: '/api/conversations/[id]/export', methods: ['GET'], admin: true },
  { path: '/api/documents', methods: ['GET', 'POST'], admin: true },
  { path: '/api/documents/[id]', methods: ['GET', 'PATCH', 'DELETE'], admin: true },
  { path: '/api/health', methods: ['GET'], admin: false },
  { path: '/api/sessions', methods: ['POST'], admin: false },
  { path: '/api/sessions/[id]', methods: ['GET', 'DELETE'], admin: false },
  { path: '/api/sessions/[id]/consume', methods: ['POST'], admin: false },
  { path: '/api/sessions/[id]/tool-calls', methods: ['GET'], admin: false },
  { path: '/api/tasks/[id]', methods: ['GET'], admin: true },
  { path: '/api/tasks/[id]/download', methods: ['GET'], admin: true },
  { path: '/api/uploads', methods: ['POST'], admin: true },
  { path: '/api/usage', methods: ['GET'], admin: true },
  { path: '/api/voices', methods: ['GET', 'POST'], admin: true },
  { path: '/api/voices/[id]', methods: ['GET', 'PATCH', 'DELETE'], admin: true },
  { path: '/api/voices/preview', methods: ['POST'], admin: true },
] as const satisfies ReadonlyArray<{ path: string; methods: readonly Method[]; admin: boolean }>;

type RoutePath = (typeof ROUTES)[number]['path'];

function routesOnDisk() {
  const root = join(process.cwd(), 'app');
  const found: Array<{ path: string; methods: string[] }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        const source = readFileSync(full, 'utf8');
        const methods = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)]
          .map((match) => match[1]!)
          .sort();
        found.push({ path: `/${relative(root, dir).split(/[\\/]/).join('/')}`, methods });
      }
    }
  };
  walk(join(root, 'api'));
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let random = mulberry32(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const junk = (length: number) => {
  const alphabet = 'abcXYZ019 !"#$&\'()*+,-./:;<=>?@[\\]^_`{|}~é漢💥\u0000\u200b\u202e\n\t';
  return Array.from({ length }, () => pick([...alphabet])).join('');
};
const b64url = (text: string) => Buffer.from(text).toString('base64url');

// ---------------------------------------------------------------------------------------------------------
// Value pools

/** Every JSON type but the one the field wants, and strings no field accepts. */
function wrongValues(want: 'string' | 'array'): unknown[] {
  const nonStrings = [null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, {}, { a: 1 }, [], [1, 'a', null], [[[]]]];
  const nonArrays = [null, true, 0, 'fail', '', {}, { 0: 'fail', length: 1 }];
  const strings = [
    '',
    ' ',
    '\u0000',
    '\ud83d',
    '💥'.repeat(50),
    '\u202eRTL',
    'a'.repeat(int(201, 4000)),
    junk(int(1, 300)),
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    "' OR '1'='1",
    '${jndi:ldap://example.invalid/a}',
    '{{7*7}}',
    '__proto__',
    'constructor',
  ];
  return want === 'array' ? [...nonArrays, ...strings.slice(0, 6)] : [...nonStrings, ...strings];
}

const BAD_AVATAR_IDS = [
  'cat-character ',
  ' cat-character',
  'CAT-CHARACTER',
  'cat_character',
  'cat-character\u0000',
  'not-an-avatar',
  '00000000-0000-0000-0000-00000000000g',
  '6f1c2a4e8b3d4c5f9a7e2d4b6c8e0f13',
  '{6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13}',
  'urn:uuid:6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13',
  '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f1',
  `${uuid()}${uuid()}`,
];

/** Path segments that are not UUIDs, are huge, or carry encoded slashes and unicode (all well-formed %-escapes). */
function badSegments(): string[] {
  return [
    'not-a-uuid',
    '0',
    '-1',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'prototype',
    '00000000-0000-0000-0000-00000000000g',
    `${uuid()}x`,
    uuid().replaceAll('-', ''),
    `{${uuid()}}`,
    'a'.repeat(int(101, 2000)),
    'f'.repeat(int(4000, 7000)),
    encodeURIComponent(`${uuid()}/../x`),
    'a%2Fb',
    'a%2fb%2f..%2f..%2fetc%2fpasswd',
    '%2E%2E',
    '..%5C..%5Cwindows',
    '%252F',
    '%00',
    '%20',
    'a+b',
    encodeURIComponent('💥🐱'),
    encodeURIComponent('漢字'),
    encodeURIComponent('\u202e\u200b'),
    encodeURIComponent('ä'.normalize('NFD')),
    '%F0%9F%98%80'.repeat(int(20, 200)),
    encodeURIComponent('<script>'),
    encodeURIComponent('"\'`;'),
  ];
}

const JUNK_QUERIES = [
  '?known=zzz',
  '?known=',
  '?known',
  '?known[]=ready',
  '?known=ready&known=nope',
  '?known=READY',
  '?unknown=1',
  '?__proto__=x',
  '?__proto__[admin]=1',
  '?constructor[prototype][admin]=1',
  '?constructor.prototype.admin=1',
  '?a=%00',
  '?a=%',
  '?a=%E0%A4%A',
  '?=&&&==',
  `?known=${'x'.repeat(5000)}`,
  `?${Array.from({ length: 200 }, (_, i) => `k${i}=${i}`).join('&')}`,
  '?known=%F0%9F%98%80',
  '?known=ready#fragment',
];

/** Well-formed tickets the server never signed, and things that are not tickets at all. */
function garbageTickets(sessionId: string): string[] {
  const claims = JSON.stringify({ sid: sessionId, createdAt: Date.now(), slot: uuid() });
  return [
    '',
    ' ',
    'a',
    '.',
    '..',
    'a.b',
    'a.b.c',
    'null',
    claims,
    `${b64url(claims)}.`,
    `${b64url(claims)}.${b64url('x'.repeat(32))}`,
    `${b64url(claims)}.${'A'.repeat(43)}`,
    `${b64url('{"sid":')}.${'A'.repeat(43)}`,
    `${b64url(claims)}.${'A'.repeat(43)}.extra`,
    'x'.repeat(3000),
    `${'a'.repeat(2040)}.${'b'.repeat(20)}`,
    'eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.',
  ];
}

const CROSS_SITE_HEADERS: Array<Record<string, string>> = [
  { origin: 'https://attacker.example' },
  { origin: 'null' },
  { origin: 'not a url' },
  { origin: `${origin(PORTS.emulatorApp)}.attacker.example` },
  { origin: 'http://127.0.0.1:1' },
  { origin: 'javascript:alert(1)' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site' },
  { 'sec-fetch-site': 'garbage' },
  { 'sec-fetch-site': 'cross-site', origin: origin(PORTS.emulatorApp) },
  { 'x-forwarded-host': 'attacker.example', origin: origin(PORTS.emulatorApp) },
];

const JUNK_HEADERS: Array<Record<string, string>> = [
  { 'x-forwarded-for': '' },
  { 'x-forwarded-for': ',,,' },
  { 'x-forwarded-for': 'not-an-ip, 10.0.0.1' },
  { 'x-forwarded-for': 'a'.repeat(3000) },
  { 'x-real-ip': '::1' },
  { cookie: 'admin_session=garbage' },
  { cookie: 'admin_session=a.b' },
  { cookie: `admin_session=${b64url(JSON.stringify({ exp: 9e15 }))}.${'A'.repeat(43)}` },
  { cookie: `admin_session=${'x'.repeat(4000)}` },
  { cookie: 'admin_session=; admin_session=x.y; other=1' },
  { accept: 'text/html' },
  { accept: '*/*;q=0' },
  { 'accept-encoding': 'gzip;q=0, identity;q=0' },
  { 'x-http-method-override': 'DELETE' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'next-router-prefetch': '1' },
  { 'x-nextjs-data': '1' },
  { rsc: '1' },
];

// ---------------------------------------------------------------------------------------------------------
// Cases

interface FuzzCase {
  id: number;
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  admin: boolean;
  /** Next.js's own answer (empty 405, HTML 404) is acceptable here; see the header comment. */
  framework?: 'method' | 'unknown-path';
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** The fields each route's body schema has, with a value that passes that field alone. */
const BODY_FIELDS: Partial<Record<RoutePath, Record<string, { valid: unknown; want: 'string' | 'array'; bad?: unknown[] }>>> = {
  // `bad` values fail the schema, so invalidBody() never reaches the password check and its growing delay.
  '/api/auth/login': { password: { valid: 'not the password', want: 'string', bad: [null, 0, true, [], {}, '', 'p'.repeat(201)] } },
  '/api/avatar/session': { avatarId: { valid: 'cat-character', want: 'string', bad: BAD_AVATAR_IDS } },
  '/api/sessions': { avatarId: { valid: 'cat-character', want: 'string', bad: BAD_AVATAR_IDS } },
  // The bot check is off in this app, so even a well-formed token gets a 404 and never reaches Cloudflare.
  '/api/bot-check': { token: { valid: 'XXXX.DUMMY.TOKEN.XXXX', want: 'string', bad: [null, 0, [], {}, '', 't'.repeat(2049)] } },
  // A valid text body starts an (emulated) render: harmless, and the render is what the route is for.
  '/api/avatar-videos': {
    avatarId: { valid: 'cat-character', want: 'string', bad: BAD_AVATAR_IDS },
    text: { valid: 'Hello', want: 'string', bad: ['', '   ', 'a'.repeat(1001)] },
  },
  '/api/avatars': {
    name: { valid: 'Fuzz', want: 'string' },
    referenceImage: { valid: 'runway://ephemeral/never-uploaded/a.png', want: 'string' },
    personality: { valid: 'p', want: 'string' },
  },
  '/api/documents': { name: { valid: 'Fuzz', want: 'string' }, content: { valid: '# Fuzz', want: 'string' } },
  '/api/voices': { name: { valid: 'Fuzz', want: 'string' }, description: { valid: 'A voice', want: 'string' } },
  '/api/voices/preview': {
    prompt: { valid: 'A calm, warm narrator voice.', want: 'string' },
    model: { valid: 'eleven_ttv_v3', want: 'string' },
  },
};

/**
 * Fields set to a refused value whenever another field is fuzzed, so that no case is valid by accident (a
 * wrong-looking string such as '<script>' is still a fine avatar name): never a fault queued or a thing created.
 */
const POISON: Partial<Record<RoutePath, Record<string, unknown>>> = {
  '/api/avatars': { name: '', personality: '' },
  '/api/documents': { name: '', content: '' },
  '/api/voices': { name: '', description: '' },
  '/api/voices/preview': { prompt: 'short', model: 'none' },
};

function poison(path: RoutePath, body: Record<string, unknown>, except?: string) {
  for (const [name, value] of Object.entries(POISON[path] ?? {})) if (name !== except) body[name] = value;
  return body;
}

/** Routes where an accepted body would start a session, queue faults or create something: the fuzz must never get a 2xx there. */
const SIDE_EFFECT_ROUTES = new Set<string>([
  '/api/sessions',
  '/api/avatar/session',
  // A 2xx would be a bot-check pass.
  '/api/bot-check',
  '/api/avatars',
  '/api/documents',
  '/api/voices',
  '/api/uploads',
]);

function validBody(path: RoutePath) {
  const fields = BODY_FIELDS[path];
  return fields ? Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.valid])) : {};
}

/** A JSON body that the route's schema refuses, whatever else the case varies. */
function invalidBody(path: RoutePath): string {
  const fields = BODY_FIELDS[path];
  if (!fields) return JSON.stringify(pick([{ extra: 1 }, [], null, 'x', 42]));
  const body: Record<string, unknown> = validBody(path);
  const [name, field] = pick(Object.entries(fields));
  body[name] = pick(field.bad ?? wrongValues(field.want));
  return JSON.stringify(poison(path, body, name));
}

function nest(depth: number, kind: 'array' | 'object', leaf = '0') {
  return kind === 'array' ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** Raw JSON texts (not JS objects: a `__proto__` key must reach the server as a key). */
function pollutedBodies(path: RoutePath): string[] {
  const valid = JSON.stringify(validBody(path)).slice(1, -1);
  const sep = valid ? ',' : '';
  const payloads = ['{"admin":true}', '{"isAdmin":true,"polluted":"yes"}', '{"toString":"boom"}'];
  const bodies: string[] = [];
  for (const payload of payloads) {
    bodies.push(
      `{"__proto__":${payload}${sep}${valid}}`,
      `{${valid}${sep}"__proto__":${payload}}`,
      `{"constructor":{"prototype":${payload}}${sep}${valid}}`,
      `{"constructor.prototype":${payload}${sep}${valid}}`,
      `{"prototype":${payload}${sep}${valid}}`,
      `{"__proto__.admin":true${sep}${valid}}`,
      `[{"__proto__":${payload}}]`,
    );
  }
  const fields = Object.keys(BODY_FIELDS[path] ?? { x: 0 });
  for (const name of fields) {
    bodies.push(
      `{"${name}":{"__proto__":{"admin":true}}}`,
      `{"${name}":{"constructor":{"prototype":{"admin":true}}}}`,
      `{"${name}":"__proto__"}`,
    );
  }
  return bodies;
}

function multipartBodies(): Array<{ type: string; body: string }> {
  const boundary = `----fuzz${hex(16)}`;
  const full =
    `--${boundary}\r\nContent-Disposition: form-data; name="avatarId"\r\n\r\ncat-character\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n{"avatarId":"cat-character"}\r\n` +
    `--${boundary}--\r\n`;
  const cuts = [int(1, 10), full.indexOf(boundary) + int(1, boundary.length - 1), int(20, full.length - 2), full.length - int(2, 8)];
  return [
    ...cuts.map((cut) => ({ type: `multipart/form-data; boundary=${boundary}`, body: full.slice(0, cut) })),
    { type: 'multipart/form-data', body: full.slice(0, int(10, full.length - 1)) },
    { type: `multipart/form-data; boundary=${'b'.repeat(200)}`, body: `--${'b'.repeat(100)}` },
    { type: `multipart/form-data; boundary="${boundary}"`, body: `--${boundary}\r\nContent-Disp` },
  ];
}

function invalidJsonTexts(path: RoutePath): Array<string | Buffer> {
  const valid = JSON.stringify(validBody(path));
  const texts: Array<string | Buffer> = [
    '',
    ' ',
    '{',
    '}',
    '{"',
    "{'avatarId':'cat-character'}",
    '{avatarId:"cat-character"}',
    '{"avatarId":"cat-character",}',
    '{"avatarId":"cat-character"}}',
    '{"avatarId":"cat-character"}garbage',
    '{"a":1}{"b":2}',
    'NaN',
    'undefined',
    '{"avatarId":\'x\'}',
    '{"avatarId":"\\x00"}',
    '{"avatarId":"\\ud800"}',
    '{"password":01}',
    '\u0000',
    `\ufeff${invalidBody(path)}`,
    '/* comment */ {}',
    Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x7b]),
    Buffer.from(Array.from({ length: 64 }, () => int(0, 255))),
    Buffer.from(`{"avatarId":"\xc3\x28"}`, 'latin1'),
  ];
  // Truncated JSON: every strict prefix of an object is invalid JSON.
  for (let i = 0; i < 6; i += 1) texts.push(valid.slice(0, int(1, Math.max(1, valid.length - 1))));
  return texts;
}

function hugeBodies(path: RoutePath): Array<{ label: string; body: string }> {
  const field = Object.keys(BODY_FIELDS[path] ?? { avatarId: 0 })[0]!;
  const bodies = [
    { label: '20 KB string', body: JSON.stringify({ [field]: 'a'.repeat(20 * 1024) }) },
    { label: '60 KB string', body: JSON.stringify({ [field]: 'x'.repeat(60 * 1024) }) },
    { label: '24 KB multibyte', body: JSON.stringify({ [field]: '漢'.repeat(8 * 1024) }) },
    { label: '17 KB of whitespace', body: `${' '.repeat(17 * 1024)}{}` },
    { label: '30 KB of keys', body: JSON.stringify(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]))) },
    { label: 'just under the limit', body: JSON.stringify({ [field]: 'b'.repeat(MAX_BODY_BYTES - 40) }) },
    { label: 'exactly at the limit', body: JSON.stringify({ [field]: 'c'.repeat(MAX_BODY_BYTES - field.length - 7) }) },
    { label: 'one byte over the limit', body: JSON.stringify({ [field]: 'd'.repeat(MAX_BODY_BYTES - field.length - 6) }) },
    { label: '20 KB invalid JSON', body: `{"${field}":"${'e'.repeat(20 * 1024)}` },
  ];
  return bodies;
}

/** A concrete URL for a route path: dynamic segments filled with a well-formed but unknown value. */
function concrete(path: RoutePath, segment?: string) {
  return path.replace(/\[[^\]]+\]/, () => segment ?? uuid());
}

function buildCases(): FuzzCase[] {
  // Same seed, same cases, whichever tests ran before in this worker.
  random = mulberry32(SEED);
  const cases: FuzzCase[] = [];
  // Each case gets its own client address, so per-client counters (session rate, failed sign-ins) never
  // add up across cases; cases that fuzz the address itself override it.
  const add = (c: Omit<FuzzCase, 'id' | 'headers'> & { headers?: Record<string, string> }) => {
    const id = cases.length;
    cases.push({ ...c, id, headers: { 'x-forwarded-for': `198.18.${id >> 8}.${id & 255}`, ...c.headers } });
  };

  for (const route of ROUTES) {
    const path = route.path as RoutePath;
    // Admin routes: every case signed in, a fifth also anonymous (proxy.ts refuses those before any parsing,
    // so more would only repeat that refusal). Public routes: mostly anonymous, a quarter signed in.
    const variants = () => (route.admin ? (chance(0.2) ? [false, true] : [true]) : [chance(0.25)]);
    const dynamic = path.includes('[');

    for (const method of route.methods) {
      const hasBody = method === 'POST';
      const post = (label: string, body: string | Buffer, headers: Record<string, string> = JSON_TYPE, url = concrete(path)) => {
        for (const admin of variants()) add({ label: `${method} ${path} ${label}`, method, url, headers, body, admin });
      };

      if (hasBody) {
        const fields = BODY_FIELDS[path] ?? {};
        // Wrong JSON types, and values no field accepts, for every field.
        for (const [name, field] of Object.entries(fields)) {
          for (const value of [...wrongValues(field.want), ...(field.bad ?? [])]) {
            const body = poison(path, { ...validBody(path), [name]: value }, name);
            post(`${name}=${JSON.stringify(value)?.slice(0, 40)}`, JSON.stringify(body));
          }
          // Missing field.
          const missing: Record<string, unknown> = validBody(path);
          delete missing[name];
          post(`missing ${name}`, JSON.stringify(missing));
        }
        // Not an object at all.
        for (const body of ['null', '[]', '"cat-character"', '42', 'true', '{}', '[{"avatarId":"cat-character"}]'])
          post(`top-level ${body}`, body);
        // Extra fields (strict schemas refuse them even next to an otherwise valid body).
        for (const extra of [{ extra: 1 }, { admin: true }, { avatarId2: 'x' }, { '': '' }, { [junk(8)]: junk(8) }]) {
          post(`extra ${JSON.stringify(extra)}`, JSON.stringify({ ...validBody(path), ...extra }));
        }
        // Prototype pollution keys.
        for (const body of pollutedBodies(path)) post(`polluted ${body.slice(0, 50)}`, body);
        // Deeply nested values.
        for (const [depth, kind] of [
          [100, 'array'],
          [3000, 'array'],
          [7000, 'array'],
          [1000, 'object'],
          [2500, 'object'],
        ] as const) {
          const name = Object.keys(fields)[0] ?? 'x';
          post(`nested ${kind} depth ${depth} in ${name}`, `{"${name}":${nest(depth, kind)}}`);
          if (depth <= 3000) post(`nested ${kind} depth ${depth} at top level`, nest(depth, kind));
        }
        // 16 KB limit: over, at, under.
        for (const { label, body } of hugeBodies(path)) post(label, body);
        // Invalid and truncated JSON.
        for (const body of invalidJsonTexts(path)) post(`invalid JSON ${String(body).slice(0, 30)}`, body);
        // Multipart cut mid-boundary.
        for (const { type, body } of multipartBodies()) post(`multipart ${body.length} bytes`, body, { 'content-type': type });
        // Wrong content types: even a valid body is refused. Types the JSON check accepts get invalid bodies only.
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/xml',
          'text/json',
          'application/octet-stream',
          'json',
          'application/jso',
          'multipart/mixed',
        ]) {
          post(
            `content-type "${type}"`,
            type === 'application/x-www-form-urlencoded' ? 'avatarId=cat-character' : JSON.stringify(validBody(path)),
            { 'content-type': type },
          );
        }
        for (const type of [
          '',
          'application/json; charset=utf-16',
          'APPLICATION/JSON',
          'application/jsonp',
          'application/json;;;',
          `application/json; ${'x'.repeat(2000)}`,
        ]) {
          post(`content-type "${type.slice(0, 40)}"`, invalidBody(path), { 'content-type': type });
        }
        // Cross-site: refused before anything else, even with a valid body.
        for (const headers of CROSS_SITE_HEADERS)
          post(`cross-site ${JSON.stringify(headers)}`, JSON.stringify(validBody(path)), { ...JSON_TYPE, ...headers });
      } else {
        // GET and DELETE: no body expected; send junk anyway, and junk queries.
        for (const query of JUNK_QUERIES) {
          for (const admin of variants())
            add({ label: `${method} ${path}${query.slice(0, 40)}`, method, url: `${concrete(path)}${query}`, admin });
        }
        for (const body of [invalidBody(path), '{"__proto__":{"admin":true}}', 'x'.repeat(20 * 1024)]) {
          for (const admin of variants())
            add({ label: `${method} ${path} with a body`, method, url: concrete(path), headers: JSON_TYPE, body, admin });
        }
        if (method === 'DELETE') {
          for (const headers of CROSS_SITE_HEADERS) {
            for (const admin of variants()) add({ label: `DELETE ${path} cross-site`, method, url: concrete(path), headers, admin });
          }
        }
      }

      // Junk headers; a body the schema refuses, so nothing is created.
      for (const headers of JUNK_HEADERS) {
        for (const admin of variants()) {
          add({
            label: `${method} ${path} header ${JSON.stringify(headers).slice(0, 60)}`,
            method,
            url: concrete(path),
            headers: hasBody ? { ...JSON_TYPE, ...headers } : headers,
            body: hasBody ? invalidBody(path) : undefined,
            admin,
          });
        }
      }

      // Path params that are not UUIDs, are huge, carry encoded slashes or unicode; and forged tickets.
      if (dynamic) {
        for (const segment of badSegments()) {
          for (const admin of variants()) {
            add({
              label: `${method} ${path} segment ${segment.slice(0, 40)}`,
              method,
              url: concrete(path, segment),
              headers: { ...(hasBody ? JSON_TYPE : {}), 'x-session-ticket': pick(garbageTickets(uuid())) },
              body: hasBody ? invalidBody(path) : undefined,
              admin,
              // A dot segment (%2E%2E is "..") is resolved away by the URL parser: /api/conversations/%2E%2E/export
              // is /api/export, a path no route has, so Next's own 404 is the right answer there.
              framework: /^(?:%2E|\.){1,2}$/i.test(segment) ? 'unknown-path' : undefined,
            });
          }
        }
        if (path.includes('[id]')) {
          const id = uuid();
          for (const ticket of [...garbageTickets(id), ...garbageTickets(uuid())]) {
            add({
              label: `${method} ${path} ticket ${ticket.slice(0, 30)}`,
              method,
              url: concrete(path, id),
              headers: { 'x-session-ticket': ticket },
              admin: chance(0.25),
            });
          }
          // Upper-case, nil and max UUIDs: valid shape, no such session, no ticket.
          for (const segment of [id.toUpperCase(), '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
            add({ label: `${method} ${path} id ${segment}`, method, url: concrete(path, segment), admin: false });
          }
        }
      }
    }

    // Methods the route does not export (Next answers 405, or 204 to OPTIONS); anonymous callers of an
    // admin route are stopped by proxy.ts first (401 JSON).
    for (const method of HTTP_METHODS.filter((candidate) => !(route.methods as readonly string[]).includes(candidate))) {
      for (const admin of [false, true]) {
        add({
          label: `${method} ${path} (not exported)`,
          method,
          url: concrete(path),
          headers: JSON_TYPE,
          body: method === 'HEAD' || method === 'GET' ? undefined : invalidBody(path),
          admin,
          framework: 'method',
        });
      }
    }
    // TRACE is pinned by its own test below: Next answers it with a 500 wherever proxy.ts runs.
    for (const method of ['PROPFIND', 'TRACK', 'CONNECT_ME', 'get', 'Post']) {
      add({ label: `${method} ${path} (odd method)`, method, url: concrete(path), admin: route.admin && chance(0.5), framework: 'method' });
    }
  }

  // Paths next to the real ones: unknown routes, extra or missing segments, trailing slashes.
  const unknown = [
    '/api',
    '/api/',
    '/api/nope',
    '/api/sessions/',
    `/api/sessions/${uuid()}/consume/extra`,
    `/api/sessions/${uuid()}/nope`,
    // The emulator is its own process now: the app answers nothing under its old routes.
    '/api/emulator',
    '/api/emulator/media/recordings/x',
    '/api/auth',
    '/api/auth/login/',
    '/api/auth/nope',
    '/api/health/extra',
    '/api/avatar',
    '/api/avatar/session/x',
    '/api/..%2Fapi%2Fhealth',
    '/api/%2e%2e/api/health',
    '/api/sessions/..%2F..%2Fhealth',
    '/api/EMULATOR',
    '/api/Health',
    `/api/${'a'.repeat(4000)}`,
  ];
  for (const url of unknown) {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      for (const admin of [false, true]) {
        add({
          label: `${method} ${url.slice(0, 50)} (unknown path)`,
          method,
          url,
          headers: method === 'POST' ? JSON_TYPE : {},
          body: method === 'POST' ? '{"x":1}' : undefined,
          admin,
          framework: 'unknown-path',
        });
      }
    }
  }

  return cases;
}

// ---------------------------------------------------------------------------------------------------------
// Checks

/** A stack frame (`at fn (/path/file.js:1:2)`), a server file path, or node_modules. */
const STACK_PATTERNS = [
  /\bat\s+(?:[\w$.<>[\] ]+\s+\()?(?:file:\/\/)?(?:[A-Za-z]:)?[\\/][^\s()]+\.(?:[cm]?js|tsx?):\d+/,
  /node_modules/,
  /\/(?:work|home|usr|var|tmp|root|opt)\/[\w.-]+\/[\w./-]+\.(?:[cm]?js|tsx?)/,
  /\.next[\\/]server/,
];

interface Outcome {
  c: FuzzCase;
  status: number;
  problem?: string;
  body?: string;
  created?: { sessionId: string; ticket: string };
}

async function check(c: FuzzCase, response: APIResponse): Promise<Outcome> {
  const status = response.status();
  const body = c.method.toUpperCase() === 'HEAD' ? '' : await response.text();
  const outcome: Outcome = { c, status, body: body.slice(0, 300) };
  const fail = (problem: string) => ({ ...outcome, problem });

  if (status >= 500) return fail(`status ${status}`);
  const leaked = STACK_PATTERNS.find((pattern) => pattern.test(body));
  if (leaked) return fail(`body matches ${leaked}`);

  const path = new URL(c.url, 'http://x').pathname;
  if (status >= 200 && status < 300 && c.method === 'POST' && SIDE_EFFECT_ROUTES.has(path)) {
    const created = path === '/api/sessions' ? (JSON.parse(body) as { sessionId: string; ticket: string }) : undefined;
    return { ...fail(`a malformed request was accepted (${status})`), created };
  }
  if (status < 400) return outcome;

  const frameworkAnswer =
    (c.framework === 'method' && [400, 404, 405].includes(status)) ||
    // A neighbour of a real route may normalise onto it (/api/%2e%2e/api/health), hence 405 too.
    (c.framework === 'unknown-path' && [404, 405].includes(status)) ||
    // Node's own answers to an oversized request line or headers.
    status === 431;
  if (frameworkAnswer && !response.headers()['content-type']?.includes('application/json')) return outcome;
  if (c.method.toUpperCase() === 'HEAD') return outcome;

  if (!response.headers()['content-type']?.startsWith('application/json'))
    return fail(`content-type ${response.headers()['content-type']}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return fail('error body is not JSON');
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string') return fail('error body is not { error: { code, message } }');
  return outcome;
}

async function adminCookie(playwright: { request: APIRequest }, baseURL: string) {
  const context = await playwright.request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { password: CANARY.adminPassword } });
  expect(login.ok()).toBe(true);
  const cookie = (await context.storageState()).cookies.find((candidate) => candidate.name === 'admin_session');
  await context.dispose();
  expect(cookie).toBeDefined();
  return `admin_session=${cookie!.value}`;
}

async function emulatorSessions(request: APIRequestContext) {
  return new EmulatorState(request).sessions();
}

// ---------------------------------------------------------------------------------------------------------

test('the route list matches app/api/**/route.ts and the access policy', () => {
  expect(routesOnDisk()).toEqual(ROUTES.map(({ path, methods }) => ({ path, methods: [...methods].sort() })));
  for (const route of ROUTES) expect(!isPublicPath(concrete(route.path as RoutePath)), route.path).toBe(route.admin);
});

test('1 000+ malformed requests across every route: never a 5xx, always a JSON error without a stack', async ({
  request,
  playwright,
  baseURL,
}) => {
  // About 6 000 cases once the avatar management routes joined: about 2 min on a loaded 2-core machine.
  test.setTimeout(300_000);
  const started = Date.now();
  const cookie = await adminCookie(playwright, baseURL!);
  const before = await emulatorSessions(request);
  const cases = buildCases();

  const outcomes = await pool(cases, CONCURRENCY, async (c): Promise<Outcome> => {
    const headers = c.admin ? { ...c.headers, cookie: [c.headers.cookie, cookie].filter(Boolean).join('; ') } : c.headers;
    try {
      const response = await request.fetch(c.url, {
        method: c.method,
        headers,
        data: c.body,
        maxRedirects: 0,
        timeout: 20_000,
      });
      return await check(c, response);
    } catch (error) {
      return { c, status: 0, problem: `request failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
  });

  // Clean up anything a malformed request should not have created, before failing on it.
  for (const { created } of outcomes) {
    if (created) await request.delete(`/api/sessions/${created.sessionId}`, { headers: { 'x-session-ticket': created.ticket } });
  }
  const after = await emulatorSessions(request);

  const statuses: Record<number, number> = {};
  for (const { status } of outcomes) statuses[status] = (statuses[status] ?? 0) + 1;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${outcomes.length} requests (seed ${SEED}) in ${seconds} s, statuses ${JSON.stringify(statuses)}`);

  if (process.env.FUZZ_DUMP) {
    writeFileSync(
      process.env.FUZZ_DUMP,
      outcomes
        .map(
          ({ c, status, problem }) =>
            `${c.id}\t${status}\t${c.admin ? 'admin' : 'anon'}\t${c.method}\t${c.url.slice(0, 80)}\t${c.label.slice(0, 80)}\t${problem ?? ''}`,
        )
        .join('\n'),
    );
  }
  const failures = outcomes
    .filter((outcome) => outcome.problem)
    .map(
      ({ c, status, problem, body }) =>
        `#${c.id} ${c.admin ? '[admin] ' : ''}${c.label} → ${status}: ${problem} ${body?.slice(0, 160) ?? ''}`,
    );
  expect(failures, `failing cases (rerun with FUZZ_SEED=${SEED})`).toEqual([]);
  expect(outcomes.length).toBeGreaterThanOrEqual(1000);
  // Ground truth: no malformed request made the emulator create a session.
  expect(after.length).toBe(before.length);
});

// Next 16.4.6 answers a malformed percent-escape in a dynamic segment with a bare 500 "Internal Server Error"
// (its router fails to decode the param). proxy.ts refuses such paths first with a JSON 400.
test('a malformed percent-escape in a path segment is a JSON 400, not a 500', async ({ request }) => {
  const urls = [
    '/api/sessions/%',
    '/api/sessions/%E0%A4%A',
    '/api/sessions/%zz/consume',
    '/api/conversations/%C3',
    '/api/sessions/%F0%9F%98',
  ];
  for (const url of urls) {
    const response = await request.fetch(url, { method: url.endsWith('consume') ? 'POST' : 'GET', maxRedirects: 0 });
    expect(response.status(), url).toBeLessThan(500);
    expect(((await response.json()) as { error: { code: string } }).error.code, url).toEqual(expect.any(String));
  }
});

// TRACE gets a 500 from Next 16.4.6 on every path proxy.ts runs on: the proxy adapter builds a fetch Request, and
// undici refuses TRACE ("'TRACE' HTTP method is unsupported"), so proxy.ts never runs and the app cannot answer
// differently (a reverse proxy in front, which most refuse TRACE, can). Kept out of the main fuzz; what the app
// does promise is pinned here: the answer is generic and never reflects the request (no cross-site tracing).
test('TRACE never reflects the request or a stack (Next answers a bare 500 before proxy.ts runs)', async ({ request }) => {
  const secret = `trace-probe-${hex(16)}`;
  const statuses: number[] = [];
  for (const url of ['/api/health', '/api/conversations', '/api/sessions', `/api/sessions/${uuid()}`, '/api/nope', '/']) {
    const response = await request.fetch(url, {
      method: 'TRACE',
      headers: { cookie: `admin_session=${secret}`, 'x-session-ticket': secret },
      maxRedirects: 0,
    });
    const body = await response.text();
    statuses.push(response.status());
    if (response.status() >= 500) expect(body, url).toBe('Internal Server Error');
    expect(body, url).not.toContain(secret);
    expect(body, url).not.toContain('TRACE');
    for (const pattern of STACK_PATTERNS) expect(body, url).not.toMatch(pattern);
  }
  console.log(`fuzz: TRACE → ${JSON.stringify(statuses)} (500 is Next's, before proxy.ts; see the comment)`);
});
