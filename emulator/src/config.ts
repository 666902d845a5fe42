import { z } from 'zod';

/**
 * The emulator's environment, one schema: its timings, scripted faults, the media room, and where it listens
 * and is reached. Read once at start (server.ts); a bad value stops it with a list of what is wrong.
 */

/** `FOO=` in a .env file means "not set", not "set to an empty string". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const integer = (min: number, max: number, fallback: number) =>
  optional(z.coerce.number().int().min(min).max(max)).transform((value) => value ?? fallback);

/** "a, b,,c" → ["a", "b", "c"]. */
const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

/** "1800" or "1500-2500": a fixed delay or a uniform range, in milliseconds. */
export const msRangeSchema = z
  .string()
  .trim()
  .regex(/^\d+(\s*-\s*\d+)?$/, 'Use a number of milliseconds ("1800") or a range ("1500-2500")')
  .transform((text) => {
    const [min, max = min] = text.split('-').map((part) => Number(part.trim())) as [number, number?];
    return { min, max };
  })
  .refine(({ min, max }) => min <= max, 'The range must be written low-high')
  .refine(({ max }) => max <= 600_000, 'At most 600000 ms');

/** How long sessions take to turn READY (ready-profiles.ts). */
export const READY_PROFILES = ['uniform', 'queued', 'bimodal', 'lognormal', 'shift'] as const;
export type ReadyProfile = (typeof READY_PROFILES)[number];

/** Endpoint classes the emulator can slow down (EMULATOR_LATENCY_MS). */
export const LATENCY_CLASSES = ['poll', 'read', 'write', 'preview', 'upload', 'elevenlabs'] as const;
export type LatencyClass = (typeof LATENCY_CLASSES)[number];
export type LatencyMs = Partial<Record<LatencyClass, { min: number; max: number }>>;

/** "300" slows every class; "preview=35000,upload=2000-4000" slows those classes only. */
const latencySchema = commaList
  .pipe(
    z.array(
      z
        .string()
        .regex(
          new RegExp(`^((${LATENCY_CLASSES.join('|')})=)?[^=]+$`),
          `Use ms, or class=ms with a class among ${LATENCY_CLASSES.join(', ')}`,
        )
        .transform((entry) => (entry.includes('=') ? (entry.split('=') as [string, string]) : (['*', entry] as [string, string])))
        .pipe(z.tuple([z.string(), msRangeSchema])),
    ),
  )
  .transform((entries) => {
    const latency: LatencyMs = {};
    for (const [name, range] of entries) {
      for (const latencyClass of name === '*' ? LATENCY_CLASSES : [name as LatencyClass]) latency[latencyClass] = range;
    }
    return latency;
  });

export const FAULTS = [
  'fail',
  'never-ready',
  'http-401',
  'http-429',
  'http-500',
  'avatar-fail',
  'video-fail',
  // The next GET of any kind (a status poll, a list, a retrieve) answers this, once.
  'get-429',
  'get-500',
  'get-503',
  // The next connect_backend answers this, once: the backend handler cannot join, so backend tools fail.
  'backend-401',
  'backend-404',
  'backend-500',
  // The next backend tool call's answer is held past its timeoutSeconds: the worker's response timeout.
  'rpc-timeout',
  // The next signed-URL request to the ElevenLabs stand-in answers this, once; -slow never answers in time.
  'elevenlabs-401',
  'elevenlabs-404',
  'elevenlabs-500',
  'elevenlabs-slow',
] as const;
export type Fault = (typeof FAULTS)[number];

const address = optional(z.union([z.ipv4(), z.literal('localhost')], { error: 'Must be an IPv4 address or localhost' }));

/** A host name as it may appear in a URL: a name or IPv4 address, or an IPv6 address in brackets. */
const hostName = z.string().regex(/^(?:[a-zA-Z0-9.-]{1,253}|\[[0-9a-fA-F:.]{2,45}\])$/, 'Must be a host name or IP address');

export const configSchema = z.object({
  /** The REST API, the ElevenLabs stand-in, signed media and the control UI, on one HTTP port. */
  EMULATOR_PORT: integer(0, 65_535, 4010),
  /** The interface that port listens on: loopback by default; 0.0.0.0 for a container or the LAN. */
  EMULATOR_BIND: address.transform((value) => value ?? '127.0.0.1'),
  /**
   * The host browsers reach the emulator at, for the room URL and media links it hands out: localhost by
   * default; a LAN address so a phone can call; a container's published name.
   */
  EMULATOR_PUBLIC_HOST: optional(hostName).transform((value) => value ?? 'localhost'),
  /**
   * Who may use the control UI and API (faults, drops, tool calls, state): loopback only by default; `any`
   * in a container whose port only you can reach.
   */
  EMULATOR_CONTROL: optional(z.enum(['loopback', 'any'], { error: 'Use loopback or any' })).transform((value) => value ?? 'loopback'),

  EMULATOR_QUEUED_MS: integer(0, 600_000, 500),
  EMULATOR_READY_MS: optional(msRangeSchema).transform((value) => value ?? { min: 1500, max: 2500 }),
  EMULATOR_READY_PROFILE: optional(z.enum(READY_PROFILES)).transform((value) => value ?? 'uniform'),
  EMULATOR_READY_EXPIRY_MS: integer(1_000, 3_600_000, 300_000),
  EMULATOR_MAX_CONCURRENT_SESSIONS: integer(0, 1000, 0),
  EMULATOR_FAULTS: optional(commaList.pipe(z.array(z.enum(FAULTS)))).transform((value) => value ?? []),
  /** Extra time before answering, per endpoint class: lets tests and demos see slow calls. */
  EMULATOR_LATENCY_MS: optional(latencySchema).transform((value) => value ?? {}),
  /** How cancel treats ended and READY sessions: Runway's docs leave both open. */
  EMULATOR_CANCEL_RULES: optional(z.enum(['default', 'alternate'], { error: 'Use default or alternate' })).transform(
    (value) => value ?? 'default',
  ),
  /** How long a new custom avatar or custom voice stays PROCESSING. */
  EMULATOR_PROCESSING_MS: integer(0, 600_000, 4000),
  /** How long an avatar-video task takes from create to SUCCEEDED. */
  EMULATOR_VIDEO_MS: integer(0, 600_000, 4000),

  // The media room (LiveKit protocol + WebRTC).
  /** Its signalling port (HTTP + WebSocket); 7880 is LiveKit's own default. */
  EMULATOR_ROOM_PORT: integer(0, 65_535, 7880),
  /** The interface signalling listens on: loopback by default; 0.0.0.0 to let other devices join. */
  EMULATOR_ROOM_BIND: address.transform((value) => value ?? '127.0.0.1'),
  /** The address ICE announces and binds UDP on: loopback by default; your LAN address for a phone. */
  EMULATOR_ICE_ADDRESS: optional(z.ipv4({ error: 'Must be an IPv4 address' })).transform((value) => value ?? '127.0.0.1'),
  /** Rooms (calls) open at once; more are refused. */
  EMULATOR_MAX_ROOMS: integer(1, 200, 20),
  /** How long a visitor who left or dropped may take to come back before the call ends. */
  EMULATOR_DEPARTURE_TIMEOUT_MS: integer(1_000, 120_000, 10_000),
});

export type EmulatorConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The emulator's environment is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The emulator's configuration, or a ConfigError that lists every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): EmulatorConfig {
  const result = configSchema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}
