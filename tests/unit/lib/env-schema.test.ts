import { describe, expect, it } from 'vitest';
import { EnvError, missingAuthSecret, parseEnv, startProblems } from '@/lib/env-schema';

const DEFAULTS = {
  NODE_ENV: 'development',
  RUNWAYML_API_SECRET: undefined,
  RUNWAYML_BASE_URL: undefined,
  RUNWAY_PUBLIC_ORIGINS: [],
  ELEVENLABS_API_KEY: undefined,
  ELEVENLABS_AGENTS: undefined,
  ELEVENLABS_BASE_URL: undefined,
  SESSION_MAX_DURATION_SECONDS: 300,
  SESSION_READY_TIMEOUT_SECONDS: 30,
  SESSION_CONSUME_WINDOW_SECONDS: 20,
  SESSION_POLL_SCHEDULE: 'learned',
  UPLOAD_MAX_IMAGE_MB: 10,
  ADMIN_PASSWORD: undefined,
  AUTH_SECRET: undefined,
  PUBLIC_AVATAR_IDS: '*',
  TRUSTED_PROXY_HOPS: 0,
  RATE_LIMIT_SESSIONS_PER_MINUTE: 5,
  MAX_CONCURRENT_SESSIONS: 5,
  DAILY_SESSION_MINUTES: 60,
  CSP_CONNECT_SRC: undefined,
  EMBED_ALLOWED_ORIGINS: [],
  REDIS_URL: undefined,
  TURNSTILE_SITE_KEY: undefined,
  TURNSTILE_SECRET_KEY: undefined,
  NEXT_OUTPUT: undefined,
  SERVERLESS: false,
  ON_VERCEL: false,
};

const UUID_A = '6f1c2a4e-8b3d-4c5f-9a7e-2d4b6c8e0f13';
const UUID_B = '11111111-2222-4333-8444-555555555555';
const PASSWORD = 'twelve-chars';

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
  throw new Error('Expected parseEnv to throw');
}

