import type { NextConfig } from 'next';
import { parseEnv } from './lib/env-schema';

// Fail `next dev`, `next build` and `next start` at once, with a list, when the environment is wrong.
parseEnv(process.env);

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The React SDK ships untranspiled modern syntax and no 'use client' directive.
  transpilePackages: ['@runwayml/avatars-react'],
  agentRules: false,
};

export default nextConfig;
