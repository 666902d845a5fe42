import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The READMEs and docs (the app's and the emulator's) name files, npm scripts and environment variables in
 * `code spans`. Each name must still exist, so a rename or a deletion fails here instead of leaving the docs
 * quietly wrong.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const markdownIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${dir}/${name}`);
const DOCS = ['README.md', ...markdownIn('docs'), 'emulator/README.md', ...markdownIn('emulator/docs')];
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
const basenames = new Set(tracked.map((file) => path.posix.basename(file)));
const scripts = Object.keys(
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts,
);
const CODE = /\.(ts|tsx|mts|mjs|js|sh|yml|json)$|^Dockerfile$|^\.ci\/run$/;
const source = tracked
  .filter((file) => CODE.test(file) && !file.startsWith('tests/unit/docs-references'))
  .map((file) => readFileSync(path.join(ROOT, file), 'utf8'))
  .join('\n');

const FILE = /^\.?[\w@\-[\]./]*\.(ts|tsx|mts|mjs|json|md|css|png|svg|wav|ivf|sh|yml|mjs)$/;
/** Environment variables set by the platform or the tooling, not read by name in this repository. */
const EXTERNAL_ENV = new Set(['NODE_ENV', 'PATH', 'HOME']);

/**
 * A path from the root, from docs/, a URL path the app serves from public/, the tail of a longer path
 * (`emulator/index.ts` in a section about lib/server/runway/), or a bare file name found anywhere.
 */
function fileExists(file: string) {
  if (file.startsWith('/')) return existsSync(path.join(ROOT, 'public', file));
  if (!file.includes('/')) return basenames.has(file);
  const trimmed = file.replace(/\/$/, '');
  return (
    existsSync(path.join(ROOT, trimmed)) ||
    existsSync(path.join(ROOT, 'docs', trimmed)) ||
    tracked.some((tracked) => tracked.includes(`/${trimmed}`))
  );
}

function spans(markdown: string) {
  // Fenced blocks are examples and trees (the tree test checks those); inline spans are references.
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim());
}

function problems(doc: string) {
  const found: string[] = [];
  for (const span of spans(readFileSync(path.join(ROOT, doc), 'utf8'))) {
    for (const script of span.matchAll(/\bnpm (?:run )?([\w:-]+)(?![…\w:])/g)) {
      const name = script[1]!;
      // `npm install` and `npm ci` are npm's own commands; every other name must be a script here.
      if (!['install', 'ci'].includes(name) && !scripts.includes(name)) found.push(`script ${name}`);
    }
    for (const variable of span.matchAll(/\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g)) {
      const name = variable[1]!;
      if (!EXTERNAL_ENV.has(name) && !source.includes(name)) found.push(`env ${name}`);
    }
    const file = span.replace(/[#:].*$/, '').replace(/\/…$/, '/');
    // `.md` or `.d.ts` alone is a file type, not a file; `<id>` and `*` are patterns.
    if (FILE.test(file) && !/^(\.[a-z]+)+$/.test(file) && !/[<*]/.test(file) && !fileExists(file)) found.push(`file ${file}`);
  }
  return found;
}

describe.each(DOCS)('%s', (doc) => {
  it('names only files, npm scripts and environment variables that exist', () => {
    expect(problems(doc)).toEqual([]);
  });
});
