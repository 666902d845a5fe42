import { z } from 'zod';
import { findPreset } from './avatars/presets';

/**
 * The one description of the app's environment. `next.config.ts` runs `parseEnv` at build, dev and start,
 * so a bad value stops the app with a list of what is wrong instead of failing on the first request.
 * Isomorphic on purpose (no `server-only`): the config file imports it.
 */

/** `FOO=` in a .env file means "not set", not "set to an empty string". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

const integer = (min: number, max: number, fallback: number) =>
  optional(z.coerce.number().int().min(min).max(max)).transform((value) => value ?? fallback);

/** "a, b,,c" → ["a", "b", "c"]: the entries of a comma-separated variable, each trimmed, blanks dropped. */
const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

const publicAvatarsSchema = z.union([z.literal('*'), commaList.pipe(z.array(z.guid({ error: 'Each id must be a custom avatar UUID' })))]);

/**
 * A list of exact origins (scheme, host and port; no path, no wildcard), separated by spaces or commas, each
 * with one of `schemes`. The URL parser takes "*" as a host character; a wildcard is still not an origin.
 */
const exactOrigins = (schemes: string[], example: string) =>
  z
    .string()
    .transform((text) => text.split(/[\s,]+/).filter(Boolean))
    .pipe(
      z.array(
        z.string().refine((entry) => {
          try {
            const url = new URL(entry);
            return schemes.includes(url.protocol) && url.origin === entry && !entry.includes('*');
          } catch {
            return false;
          }
        }, `Each entry must be an exact origin such as ${example} (scheme and host, no path, no trailing slash, no wildcard)`),
      ),
    );

/**
 * EMBED_ALLOWED_ORIGINS: sites that may frame /embed/* (docs/embed.md). Exact origins, because the frame
 * posts its events to one of them by name and postMessage takes no wildcard.
 */
export const originListSchema = exactOrigins(['https:', 'http:'], 'https://shop.example.com');

/**
 * "<avatarId>=<agentId>,…": the custom avatars that talk through an ElevenLabs agent. Runway takes an
 * ElevenLabs integration for custom avatars only, so a preset here is an error, not a silent skip.
 */
