import { parseEnv, startProblems } from '@/lib/env-schema';

// Exit with the list of problems rather than answer every request with a 500.
try {
  const problems = startProblems(parseEnv(process.env));
  if (problems.length) throw new Error(problems.join('\n'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
