import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  nextBuild,
  parseRecipes,
  typecheck,
  unreachableFiles,
  WORK_DIR,
} from './recipes';

/**
 * docs/customizing.md's removal recipes, run as the doc writes them, each on its own copy of the repository:
 * what is left must type-check (the app: tsconfig.build.json, which leaves out tests/ and scripts/), pass
 * ESLint in every file the recipe wrote or edited (an import left unused), and hold no file under app/,
 * components/ or lib/ that nothing loads any more (dead code the recipe forgot). The minimal recipe must also
 * pass `next build`, and leave as many lines as the doc says. One after another: a check is one CPU-bound
 * process, and the other test worker keeps the second core.
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

  beforeAll(() => {
    const full = path.join(WORK_DIR, 'full');
    copyRepository(full);
    // A file nothing in the app loads on purpose (a module for other sites' pages) is not a recipe's doing.
    deadInFullApp = unreachableFiles(full);
    // Within 10 %: the starter grows, and the doc's figure must follow it.
    const lines = countLines(full);
    expect(lines, 'lines in app/, components/ and lib/ of the full starter').toBeGreaterThan(statedLines('The full starter') * 0.9);
    expect(lines, 'lines in app/, components/ and lib/ of the full starter').toBeLessThan(statedLines('The full starter') * 1.1);
  }, 120_000);

  afterAll(() => rmSync(WORK_DIR, { recursive: true, force: true }));

  it('are the five the doc describes', () => {
    expect([...recipes.keys()].sort()).toEqual([...TYPECHECKED, 'minimal'].sort());
    expect(recipes.get('minimal')!.after).toBe('backend-tools');
  });

  it.each(TYPECHECKED)('%s leaves an app that type-checks and lints, with no dead file', (id) => {
    const dir = path.join(WORK_DIR, id);
    copyRepository(dir);
    applyRecipe(dir, recipes, id);
    expect(unreachableFiles(dir).filter((file) => !deadInFullApp.includes(file))).toEqual([]);
    lint(dir, changedCode(dir));
    typecheck(dir);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('minimal leaves the call page and its route: they build, with no dead file, in the lines the doc says', () => {
    const dir = path.join(WORK_DIR, 'minimal');
    copyRepository(dir);
    applyRecipe(dir, recipes, 'minimal');
    expect(unreachableFiles(dir).filter((file) => !deadInFullApp.includes(file))).toEqual([]);
    lint(dir, changedCode(dir));
    // A few percent of headroom over the doc's figure, and not far under it: either way the doc is stale.
    const lines = countLines(dir);
    expect(lines, 'lines in app/, components/ and lib/ after the minimal recipe').toBeLessThanOrEqual(statedLines('After the minimal recipe') * 1.05);
    expect(lines, 'lines in app/, components/ and lib/ after the minimal recipe').toBeGreaterThan(statedLines('After the minimal recipe') * 0.9);
    nextBuild(dir, { ADMIN_PASSWORD: 'recipe-check-password', RUNWAYML_API_SECRET: 'key_recipe_check' });
    expect(readFileSync(path.join(dir, '.next/app-path-routes-manifest.json'), 'utf8')).toContain('/api/avatar/session');
  }, 600_000);
});

describe('a recipe that no longer matches the code', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'recipe-edit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on an edit whose text is gone or twice in the file', () => {
    writeFileSync(path.join(dir, 'a.ts'), 'const a = 1;\nconst b = 1;\n');
    expect(() => applyEdit(dir, { file: 'a.ts', hunks: [{ before: 'const c = 1;', after: '' }] })).toThrow(/occurs 0 times/);
    expect(() => applyEdit(dir, { file: 'a.ts', hunks: [{ before: ' = 1;', after: '' }] })).toThrow(/occurs 2 times/);
    applyEdit(dir, { file: 'a.ts', hunks: [{ before: 'const b = 1;\n', after: '' }] });
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('const a = 1;\n');
  });
});