export const elevenLabsAgentsSchema = commaList
  .pipe(
    z.array(
      z
        .string()
        .transform((entry) => entry.split('=').map((part) => part.trim()))
        .pipe(
          z.tuple(
            [
              z
                .string()
                .refine((id) => !findPreset(id), {
                  error: (issue) => `${String(issue.input)} is a preset: only custom avatars can use an ElevenLabs agent`,
                })
                .pipe(z.guid({ error: 'Each avatar id must be a custom avatar UUID' })),
              z.string().regex(/^[\w-]{1,128}$/, 'Each agent id must be letters, digits, _ or - (agent_…)'),
            ],
            { error: 'Use <avatarId>=<agentId> pairs, comma-separated' },
          ),
        ),
    ),
  )
  .refine((pairs) => new Set(pairs.map(([avatarId]) => avatarId)).size === pairs.length, 'An avatar may be listed once')
  .transform((pairs) => Object.fromEntries(pairs) as Record<string, string>);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),

    // Runway: a key means Runway; no key and a base URL means the emulator there (lib/server/runway/mode.ts).
    RUNWAYML_API_SECRET: optional(
      z.string().trim().regex(/^\S+$/, 'Must not contain spaces').min(8, 'Looks too short to be a Runway API key'),
    ),
    RUNWAYML_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })),
    /**
     * Origins the browser loads a call's room and media from beyond Runway's own hosts, space-separated: the
     * emulator's API and room (the launcher sets them), a self-hosted LiveKit. The CSP allows exactly these.
     */
    RUNWAY_PUBLIC_ORIGINS: optional(exactOrigins(['http:', 'https:', 'ws:', 'wss:'], 'ws://localhost:7880')).transform(
      (value) => value ?? [],
    ),

    // ElevenLabs Agents as an avatar's conversation (lib/server/integrations/elevenlabs/).
    /** Server only: asks ElevenLabs for each call's signed URL. In emulator mode the launcher sets the stand-in's placeholder. */
    ELEVENLABS_API_KEY: optional(
      z.string().trim().regex(/^\S+$/, 'Must not contain spaces').min(8, 'Looks too short to be an ElevenLabs API key'),
    ),
    ELEVENLABS_AGENTS: optional(elevenLabsAgentsSchema),
    ELEVENLABS_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })),

    // Session rules.
    SESSION_MAX_DURATION_SECONDS: integer(10, 300, 300),
    SESSION_READY_TIMEOUT_SECONDS: integer(5, 45, 30),
    /** How long a READY session may wait to be consumed before the server cancels it and takes its slot back. */
    SESSION_CONSUME_WINDOW_SECONDS: integer(5, 120, 20),
    /**
     * When the server checks a pending session at Runway: `learned` (the readiness model) or `fixed-1s` (at
     * once, then 1 s after each answer: the simple loop, kept as a fallback and as bench:load's baseline).
     */
    SESSION_POLL_SCHEDULE: optional(z.enum(['learned', 'fixed-1s'], { error: 'Use learned or fixed-1s' })).transform(
      (value) => value ?? 'learned',
    ),

    /** Largest reference image POST /api/uploads accepts, in MB (Runway's uploads allow 200 MB). */
    UPLOAD_MAX_IMAGE_MB: integer(1, 200, 10),

    // Security. ADMIN_PASSWORD is required in production (checked below).
    ADMIN_PASSWORD: optional(z.string().min(12, 'Use at least 12 characters')),
    /**
     * Signs admin cookies and session tickets. A production server will not start without it (see
     * `missingAuthSecret`); the build does not need it. Development uses a random key per process.
     */
    AUTH_SECRET: optional(z.string().min(32, 'Use at least 32 characters')),
    /** Custom avatars visitors may call: comma-separated UUIDs, or * for every READY one. */
    PUBLIC_AVATAR_IDS: optional(publicAvatarsSchema),
    /**
     * How many reverse proxies in front of a self-hosted server append to X-Forwarded-For: the client is
     * the entry this many places from the right. 0 (the default) trusts no forwarded header.
     */
    TRUSTED_PROXY_HOPS: integer(0, 10, 0),
    RATE_LIMIT_SESSIONS_PER_MINUTE: integer(1, 10_000, 5),
    MAX_CONCURRENT_SESSIONS: integer(1, 10_000, 5),
    DAILY_SESSION_MINUTES: integer(1, 1_000_000, 60),
    /** Extra connect-src sources for the CSP, space-separated (a self-hosted LiveKit, a staging host). */
    CSP_CONNECT_SRC: optional(z.string().regex(/^[\w\s:/.*-]+$/, 'Space-separated origins such as wss://media.example.com')),
    /** Sites that may embed the call (/embed/*, embed.js): exact origins, comma- or space-separated. None by default. */
    EMBED_ALLOWED_ORIGINS: optional(originListSchema).transform((value) => value ?? []),
    REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'Must be a redis:// or rediss:// URL' })),
    /** Cloudflare Turnstile before a public call starts (docs/security.md): both keys turn it on, neither leaves it off. */
    TURNSTILE_SITE_KEY: optional(
      z
        .string()
        .trim()
        .regex(/^[\w-]{1,200}$/, 'Copy the site key from the Cloudflare dashboard'),
    ),
    TURNSTILE_SECRET_KEY: optional(
      z
        .string()
        .trim()
        .regex(/^\S{1,200}$/, 'Copy the secret key from the Cloudflare dashboard'),
    ),

    /**
     * Set by serverless hosts (Vercel sets VERCEL=1, AWS Lambda its function name): no process lives
     * between requests, so no timer may outlive one.
     */
    VERCEL: optional(z.string()),
    AWS_LAMBDA_FUNCTION_NAME: optional(z.string()),

    /** Build time: `standalone` makes `next build` write .next/standalone (the Dockerfile sets it). */
    NEXT_OUTPUT: optional(z.enum(['standalone'], { error: 'Use standalone, or leave it unset' })),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV === 'production' && !env.ADMIN_PASSWORD) {
      context.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'Required in production: it protects the admin pages and routes',
      });
    }
    // One key alone would show a widget nobody can verify, or verify tokens no page can produce.
    if (Boolean(env.TURNSTILE_SITE_KEY) !== Boolean(env.TURNSTILE_SECRET_KEY)) {
      context.addIssue({
        code: 'custom',
        path: [env.TURNSTILE_SITE_KEY ? 'TURNSTILE_SECRET_KEY' : 'TURNSTILE_SITE_KEY'],
        message: 'Set TURNSTILE_SITE_KEY and TURNSTILE_SECRET_KEY together (the bot check), or neither',
      });
    }
    // A mapped agent needs a key to ask for its signed URL (the launcher sets the stand-in's placeholder).
    if (env.ELEVENLABS_AGENTS && Object.keys(env.ELEVENLABS_AGENTS).length && !env.ELEVENLABS_API_KEY) {
      context.addIssue({ code: 'custom', path: ['ELEVENLABS_API_KEY'], message: 'Required when ELEVENLABS_AGENTS names an agent' });
    }
  })
  // Development publishes every custom avatar by default; production publishes none until you list them.
  .transform(({ VERCEL, AWS_LAMBDA_FUNCTION_NAME, ...env }) => ({
    ...env,
    PUBLIC_AVATAR_IDS: env.PUBLIC_AVATAR_IDS ?? (env.NODE_ENV === 'production' ? [] : '*'),
    SERVERLESS: Boolean(VERCEL || AWS_LAMBDA_FUNCTION_NAME),
    /** Vercel's edge network sets the client's address (x-real-ip) itself, overwriting what a client sent. */
    ON_VERCEL: Boolean(VERCEL),
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment variables:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Why a production server refuses to start: one message, for the start check and the signing key alike. */
export const missingAuthSecret =
  'AUTH_SECRET is required to run in production: it signs the admin cookie and session tickets. Set it to 32 or more random characters, for example the output of `openssl rand -base64 32`.';

/**
 * What a production server (not the build) needs beyond the schema: the problems, or none. Run when a
 * server starts (instrumentation-node.ts), so `next build` and Docker builds need no placeholder secret.
 */
export function startProblems(env: Env): string[] {
  return env.NODE_ENV === 'production' && !env.AUTH_SECRET ? [missingAuthSecret] : [];
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}
