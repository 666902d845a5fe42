import { parseEnv } from '@/lib/env-schema';

// Exit with the list of problems rather than answer every request with a 500.
try {
  parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
