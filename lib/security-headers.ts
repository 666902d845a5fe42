/**
 * The Content-Security-Policy for pages: exactly what a call needs and nothing broader. Scripts run only
 * with this request's nonce; the browser may connect to this app, Runway's API (the React SDK's optional
 * browser-side consume) and Runway's LiveKit servers (the call itself); media comes from the call as
 * blob: URLs. Isomorphic: proxy.ts builds it for every page request.
 */
export function contentSecurityPolicy({
  nonce,
  development,
  extraConnectSources = [],
  runwayOrigins = [],
  embedSources = [],
  frameAncestors = [],
}: {
  nonce: string;
  development: boolean;
  extraConnectSources?: string[];
  /** Where a call's room and media are served beyond Runway's hosts (RUNWAY_PUBLIC_ORIGINS: the emulator's). */
  runwayOrigins?: readonly string[];
  /** Origins whose script and frame a page embeds: the optional bot check's widget, only while it is on. */
  embedSources?: string[];
  /** Who may frame the page: nobody unless listed (only /embed/* lists anyone, lib/embed/origins.ts). */
  frameAncestors?: readonly string[];
}) {
  const connect = [
    "'self'",
    'https://api.dev.runwayml.com',
    'wss://*.livekit.cloud',
    'https://*.livekit.cloud',
    ...runwayOrigins,
    ...extraConnectSources,
  ];
  // Recordings, videos and pictures come from the http(s) ones (a ws: room's origin is for connect-src only).
  const runwayMedia = runwayOrigins
    .filter((origin) => /^https?:/.test(origin))
    .map((origin) => ` ${origin}`)
    .join('');
  // Development adds React's eval-based debugging and the dev server's hot-reload socket.
  if (development) connect.push('ws:');
  // A browser that knows 'strict-dynamic' ignores a host in script-src (the nonce's script loads the widget's);
  // older ones need it.
  const embeds = embedSources.map((source) => ` ${source}`).join('');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}${embeds}`,
    ...(embedSources.length ? [`frame-src 'self'${embeds}`] : []),
    // Inline style attributes carry the SDK's CSS variables (avatar image, theme).
    "style-src 'self' 'unsafe-inline'",
    // Custom avatars' pictures live on Runway's CDN, whose hosts are not documented.
    `img-src 'self' data: blob: https:${runwayMedia}`,
    // Voice previews, recordings and avatar videos play from Runway's expiring links, whose hosts are not documented.
    `media-src 'self' blob: https:${runwayMedia}`,
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Headers for every response, pages and API alike (next.config.ts). */
export const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=()' },
];

/** For every response but /embed/*, whose framing the CSP's frame-ancestors decides (next.config.ts). */
export const NO_FRAMING_HEADER = { key: 'X-Frame-Options', value: 'DENY' };
