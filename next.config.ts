import type { NextConfig } from 'next';
import { parseEnv } from './lib/env-schema';
import { NOT_EMBED_SOURCE } from './lib/embed/origins';
import { NO_FRAMING_HEADER, STATIC_SECURITY_HEADERS } from './lib/security-headers';

// Fail `next dev`, `next build` and `next start` at once, with a list, when the environment is wrong.
const env = parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // Self-hosting (the Dockerfile): NEXT_OUTPUT=standalone makes `next build` also write .next/standalone, a
  // server.js with only the files it needs. Off by default, because `next start` warns about it.
  output: env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // The React SDK ships untranspiled modern syntax and no 'use client' directive.
  transpilePackages: ['@runwayml/avatars-react'],
  // Required from node_modules rather than bundled: Runway's RPC handler for backend tools and
  // @livekit/rtc-node, whose LiveKit core is a native binary loaded at run time.
  serverExternalPackages: ['@runwayml/avatars-node-rpc', '@livekit/rtc-node'],
  agentRules: false,
  // `next dev` blocks its dev resources for origins it does not know, so a page opened at 127.0.0.1 never
  // hydrates; allow it alongside localhost.
  allowedDevOrigins: ['127.0.0.1'],
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  experimental: {
    // The stylesheet is small (a few kB gzipped): inline it in <head> rather than block the first paint on
    // a request. The CSP allows inline styles (lib/security-headers.ts).
    inlineCss: true,
    // Next buffers a body that goes through proxy.ts, up to this much (10 MB by default), before the proxy
    // runs, whoever sent it; beyond, it drops the rest and the route sees a truncated body. The routes with
    // large bodies (the uploads, and the public ones attackers can reach) skip the proxy (see its matcher),
    // so the largest body that passes is a knowledge document's JSON (DOCUMENT_BODY_BYTES, 1 MB), plus one
    // socket read (64 KB) so a longer one still reaches the route long enough to be refused with 413.
    proxyClientMaxBodySize: 1024 * 1024 + 64 * 1024,
  },
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      { source: NOT_EMBED_SOURCE, headers: [NO_FRAMING_HEADER] },
    ];
  },
};

export default nextConfig;
