import { describe, expect, it } from 'vitest';
import { ConfigError, msRangeSchema, parseConfig } from '../src/config';

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseConfig(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the emulator configuration', () => {
  it('has defaults for everything: loopback, the usual ports, calls that turn READY in about two seconds', () => {
    expect(parseConfig({})).toMatchObject({
      EMULATOR_PORT: 4010,
      EMULATOR_BIND: '127.0.0.1',
      EMULATOR_PUBLIC_HOST: 'localhost',
      EMULATOR_CONTROL: 'loopback',
      EMULATOR_ROOM_PORT: 7880,
      EMULATOR_READY_MS: { min: 1500, max: 2500 },
      EMULATOR_FAULTS: [],
    });
  });

  it('lists every problem at once, each prefixed with the variable’s name', () => {
    const problems = problemsOf({
      EMULATOR_PORT: 'http',
      EMULATOR_CONTROL: 'everyone',
      EMULATOR_PUBLIC_HOST: 'a host',
      EMULATOR_READY_MS: '2500-1500',
    });
    expect(new Set(problems.map((problem) => problem.split(/[.:]/)[0]))).toEqual(
      new Set(['EMULATOR_PORT', 'EMULATOR_CONTROL', 'EMULATOR_PUBLIC_HOST', 'EMULATOR_READY_MS']),
    );
  });

  it('checks the emulated room settings: ports, IPv4 addresses and limits', () => {
    expect(parseConfig({ EMULATOR_ROOM_PORT: '7990', EMULATOR_ICE_ADDRESS: '192.168.1.20', EMULATOR_ROOM_BIND: '0.0.0.0' })).toMatchObject({
      EMULATOR_ROOM_PORT: 7990,
      EMULATOR_ICE_ADDRESS: '192.168.1.20',
      EMULATOR_ROOM_BIND: '0.0.0.0',
    });
    expect(
      problemsOf({ EMULATOR_ROOM_PORT: '70000', EMULATOR_ICE_ADDRESS: 'my-laptop', EMULATOR_MAX_ROOMS: '0' }).map((p) => p.split(':')[0]),
    ).toEqual(['EMULATOR_ROOM_PORT', 'EMULATOR_ICE_ADDRESS', 'EMULATOR_MAX_ROOMS']);
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
      expect(parseConfig({ EMULATOR_READY_MS: value }).EMULATOR_READY_MS).toEqual(expected);
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

  describe('avatar management', () => {
    it('reads EMULATOR_LATENCY_MS for every endpoint class, or per class', () => {
      const all = { min: 300, max: 300 };
      expect(parseConfig({ EMULATOR_LATENCY_MS: '300' }).EMULATOR_LATENCY_MS).toEqual({
        poll: all,
        read: all,
        write: all,
        preview: all,
        upload: all,
        elevenlabs: all,
      });
      expect(parseConfig({ EMULATOR_LATENCY_MS: 'preview=35000, upload=2000-4000' }).EMULATOR_LATENCY_MS).toEqual({
        preview: { min: 35_000, max: 35_000 },
        upload: { min: 2000, max: 4000 },
      });
      expect(problemsOf({ EMULATOR_LATENCY_MS: 'slow=100' })[0]).toMatch(/^EMULATOR_LATENCY_MS/);
      expect(problemsOf({ EMULATOR_LATENCY_MS: 'preview=fast' })[0]).toMatch(/^EMULATOR_LATENCY_MS/);
    });

    it('reads EMULATOR_CANCEL_RULES: default or alternate', () => {
      expect(parseConfig({ EMULATOR_CANCEL_RULES: 'alternate' }).EMULATOR_CANCEL_RULES).toBe('alternate');
      expect(problemsOf({ EMULATOR_CANCEL_RULES: 'strict' })[0]).toMatch(/^EMULATOR_CANCEL_RULES: /);
    });

    it('reads EMULATOR_PROCESSING_MS (0–600000)', () => {
      expect(parseConfig({ EMULATOR_PROCESSING_MS: '0' }).EMULATOR_PROCESSING_MS).toBe(0);
      expect(problemsOf({ EMULATOR_PROCESSING_MS: '600001' })[0]).toMatch(/^EMULATOR_PROCESSING_MS: /);
    });
  });

  describe('EMULATOR_FAULTS', () => {
    it('parses a comma-separated list, ignoring blanks and spaces', () => {
      expect(parseConfig({ EMULATOR_FAULTS: 'fail, never-ready,,http-429 , http-500' }).EMULATOR_FAULTS).toEqual([
        'fail',
        'never-ready',
        'http-429',
        'http-500',
      ]);
    });

    it('knows video-fail, the avatar-video task fault', () => {
      expect(parseConfig({ EMULATOR_FAULTS: 'video-fail,fail' }).EMULATOR_FAULTS).toEqual(['video-fail', 'fail']);
    });

    it('keeps repeats, one fault per session create', () => {
      expect(parseConfig({ EMULATOR_FAULTS: 'http-401,http-401' }).EMULATOR_FAULTS).toEqual(['http-401', 'http-401']);
      expect(parseConfig({ EMULATOR_FAULTS: 'avatar-fail,fail' }).EMULATOR_FAULTS).toEqual(['avatar-fail', 'fail']);
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
      expect(parseConfig({ EMULATOR_MAX_CONCURRENT_SESSIONS: value }).EMULATOR_MAX_CONCURRENT_SESSIONS).toBe(expected);
    });

    it.each(['-1', '1001', '2.5', 'many'])('rejects %j', (value) => {
      const problems = problemsOf({ EMULATOR_MAX_CONCURRENT_SESSIONS: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^EMULATOR_MAX_CONCURRENT_SESSIONS: /);
    });
  });

  it('names the emulator’s READY profile, uniform by default', () => {
    expect(parseConfig({ EMULATOR_READY_PROFILE: 'bimodal' }).EMULATOR_READY_PROFILE).toBe('bimodal');
    expect(parseConfig({ EMULATOR_READY_PROFILE: '' }).EMULATOR_READY_PROFILE).toBe('uniform');
    expect(problemsOf({ EMULATOR_READY_PROFILE: 'fast' })).toHaveLength(1);
  });

  it('bounds the emulator’s other timings', () => {
    expect(parseConfig({ EMULATOR_QUEUED_MS: '0', EMULATOR_READY_EXPIRY_MS: '1000' })).toMatchObject({
      EMULATOR_QUEUED_MS: 0,
      EMULATOR_READY_EXPIRY_MS: 1000,
    });
    expect(problemsOf({ EMULATOR_QUEUED_MS: '600001', EMULATOR_READY_EXPIRY_MS: '999' })).toHaveLength(2);
  });
});
