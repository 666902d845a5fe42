import type { NextConfig } from 'next';
import { parseEnv } from './lib/env-schema';
import { STATIC_SECURITY_HEADERS } from './lib/security-headers';

// Fail `next dev`, `next build` and `next start` at once, with a list, when the environment is wrong.
parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The React SDK ships untranspiled modern syntax and no 'use client' directive.
  transpilePackages: ['@runwayml/avatars-react'],
  agentRules: false,
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  async headers() {
    return [{ source: '/:path*', headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
