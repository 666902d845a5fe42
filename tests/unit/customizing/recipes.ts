import { execFileSync, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The removal recipes of docs/customizing.md, read from the doc itself so the doc is what the test runs. A
 * recipe is the fenced blocks tagged with its id: ```sh <id> (shell commands, run in a copy of the
 * repository that is a git repository) and ```diff <id> (exact edits: `--- <file>`, then hunks of context
 * ` `, removed `-` and added `+` lines, separated by `@@`; each hunk's old text must occur exactly once).
 */

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const DOC = path.join(ROOT, 'docs/customizing.md');
/** Inside the repository (gitignored), so packages resolve from its node_modules: Turbopack follows no symlink out. */
export const WORK_DIR = path.join(ROOT, '.bench/recipes');

export interface Hunk {
  before: string;
  after: string;
}
export interface FileEdit {
  file: string;
  hunks: Hunk[];
}
export interface Recipe {
  id: string;
  /** The recipe this one starts from (applied and committed first). */
  after?: string;
  commands: string[];
  edits: FileEdit[];
}

const FENCE = /^```(sh|diff) ([\w-]+)(?: after=([\w-]+))?\n([\s\S]*?)^```$/gm;

export function parseDiff(block: string): FileEdit[] {
  const edits: FileEdit[] = [];
  let hunk: { before: string[]; after: string[] } | undefined;
  const close = () => {
    const edit = edits.at(-1);
    if (edit && hunk && (hunk.before.length || hunk.after.length))
      edit.hunks.push({ before: hunk.before.join('\n'), after: hunk.after.join('\n') });
    hunk = { before: [], after: [] };
  };
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('--- ')) {
      close();
      edits.push({ file: line.slice(4).trim(), hunks: [] });
      hunk = { before: [], after: [] };
    } else if (line === '@@') close();
    else if (!hunk) throw new Error(`a diff must start with "--- <file>", not: ${line}`);
    else if (line.startsWith('-')) hunk.before.push(line.slice(1));
    else if (line.startsWith('+')) hunk.after.push(line.slice(1));
    else if (line.startsWith(' ') || line === '') {
      hunk.before.push(line.slice(1));
      hunk.after.push(line.slice(1));
    } else throw new Error(`a diff line starts with " ", "-", "+", "@@" or "--- ", not: ${line}`);
  }
  close();
  return edits;
}

