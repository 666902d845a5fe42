import { parseEnv, startProblems } from '@/lib/env-schema';

// Exit with the list of problems rather than answer every request with a 500.
try {
  const problems = startProblems(parseEnv(process.env));
  if (problems.length) throw new Error(problems.join('\n'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

// Emulator mode: the media room listens from the start, next to the app.
const { startEmulatorRoom } = await import('@/lib/server/runway/client');
startEmulatorRoom().then(
  (port) => port && console.log(`Emulated media room listening on port ${port}`),
  (error: unknown) => console.error('The emulated media room could not start:', error instanceof Error ? error.message : error),
);
