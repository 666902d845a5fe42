import { describe, expect, it } from 'vitest';
import { EnvError, msRangeSchema, parseEnv } from '@/lib/env-schema';

const DEFAULTS = {
  NODE_ENV: 'development',
  RUNWAYML_API_SECRET: undefined,
  RUNWAYML_BASE_URL: undefined,
  SESSION_MAX_DURATION_SECONDS: 300,
  SESSION_READY_TIMEOUT_SECONDS: 30,
  EMULATOR_QUEUED_MS: 500,
  EMULATOR_READY_MS: { min: 1500, max: 2500 },
  EMULATOR_READY_EXPIRY_MS: 300_000,
  EMULATOR_MAX_CONCURRENT_SESSIONS: 0,
  EMULATOR_FAULTS: [],
};

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
    const blank = Object.fromEntries(Object.keys(DEFAULTS).filter((key) => key !== 'NODE_ENV').map((key) => [key, key.length % 2 ? '' : '   ']));
    expect(parseEnv(blank)).toEqual(DEFAULTS);
  });

  it('ignores variables it does not know', () => {
    expect(parseEnv({ PATH: '/usr/bin', HOME: '/root' })).toEqual(DEFAULTS);
  });

  it('parses a live configuration, trimming the key', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
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
      EMULATOR_READY_MS: '2500-1500',
      EMULATOR_FAULTS: 'fail,explode',
    });
    const variables = problems.map((problem) => problem.split(/[.:]/)[0]);
    expect(new Set(variables)).toEqual(
      new Set([
        'NODE_ENV',
        'RUNWAYML_API_SECRET',
        'RUNWAYML_BASE_URL',
        'SESSION_MAX_DURATION_SECONDS',
        'SESSION_READY_TIMEOUT_SECONDS',
        'EMULATOR_READY_MS',
        'EMULATOR_FAULTS',
      ]),
    );
  });

  it('renders the problems as a readable bulleted message', () => {
    try {
      parseEnv({ SESSION_MAX_DURATION_SECONDS: '301', EMULATOR_QUEUED_MS: '-1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const { message, name } = error as EnvError;
      expect(name).toBe('EnvError');
      expect(message.split('\n')[0]).toBe('Invalid environment variables:');
      expect(message).toMatch(/\n {2}- SESSION_MAX_DURATION_SECONDS: /);
      expect(message).toMatch(/\n {2}- EMULATOR_QUEUED_MS: /);
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

  describe('EMULATOR_READY_MS', () => {
    it.each([
      ['1800', { min: 1800, max: 1800 }],
      ['1500-2500', { min: 1500, max: 2500 }],
      [' 1500 - 2500 ', { min: 1500, max: 2500 }],
      ['0', { min: 0, max: 0 }],
      ['2000-2000', { min: 2000, max: 2000 }],
      ['600000', { min: 600_000, max: 600_000 }],
    ])('parses %j', (value, expected) => {
      expect(parseEnv({ EMULATOR_READY_MS: value }).EMULATOR_READY_MS).toEqual(expected);
      expect(msRangeSchema.parse(value)).toEqual(expected);
    });

    it('rejects a reversed range, asking for low-high', () => {
      expect(problemsOf({ EMULATOR_READY_MS: '2500-1500' })).toEqual(['EMULATOR_READY_MS: The range must be written low-high']);
    });

    it.each(['fast', '1.5', '1500-', '-1500', '1500-2000-2500', '1500..2500'])('rejects the malformed value %j', (value) => {
      const [problem] = problemsOf({ EMULATOR_READY_MS: value });
      expect(problem).toContain('Use a number of milliseconds');
    });

    it('rejects more than 600000 ms', () => {
      expect(problemsOf({ EMULATOR_READY_MS: '1000-600001' })).toEqual(['EMULATOR_READY_MS: At most 600000 ms']);
    });
  });

  describe('EMULATOR_FAULTS', () => {
    it('parses a comma-separated list, ignoring blanks and spaces', () => {
      expect(parseEnv({ EMULATOR_FAULTS: 'fail, never-ready,,http-429 , http-500' }).EMULATOR_FAULTS).toEqual([
        'fail',
        'never-ready',
        'http-429',
        'http-500',
      ]);
    });

    it('keeps repeats, one fault per session create', () => {
      expect(parseEnv({ EMULATOR_FAULTS: 'http-401,http-401' }).EMULATOR_FAULTS).toEqual(['http-401', 'http-401']);
    });

    it('no longer knows the retired expire fault', () => {
      const problems = problemsOf({ EMULATOR_FAULTS: 'expire' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EMULATOR_FAULTS\.0: /);
    });

    it('rejects an unknown fault and says where it is', () => {
      const problems = problemsOf({ EMULATOR_FAULTS: 'fail,explode' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EMULATOR_FAULTS\.1: /);
    });
  });

  describe('EMULATOR_MAX_CONCURRENT_SESSIONS (0: no limit)', () => {
    it.each([
      ['0', 0],
      ['1', 1],
      [' 3 ', 3],
      ['1000', 1000],
    ])('accepts %j', (value, expected) => {
      expect(parseEnv({ EMULATOR_MAX_CONCURRENT_SESSIONS: value }).EMULATOR_MAX_CONCURRENT_SESSIONS).toBe(expected);
    });

    it.each(['-1', '1001', '2.5', 'many'])('rejects %j', (value) => {
      const problems = problemsOf({ EMULATOR_MAX_CONCURRENT_SESSIONS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EMULATOR_MAX_CONCURRENT_SESSIONS: /);
    });
  });

  it('bounds the emulator’s other timings', () => {
    expect(parseEnv({ EMULATOR_QUEUED_MS: '0', EMULATOR_READY_EXPIRY_MS: '1000' })).toMatchObject({
      EMULATOR_QUEUED_MS: 0,
      EMULATOR_READY_EXPIRY_MS: 1000,
    });
    expect(problemsOf({ EMULATOR_QUEUED_MS: '600001', EMULATOR_READY_EXPIRY_MS: '999' })).toHaveLength(2);
  });
});