describe('parseEnv', () => {
  it('fills in defaults for everything that is unset (emulator mode, 5-minute sessions)', () => {
    expect(parseEnv({})).toEqual(DEFAULTS);
  });

  it('treats empty and blank values as unset, as `FOO=` in a .env file means', () => {
    const blank = Object.fromEntries(
      Object.keys(DEFAULTS)
        .filter((key) => key !== 'NODE_ENV')
        .map((key) => [key, key.length % 2 ? '' : '   ']),
    );
    expect(parseEnv(blank)).toEqual(DEFAULTS);
  });

  it('ignores variables it does not know', () => {
    expect(parseEnv({ PATH: '/usr/bin', HOME: '/root' })).toEqual(DEFAULTS);
  });

  it('parses a live configuration, trimming the key', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      ADMIN_PASSWORD: PASSWORD,
      RUNWAYML_API_SECRET: '  key_live_0123456789  ',
      RUNWAYML_BASE_URL: 'https://api.dev.runwayml.com',
      SESSION_MAX_DURATION_SECONDS: '120',
      SESSION_READY_TIMEOUT_SECONDS: '20',
    });
    expect(env).toMatchObject({
      NODE_ENV: 'production',
      RUNWAYML_API_SECRET: 'key_live_0123456789',
      RUNWAYML_BASE_URL: 'https://api.dev.runwayml.com',
      SESSION_MAX_DURATION_SECONDS: 120,
      SESSION_READY_TIMEOUT_SECONDS: 20,
    });
  });

  it('lists every problem at once, each prefixed with the variable’s name', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      RUNWAYML_API_SECRET: 'key with spaces',
      RUNWAYML_BASE_URL: 'ftp://files.example',
      SESSION_MAX_DURATION_SECONDS: 'five minutes',
      SESSION_READY_TIMEOUT_SECONDS: '4',
      RUNWAY_PUBLIC_ORIGINS: 'ws://localhost:7880/rtc',
    });
    const variables = problems.map((problem) => problem.split(/[.:]/)[0]);
    expect(new Set(variables)).toEqual(
      new Set([
        'NODE_ENV',
        'RUNWAYML_API_SECRET',
        'RUNWAYML_BASE_URL',
        'SESSION_MAX_DURATION_SECONDS',
        'SESSION_READY_TIMEOUT_SECONDS',
        'RUNWAY_PUBLIC_ORIGINS',
      ]),
    );
  });

  it('knows a serverless host by the variables Vercel and AWS Lambda set', () => {
    expect(parseEnv({ VERCEL: '1' }).SERVERLESS).toBe(true);
    expect(parseEnv({ AWS_LAMBDA_FUNCTION_NAME: 'app' }).SERVERLESS).toBe(true);
    expect(parseEnv({}).SERVERLESS).toBe(false);
    expect(parseEnv({ VERCEL: '1' }).ON_VERCEL).toBe(true);
    expect(parseEnv({ AWS_LAMBDA_FUNCTION_NAME: 'app' }).ON_VERCEL).toBe(false);
  });

  it('takes TRUSTED_PROXY_HOPS as a whole number of proxies from 0 (trust no forwarded header) to 10', () => {
    expect(parseEnv({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: '-1' })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS:/)]);
    expect(problemsOf({ TRUSTED_PROXY_HOPS: 'true' })).toEqual([expect.stringMatching(/^TRUSTED_PROXY_HOPS:/)]);
  });

  it('renders the problems as a readable bulleted message', () => {
    try {
      parseEnv({ SESSION_MAX_DURATION_SECONDS: '301', UPLOAD_MAX_IMAGE_MB: '0' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const { message, name } = error as EnvError;
      expect(name).toBe('EnvError');
      expect(message.split('\n')[0]).toBe('Invalid environment variables:');
      expect(message).toMatch(/\n {2}- SESSION_MAX_DURATION_SECONDS: /);
      expect(message).toMatch(/\n {2}- UPLOAD_MAX_IMAGE_MB: /);
    }
  });

  it.each([
    ['short', 'Looks too short'],
    ['key_ab cd1234', 'Must not contain spaces'],
  ])('rejects the API key %j', (key, reason) => {
    const [problem] = problemsOf({ RUNWAYML_API_SECRET: key });
    expect(problem).toContain('RUNWAYML_API_SECRET');
    expect(problem).toContain(reason);
  });

  it.each(['http://localhost:4010', 'https://api.runway.test'])('accepts the base URL %s', (url) => {
    expect(parseEnv({ RUNWAYML_BASE_URL: url }).RUNWAYML_BASE_URL).toBe(url);
  });

  it.each(['api.runway.test', 'wss://api.runway.test'])('rejects the base URL %s', (url) => {
    expect(problemsOf({ RUNWAYML_BASE_URL: url })).toEqual(['RUNWAYML_BASE_URL: Must be an http(s) URL']);
  });

  describe('SESSION_MAX_DURATION_SECONDS (the 5-minute cap Runway enforces in practice)', () => {
    it.each([
      ['10', 10],
      ['300', 300],
      [' 60 ', 60],
    ])('accepts %j', (value, expected) => {
      expect(parseEnv({ SESSION_MAX_DURATION_SECONDS: value }).SESSION_MAX_DURATION_SECONDS).toBe(expected);
    });

    it.each(['301', '1800', '9', '0', '60.5', 'abc'])('rejects %j', (value) => {
      const problems = problemsOf({ SESSION_MAX_DURATION_SECONDS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SESSION_MAX_DURATION_SECONDS: /);
    });
  });

  describe('SESSION_READY_TIMEOUT_SECONDS', () => {
    it('accepts 5 to 45 seconds', () => {
      expect(parseEnv({ SESSION_READY_TIMEOUT_SECONDS: '5' }).SESSION_READY_TIMEOUT_SECONDS).toBe(5);
      expect(parseEnv({ SESSION_READY_TIMEOUT_SECONDS: '45' }).SESSION_READY_TIMEOUT_SECONDS).toBe(45);
    });

    it.each(['4', '46', '55', '7.5'])('rejects %s', (value) => {
      const problems = problemsOf({ SESSION_READY_TIMEOUT_SECONDS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SESSION_READY_TIMEOUT_SECONDS: /);
    });
  });

  describe('SESSION_CONSUME_WINDOW_SECONDS', () => {
    it('defaults to 20 and accepts 5 to 120 seconds', () => {
      expect(parseEnv({}).SESSION_CONSUME_WINDOW_SECONDS).toBe(20);
      expect(parseEnv({ SESSION_CONSUME_WINDOW_SECONDS: '5' }).SESSION_CONSUME_WINDOW_SECONDS).toBe(5);
      expect(parseEnv({ SESSION_CONSUME_WINDOW_SECONDS: '120' }).SESSION_CONSUME_WINDOW_SECONDS).toBe(120);
    });

    it.each(['4', '121', '7.5', 'abc'])('rejects %s', (value) => {
      const problems = problemsOf({ SESSION_CONSUME_WINDOW_SECONDS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^SESSION_CONSUME_WINDOW_SECONDS: /);
    });
  });

  it('reads UPLOAD_MAX_IMAGE_MB (1–200)', () => {
    expect(parseEnv({ UPLOAD_MAX_IMAGE_MB: '4' }).UPLOAD_MAX_IMAGE_MB).toBe(4);
    expect(problemsOf({ UPLOAD_MAX_IMAGE_MB: '0' })[0]).toMatch(/^UPLOAD_MAX_IMAGE_MB: /);
    expect(problemsOf({ UPLOAD_MAX_IMAGE_MB: '201' })[0]).toMatch(/^UPLOAD_MAX_IMAGE_MB: /);
    expect(problemsOf({ UPLOAD_MAX_IMAGE_MB: '2.5' })[0]).toMatch(/^UPLOAD_MAX_IMAGE_MB: /);
  });

  describe('RUNWAY_PUBLIC_ORIGINS', () => {
    it('takes exact origins, space-separated, http(s) and ws(s) alike', () => {
      expect(parseEnv({ RUNWAY_PUBLIC_ORIGINS: ' http://localhost:4010  ws://192.168.1.20:7880 ' }).RUNWAY_PUBLIC_ORIGINS).toEqual([
        'http://localhost:4010',
        'ws://192.168.1.20:7880',
      ]);
    });

    it.each(['ws://localhost:7880/rtc', 'localhost:7880', 'ftp://files.example', 'http://*.example.com'])('refuses %j', (value) => {
      expect(problemsOf({ RUNWAY_PUBLIC_ORIGINS: value })[0]).toMatch(/^RUNWAY_PUBLIC_ORIGINS\.0: /);
    });
  });

  describe('ADMIN_PASSWORD', () => {
    it('accepts 12 characters or more, kept as written', () => {
      expect(parseEnv({ ADMIN_PASSWORD: PASSWORD }).ADMIN_PASSWORD).toBe(PASSWORD);
      expect(parseEnv({ ADMIN_PASSWORD: ' spaces count ' }).ADMIN_PASSWORD).toBe(' spaces count ');
    });

    it('rejects fewer than 12 characters', () => {
      expect(problemsOf({ ADMIN_PASSWORD: 'eleven-char' })).toEqual(['ADMIN_PASSWORD: Use at least 12 characters']);
    });

    it.each([
      ['unset', {}],
      ['blank', { ADMIN_PASSWORD: '  ' }],
    ])('is required in production: %s is an EnvError', (_name, source) => {
      expect(problemsOf({ NODE_ENV: 'production', ...source })).toEqual([
        'ADMIN_PASSWORD: Required in production: it protects the admin pages and routes',
      ]);
    });

    it('is reported together with every other problem in production', () => {
      expect(problemsOf({ NODE_ENV: 'production', SESSION_MAX_DURATION_SECONDS: '301' }).map((problem) => problem.split(':')[0])).toEqual([
        'SESSION_MAX_DURATION_SECONDS',
        'ADMIN_PASSWORD',
      ]);
    });

    it.each(['development', 'test'])('is optional in %s', (NODE_ENV) => {
      expect(parseEnv({ NODE_ENV }).ADMIN_PASSWORD).toBeUndefined();
    });
  });

  describe('AUTH_SECRET', () => {
    it('accepts 32 characters or more', () => {
      expect(parseEnv({ AUTH_SECRET: 's'.repeat(32) }).AUTH_SECRET).toBe('s'.repeat(32));
    });

    it('rejects fewer than 32', () => {
      expect(problemsOf({ AUTH_SECRET: 's'.repeat(31) })).toEqual(['AUTH_SECRET: Use at least 32 characters']);
    });

    it('does not stand in for ADMIN_PASSWORD in production', () => {
      expect(problemsOf({ NODE_ENV: 'production', AUTH_SECRET: 's'.repeat(40) })).toEqual([
        'ADMIN_PASSWORD: Required in production: it protects the admin pages and routes',
      ]);
    });

    it('is not needed to build: a production environment without it parses', () => {
      expect(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-production-password' }).AUTH_SECRET).toBeUndefined();
    });

    it('is required when a production server starts, with a message that says how to make one', () => {
      const problems = startProblems(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-production-password' }));
      expect(problems).toEqual([missingAuthSecret]);
      expect(problems[0]).toContain('openssl rand -base64 32');
      expect(
        startProblems(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: 'a-production-password', AUTH_SECRET: 's'.repeat(32) })),
      ).toEqual([]);
    });

    it.each(['development', 'test'])('is optional when a %s server starts', (NODE_ENV) => {
      expect(startProblems(parseEnv({ NODE_ENV }))).toEqual([]);
    });
  });

  describe('PUBLIC_AVATAR_IDS', () => {
    it.each(['development', 'test'])('defaults to * (every custom avatar) in %s', (NODE_ENV) => {
      expect(parseEnv({ NODE_ENV }).PUBLIC_AVATAR_IDS).toBe('*');
    });

    it('defaults to none in production', () => {
      expect(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: PASSWORD }).PUBLIC_AVATAR_IDS).toEqual([]);
      expect(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: PASSWORD, PUBLIC_AVATAR_IDS: '' }).PUBLIC_AVATAR_IDS).toEqual([]);
    });

    it('accepts * in production too', () => {
      expect(parseEnv({ NODE_ENV: 'production', ADMIN_PASSWORD: PASSWORD, PUBLIC_AVATAR_IDS: '*' }).PUBLIC_AVATAR_IDS).toBe('*');
    });

    it('parses a comma-separated list of UUIDs, ignoring blanks and spaces', () => {
      expect(parseEnv({ PUBLIC_AVATAR_IDS: ` ${UUID_A} ,, ${UUID_B},` }).PUBLIC_AVATAR_IDS).toEqual([UUID_A, UUID_B]);
    });

    it('takes a list of only separators as none, even outside production', () => {
      expect(parseEnv({ PUBLIC_AVATAR_IDS: ' , ' }).PUBLIC_AVATAR_IDS).toEqual([]);
    });

    it.each([
      ['a preset id', 'cat-character', 'PUBLIC_AVATAR_IDS.0'],
      ['a second id that is not a UUID', `${UUID_A},not-a-uuid`, 'PUBLIC_AVATAR_IDS.1'],
      ['* among ids', `*,${UUID_A}`, 'PUBLIC_AVATAR_IDS.0'],
    ])('rejects %s and says which entry', (_name, value, where) => {
      expect(problemsOf({ PUBLIC_AVATAR_IDS: value })).toEqual([`${where}: Each id must be a custom avatar UUID`]);
    });
  });

  describe.each([
    ['RATE_LIMIT_SESSIONS_PER_MINUTE', 5, 10_000],
    ['MAX_CONCURRENT_SESSIONS', 5, 10_000],
    ['DAILY_SESSION_MINUTES', 60, 1_000_000],
  ] as const)('%s', (name, fallback, max) => {
    it(`defaults to ${fallback}`, () => {
      expect(parseEnv({})[name]).toBe(fallback);
      expect(parseEnv({ [name]: ' ' })[name]).toBe(fallback);
    });

    it(`accepts 1 to ${max}`, () => {
      expect(parseEnv({ [name]: '1' })[name]).toBe(1);
      expect(parseEnv({ [name]: ` ${max} ` })[name]).toBe(max);
    });

    it.each(['0', '-1', String(max + 1), '2.5', 'lots'])('rejects %j', (value) => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.startsWith(`${name}: `)).toBe(true);
    });
  });

  describe('REDIS_URL', () => {
    it.each(['redis://localhost:6379', 'rediss://user:secret@redis.example.com:6380/0'])('accepts %s', (url) => {
      expect(parseEnv({ REDIS_URL: url }).REDIS_URL).toBe(url);
    });

    it.each(['localhost:6379', 'http://redis.example.com', 'redis', 'tcp://localhost:6379'])('rejects %s', (url) => {
      expect(problemsOf({ REDIS_URL: url })).toEqual(['REDIS_URL: Must be a redis:// or rediss:// URL']);
    });
  });

  describe('CSP_CONNECT_SRC', () => {
    it.each([
      'wss://media.example.com',
      'wss://media.example.com https://api.staging.example.com',
      'wss://*.livekit.cloud',
      'http://localhost:7880',
    ])('accepts %j', (value) => {
      expect(parseEnv({ CSP_CONNECT_SRC: value }).CSP_CONNECT_SRC).toBe(value);
    });

    it.each(["'unsafe-inline'", 'wss://a.example; script-src *', 'https://a.example,https://b.example'])(
      'rejects %j, which could rewrite the policy',
      (value) => {
        expect(problemsOf({ CSP_CONNECT_SRC: value })).toEqual([
          'CSP_CONNECT_SRC: Space-separated origins such as wss://media.example.com',
        ]);
      },
    );
  });

  describe('TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY (the optional bot check)', () => {
    const SITE_KEY = '1x00000000000000000000AA';
    const SECRET_KEY = '1x0000000000000000000000000000000AA';

    it('are off together by default, and on together', () => {
      const off = parseEnv({});
      expect([off.TURNSTILE_SITE_KEY, off.TURNSTILE_SECRET_KEY]).toEqual([undefined, undefined]);
      expect(parseEnv({ TURNSTILE_SITE_KEY: SITE_KEY, TURNSTILE_SECRET_KEY: SECRET_KEY })).toMatchObject({
        TURNSTILE_SITE_KEY: SITE_KEY,
        TURNSTILE_SECRET_KEY: SECRET_KEY,
      });
    });

    it.each([
      [{ TURNSTILE_SITE_KEY: SITE_KEY }, 'TURNSTILE_SECRET_KEY'],
      [{ TURNSTILE_SECRET_KEY: SECRET_KEY }, 'TURNSTILE_SITE_KEY'],
      [{ TURNSTILE_SITE_KEY: SITE_KEY, TURNSTILE_SECRET_KEY: ' ' }, 'TURNSTILE_SECRET_KEY'],
    ])('refuse one key without the other (%j), naming the missing one', (source, missing) => {
      expect(problemsOf(source)).toEqual([
        `${missing}: Set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY together (the bot check), or neither`,
      ]);
    });

    it('refuse a malformed key without repeating the secret in the message', () => {
      const problems = problemsOf({ TURNSTILE_SITE_KEY: 'not a key', TURNSTILE_SECRET_KEY: 'secret with spaces' });
      expect(problems.map((problem) => problem.split(':')[0])).toEqual(['TURNSTILE_SITE_KEY', 'TURNSTILE_SECRET_KEY']);
      expect(problems.join('\n')).not.toContain('secret with spaces');
    });
  });

  describe('NEXT_OUTPUT', () => {
    it("accepts standalone, the Dockerfile's build, and nothing else", () => {
      expect(parseEnv({ NEXT_OUTPUT: 'standalone' }).NEXT_OUTPUT).toBe('standalone');
      expect(problemsOf({ NEXT_OUTPUT: 'export' })).toEqual(['NEXT_OUTPUT: Use standalone, or leave it unset']);
    });
  });

  describe('SESSION_POLL_SCHEDULE', () => {
    it('is the learned schedule unless fixed-1s is asked for', () => {
      expect(parseEnv({}).SESSION_POLL_SCHEDULE).toBe('learned');
      expect(parseEnv({ SESSION_POLL_SCHEDULE: ' ' }).SESSION_POLL_SCHEDULE).toBe('learned');
      expect(parseEnv({ SESSION_POLL_SCHEDULE: 'fixed-1s' }).SESSION_POLL_SCHEDULE).toBe('fixed-1s');
    });

    it.each(['fixed', '1s', 'adaptive'])('rejects %j rather than guessing', (value) => {
      expect(problemsOf({ SESSION_POLL_SCHEDULE: value })).toEqual(['SESSION_POLL_SCHEDULE: Use learned or fixed-1s']);
    });
  });

  describe('ElevenLabs agents', () => {
    const KEY = 'sk_0123456789';

    it('reads ELEVENLABS_AGENTS as <avatarId>=<agentId> pairs', () => {
      expect(
        parseEnv({ ELEVENLABS_API_KEY: KEY, ELEVENLABS_AGENTS: ` ${UUID_A} = agent_one , ${UUID_B}=agent_two,` }).ELEVENLABS_AGENTS,
      ).toEqual({
        [UUID_A]: 'agent_one',
        [UUID_B]: 'agent_two',
      });
    });

    it.each(['cat-character', 'music-superstar'])('refuses the preset %s: Runway takes ElevenLabs for custom avatars only', (preset) => {
      expect(problemsOf({ ELEVENLABS_API_KEY: KEY, ELEVENLABS_AGENTS: `${preset}=agent_one` })).toEqual([
        `ELEVENLABS_AGENTS.0.0: ${preset} is a preset: only custom avatars can use an ElevenLabs agent`,
      ]);
    });

    it.each([
      ['not an avatar id', 'mochi=agent_one', /custom avatar UUID/],
      ['no agent', UUID_A, /<avatarId>=<agentId>/],
      ['a bad agent id', `${UUID_A}=agent one?`, /agent id/],
      ['an avatar twice', `${UUID_A}=agent_one,${UUID_A}=agent_two`, /listed once/],
    ])('refuses %s', (_case, value, message) => {
      const [problem, ...rest] = problemsOf({ ELEVENLABS_API_KEY: KEY, ELEVENLABS_AGENTS: value });
      expect(rest).toEqual([]);
      expect(problem).toMatch(/^ELEVENLABS_AGENTS/);
      expect(problem).toMatch(message);
    });

    it('needs ELEVENLABS_API_KEY whenever an agent is named, in either mode (npm run dev sets the stand-in’s placeholder)', () => {
      const agents = { ELEVENLABS_AGENTS: `${UUID_A}=agent_one` };
      const modes: Array<Record<string, string>> = [
        { RUNWAYML_API_SECRET: 'key_live_0123456789' },
        { RUNWAYML_BASE_URL: 'http://127.0.0.1:4010' },
      ];
      for (const runway of modes) {
        expect(problemsOf({ ...agents, ...runway })).toEqual(['ELEVENLABS_API_KEY: Required when ELEVENLABS_AGENTS names an agent']);
        expect(parseEnv({ ...agents, ...runway, ELEVENLABS_API_KEY: KEY }).ELEVENLABS_AGENTS).toEqual({ [UUID_A]: 'agent_one' });
      }
    });

    it('checks ELEVENLABS_BASE_URL is an http(s) URL', () => {
      expect(problemsOf({ ELEVENLABS_BASE_URL: 'ftp://example.com' })).toEqual(['ELEVENLABS_BASE_URL: Must be an http(s) URL']);
      expect(parseEnv({ ELEVENLABS_BASE_URL: 'https://eu.residency.elevenlabs.io' }).ELEVENLABS_BASE_URL).toBe(
        'https://eu.residency.elevenlabs.io',
      );
    });
  });
});