export function parseRecipes(markdown: string): Map<string, Recipe> {
  const recipes = new Map<string, Recipe>();
  for (const [, kind, id, after, body] of markdown.matchAll(FENCE)) {
    const recipe = recipes.get(id!) ?? { id: id!, commands: [], edits: [] };
    if (after) recipe.after = after;
    if (kind === 'sh') recipe.commands.push(body!);
    else recipe.edits.push(...parseDiff(body!));
    recipes.set(id!, recipe);
  }
  return recipes;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=recipes', '-c', 'user.email=recipes@localhost', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });

/**
 * The repository as it stands (tracked and new files, not ignored ones, no lockfile: Turbopack takes the
 * folder holding the nearest lockfile as its root, and must take the repository's to reach node_modules),
 * committed in a fresh git repository so a recipe's `git rm` and `git checkout` work as they would for a
 * cloner.
 */
export function copyRepository(dest: string) {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((file) => file && file !== 'package-lock.json' && existsSync(path.join(ROOT, file)));
  for (const file of new Set(files)) cpSync(path.join(ROOT, file), path.join(dest, file));
  git(dest, 'init', '-q');
  git(dest, 'add', '-A');
  git(dest, 'commit', '-q', '--no-verify', '-m', 'the starter');
}

export function applyEdit(dir: string, edit: FileEdit) {
  const file = path.join(dir, edit.file);
  let text = readFileSync(file, 'utf8');
  for (const hunk of edit.hunks) {
    const found = text.split(hunk.before).length - 1;
    if (found !== 1) throw new Error(`${edit.file}: the text to replace occurs ${found} times, not once:\n${hunk.before}`);
    text = text.replace(hunk.before, () => hunk.after);
  }
  writeFileSync(file, text);
}

/** Applies the recipe, and first (committed, as the doc asks) the one it starts from. */
export function applyRecipe(dir: string, recipes: Map<string, Recipe>, id: string) {
  const recipe = recipes.get(id);
  if (!recipe) throw new Error(`docs/customizing.md has no recipe "${id}"`);
  if (recipe.after) {
    applyRecipe(dir, recipes, recipe.after);
    git(dir, 'commit', '-q', '--no-verify', '-am', `the ${recipe.after} recipe`);
  }
  for (const commands of recipe.commands) {
    try {
      execFileSync('bash', ['-euo', 'pipefail', '-c', commands], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      throw new Error(`${id}: the commands failed:\n${commands}\n${(error as { stderr?: string }).stderr ?? ''}`);
    }
  }
  for (const edit of recipe.edits) applyEdit(dir, edit);
}

/** The files under app/, components/ and lib/, relative to `dir`. */
export function appFiles(dir: string): string[] {
  return ['app', 'components', 'lib'].flatMap((folder) =>
    existsSync(path.join(dir, folder))
      ? (readdirSync(path.join(dir, folder), { recursive: true, encoding: 'utf8' }) as string[])
          .map((file) => path.posix.join(folder, file.split(path.sep).join('/')))
          .filter((file) => statSync(path.join(dir, file)).isFile())
          .sort()
      : [],
  );
}

/** The measure the doc quotes: every line of every file under app/, components/ and lib/. */
export function countLines(dir: string) {
  return appFiles(dir).reduce((sum, file) => sum + (readFileSync(path.join(dir, file), 'utf8').match(/\n/g)?.length ?? 0), 0);
}

/** Files Next.js loads by their name: the entry points of the app. */
const CONVENTION =
  /^app\/(?:.*\/)?(?:(?:page|layout|route|error|global-error|not-found|forbidden|unauthorized|loading|template|default|robots|sitemap|manifest)\.tsx?|(?:icon|apple-icon|favicon|opengraph-image|twitter-image)\.\w+)$/;
const ROOT_ENTRIES = ['proxy.ts', 'next.config.ts', 'instrumentation.ts'];

/**
 * The files under app/, components/ and lib/ that nothing loads: no entry point reaches them through
 * `@/…` or relative imports (read as text, CSS and JSON included). A recipe that leaves one has left dead code.
 */
export function unreachableFiles(dir: string): string[] {
  const files = appFiles(dir);
  const known = new Set([...files, ...ROOT_ENTRIES.filter((file) => existsSync(path.join(dir, file))), 'instrumentation-node.ts']);
  const resolve = (from: string, specifier: string) => {
    const base = specifier.startsWith('@/')
      ? specifier.slice(2)
      : specifier.startsWith('.')
        ? path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
        : undefined;
    if (base === undefined) return undefined;
    return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => known.has(candidate));
  };
  const seen = new Set<string>();
  const queue = [...files.filter((file) => CONVENTION.test(file)), ...ROOT_ENTRIES.filter((file) => known.has(file))];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx)$/.test(file) || !existsSync(path.join(dir, file))) continue;
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const match of source.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    )) {
      const target = resolve(file, match[1] ?? match[2] ?? match[3]!);
      if (target) queue.push(target);
    }
  }
  return files.filter((file) => !seen.has(file));
}

/** The code files a recipe wrote, edited or moved (not the ones it deleted): where it can leave an unused import. */
export function changedCode(dir: string) {
  git(dir, 'add', '-A');
  const base = git(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
  return git(dir, 'diff', '--cached', '--name-only', '--diff-filter=AMR', base)
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs)$/.test(file));
}

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const ESLINT = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
const NEXT = path.join(ROOT, 'node_modules/next/dist/bin/next');

/** Runs a tool in `dir`; its output is the error when it fails. */
export function run(dir: string, command: string[]) {
  try {
    execFileSync(process.execPath, command, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${path.basename(command[0]!)} ${command.slice(1).join(' ')} failed in ${path.relative(ROOT, dir)}:\n${stdout}${stderr}`,
    );
  }
}

export const typecheck = (dir: string) => run(dir, [TSC, '--noEmit', '-p', 'tsconfig.build.json']);
export const lint = (dir: string, files: string[]) => files.length && run(dir, [ESLINT, '--max-warnings=0', ...files]);
/**
 * Starts `next build` (which type-checks the app too), for the caller to await while it does other work; its
 * output goes to a file, so nothing waits on a pipe. Not inside a git repository of its own: Next stops
 * looking for the workspace root (the repository's lockfile and node_modules) at one.
 */
export function startNextBuild(dir: string, env: Record<string, string>) {
  rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  const log = path.join(dir, 'next-build.log');
  const output = openSync(log, 'w');
  const child = spawn(process.execPath, [NEXT, 'build'], {
    cwd: dir,
    stdio: ['ignore', output, output],
    // As `next build` sets it itself: not vitest's 'test'.
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  closeSync(output);
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `next build ${signal ? `was stopped (${signal})` : 'failed'} in ${path.relative(ROOT, dir)}:\n${readFileSync(log, 'utf8')}`,
            ),
          ),
    );
  });
  // Awaited later by the caller; until then a failure must not count as unhandled.
  done.catch(() => undefined);
  /** Stops this build (only this process) if it still runs: a test run that ends early leaves nothing behind. */
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return { done, stop };
}
