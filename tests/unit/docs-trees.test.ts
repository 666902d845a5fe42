import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps the trees in the docs honest: every path they name must exist (the README's short "Where things
 * live", the full "Project tree" in docs/architecture.md, and the emulator's "Files", from emulator/). The tree is a fenced block of
 * lines `<indent><path> [<path>…]  <description>`. A path token contains a `/` or ends in a file extension;
 * the first other word starts the description. A line holding one directory (`app/`) is the parent of the
 * more-indented lines below it (so a description's continuation line must not start with a path). On one line, a bare name (`page.tsx`) sits next to the line's first path,
 * `a|b` names both, and `…` stands for "more in this folder".
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

export function treeBlock(markdown: string, heading: string) {
  const section = markdown.split(new RegExp(`^## ${heading}$`, 'm'))[1];
  const block = section?.match(/```\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error(`no fenced block under "## ${heading}"`);
  return block;
}

/** Files without an extension that the tree may name. */
const BARE_FILES = new Set(['Dockerfile', '.dockerignore', 'LICENSE']);
const isPathToken = (token: string) =>
  BARE_FILES.has(token) || (/^[\w.@\-[\]|/…]+$/.test(token) && (token.includes('/') || /\.[a-z]{2,4}$/.test(token)));

/** `api/auth/login|logout/route.ts` → both routes. */
function expand(token: string): string[] {
  const segments = token.replace(/…$/, '').split('/');
  return segments.reduce<string[]>(
    (paths, segment) => paths.flatMap((prefix) => segment.split('|').map((part) => (prefix ? `${prefix}/${part}` : part))),
    [''],
  );
}

export function treePaths(block: string): string[] {
  const parents: Array<{ indent: number; dir: string }> = [];
  const paths: string[] = [];
  for (const line of block.split('\n')) {
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    while (parents.length && parents.at(-1)!.indent >= indent) parents.pop();
    const parent = parents.at(-1)?.dir ?? '';
    const tokens = line.trim().split(/\s+/);
    const named: string[] = [];
    for (const token of tokens) {
      if (!isPathToken(token)) break;
      named.push(token);
    }
    if (!named.length) continue; // A continuation of the description above.
    const firstDir = path.posix.dirname(named[0]!);
    for (const [index, token] of named.entries()) {
      const base = index > 0 && !token.includes('/') && firstDir !== '.' ? path.posix.join(parent, firstDir) : parent;
      for (const expanded of expand(token)) paths.push(path.posix.join(base, expanded));
    }
    if (named.length === 1 && named[0]!.endsWith('/')) parents.push({ indent, dir: path.posix.join(parent, named[0]!) });
  }
  return paths;
}

const TREES = [
  { file: 'README.md', heading: 'Where things live', atLeast: 10, base: '' },
  { file: 'docs/architecture.md', heading: 'Project tree', atLeast: 30, base: '' },
  { file: 'emulator/README.md', heading: 'Files', atLeast: 20, base: 'emulator' },
];

describe.each(TREES)('the tree in $file', ({ file, heading, atLeast, base }) => {
  const paths = treePaths(treeBlock(readFileSync(path.join(ROOT, file), 'utf8'), heading));

  it('is parsed into the paths it names', () => {
    expect(paths.length).toBeGreaterThanOrEqual(atLeast);
  });

  it('names only paths that exist', () => {
    expect(paths.filter((named) => !existsSync(path.join(ROOT, base, named)))).toEqual([]);
  });
});

describe('the full project tree', () => {
  it('nests paths under their folders and expands alternatives', () => {
    const paths = treePaths(treeBlock(readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8'), 'Project tree'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'proxy.ts',
        'app/page.tsx',
        'app/api/auth/login/route.ts',
        'app/api/auth/logout/route.ts',
        'lib/server/runway/avatars.ts',
      ]),
    );
  });
});

describe('treePaths', () => {
  it('nests, expands alternatives, resolves names beside a path, and skips description lines', () => {
    const block = [
      'app/',
      '  layout.tsx page.tsx     the shell',
      '  api/a|b/route.ts        two routes',
      '  api/emulator/…          more',
      'lib/',
      '  server/runway/x.ts  y.ts  wire format',
      '                         → app types',
      'README.md  docs',
    ].join('\n');
    expect(treePaths(block)).toEqual([
      'app/',
      'app/layout.tsx',
      'app/page.tsx',
      'app/api/a/route.ts',
      'app/api/b/route.ts',
      'app/api/emulator/',
      'lib/',
      'lib/server/runway/x.ts',
      'lib/server/runway/y.ts',
      'README.md',
    ]);
  });
});
