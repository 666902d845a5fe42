import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyEdit,
  applyRecipe,
  changedCode,
  copyRepository,
  countLines,
  DOC,
  lint,
  parseRecipes,
  startNextBuild,
  typecheck,
  unreachableFiles,
  WORK_DIR,
} from './recipes';

/**
 * docs/customizing.md's removal recipes, run as the doc writes them, each on its own copy of the repository:
 * what is left must type-check (the app: tsconfig.build.json, which leaves out tests/ and scripts/), pass
 * ESLint in every file the recipe wrote or edited (an import left unused), and hold no file under app/,
 * components/ or lib/ that nothing loads any more (dead code the recipe forgot). The minimal recipe must also
 * pass `next build`, and leave as many lines as the doc says. Its build (the longest check) runs while the
 * other recipes type-check, one after another: two processes at a time.
 */

const markdown = readFileSync(DOC, 'utf8');
const recipes = parseRecipes(markdown);
const TYPECHECKED = ['emulator', 'avatar-management', 'history-usage', 'backend-tools'];

/** A figure from the doc's line-count table: `| <label> | 12,345 |`. */
function statedLines(label: string) {
  const figure = new RegExp(`^\\| ${label} \\| ([\\d,]+) \\|`, 'm').exec(markdown)?.[1];
  if (!figure) throw new Error(`docs/customizing.md has no "| ${label} | <lines> |" row`);
  return Number(figure.replaceAll(',', ''));
}

describe('the removal recipes of docs/customizing.md', () => {
  let deadInFullApp: string[];
  let fullLines: number;
  const minimalDir = path.join(WORK_DIR, 'minimal');
  let minimal: { lines: number; dead: string[]; build: ReturnType<typeof startNextBuild> } | { error: unknown };

  beforeAll(() => {
    const full = path.join(WORK_DIR, 'full');
    copyRepository(full);
    // A file nothing in the app loads on purpose (a module for other sites' pages) is not a recipe's doing.
    deadInFullApp = unreachableFiles(full);
    fullLines = countLines(full);
    rmSync(full, { recursive: true, force: true });
    try {
      copyRepository(minimalDir);
      applyRecipe(minimalDir, recipes, 'minimal');
      lint(minimalDir, changedCode(minimalDir));
      const dead = unreachableFiles(minimalDir).filter((file) => !deadInFullApp.includes(file));
      const build = startNextBuild(minimalDir, { ADMIN_PASSWORD: 'recipe-check-password', RUNWAYML_API_SECRET: 'key_recipe_check' });
      minimal = { lines: countLines(minimalDir), dead, build };
    } catch (error) {
      minimal = { error };
    }
  }, 120_000);

  afterAll(() => {
    if ('build' in minimal) minimal.build.stop();
    rmSync(WORK_DIR, { recursive: true, force: true });
  });

  it('are the five the doc describes, and the doc gives the full starter’s size', () => {
    expect([...recipes.keys()].sort()).toEqual([...TYPECHECKED, 'minimal'].sort());
    expect(recipes.get('minimal')!.after).toBe('backend-tools');
    // Within 10 %: the starter grows, and the doc's figure must follow it.
    expect(fullLines, 'lines in app/, components/ and lib/ of the full starter').toBeGreaterThan(statedLines('The full starter') * 0.9);
    expect(fullLines, 'lines in app/, components/ and lib/ of the full starter').toBeLessThan(statedLines('The full starter') * 1.1);
  });

  it.each(TYPECHECKED)(
    '%s leaves an app that type-checks and lints, with no dead file',
    (id) => {
      const dir = path.join(WORK_DIR, id);
      copyRepository(dir);
      applyRecipe(dir, recipes, id);
      expect(unreachableFiles(dir).filter((file) => !deadInFullApp.includes(file))).toEqual([]);
      lint(dir, changedCode(dir));
      typecheck(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    300_000,
  );

  it('minimal leaves the call page and its route: they lint and build, with no dead file, in the lines the doc says', async () => {
    if ('error' in minimal) throw minimal.error;
    expect(minimal.dead).toEqual([]);
    // A few percent of headroom over the doc's figure, and not far under it: either way the doc is stale.
    const stated = statedLines('After the minimal recipe');
    expect(minimal.lines, 'lines in app/, components/ and lib/ after the minimal recipe').toBeLessThanOrEqual(stated * 1.05);
    expect(minimal.lines, 'lines in app/, components/ and lib/ after the minimal recipe').toBeGreaterThan(stated * 0.9);
    await minimal.build.done;
    const manifest = readFileSync(path.join(minimalDir, '.next/app-path-routes-manifest.json'), 'utf8');
    // Next's own pages (/_not-found, /_global-error) aside, what the doc's table lists.
    const routes = Object.values(JSON.parse(manifest) as Record<string, string>).filter((route) => !route.startsWith('/_'));
    expect(routes.sort()).toEqual(['/', '/api/avatar/session', '/api/bot-check', '/api/health', '/icon.svg']);
  }, 600_000);
});

describe('the recipe machinery', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'recipe-edit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on an edit whose text is gone or twice in the file', () => {
    writeFileSync(path.join(dir, 'a.ts'), 'const a = 1;\nconst b = 1;\n');
    expect(() => applyEdit(dir, { file: 'a.ts', hunks: [{ before: 'const c = 1;', after: '' }] })).toThrow(/occurs 0 times/);
    expect(() => applyEdit(dir, { file: 'a.ts', hunks: [{ before: ' = 1;', after: '' }] })).toThrow(/occurs 2 times/);
    applyEdit(dir, { file: 'a.ts', hunks: [{ before: 'const b = 1;\n', after: '' }] });
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('const a = 1;\n');
  });

  it('reads a recipe from fenced blocks: its commands, its edits, and the recipe it starts from', () => {
    const recipe = parseRecipes(
      [
        '```sh demo after=base',
        'git rm -q a.ts',
        '```',
        '',
        '```diff demo',
        '--- b.ts',
        ' keep',
        '-old',
        '+new',
        '@@',
        '-gone',
        '```',
      ].join('\n'),
    ).get('demo');
    expect(recipe).toEqual({
      id: 'demo',
      after: 'base',
      commands: ['git rm -q a.ts\n'],
      edits: [
        {
          file: 'b.ts',
          hunks: [
            { before: 'keep\nold', after: 'keep\nnew' },
            { before: 'gone', after: '' },
          ],
        },
      ],
    });
  });

  it('finds a file nothing loads any more', () => {
    for (const folder of ['app', 'lib']) mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, 'app/page.tsx'), "import { a } from '@/lib/a';\nimport './page.css';\nexport default a;\n");
    writeFileSync(path.join(dir, 'app/page.css'), '');
    writeFileSync(path.join(dir, 'lib/a.ts'), "export { b as a } from './b';\n");
    writeFileSync(path.join(dir, 'lib/b.ts'), 'export const b = 1;\n');
    writeFileSync(path.join(dir, 'lib/dead.ts'), "export { b } from './b';\n");
    expect(unreachableFiles(dir)).toEqual(['lib/dead.ts']);
    expect(countLines(dir)).toBe(6);
  });
});
