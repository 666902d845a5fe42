import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPublicPath } from '@/lib/auth/access-policy';
import { appFiles, toEndpointPath } from '@/tests/unit/route-files';

/**
 * Every page under app/ that lib/auth/access-policy.ts does not make public starts with its own admin check
 * (requireAdminPage), not a layout's: Next renders a page beside its layout, so a layout's redirect does not
 * stop the page. Found on disk, so a page added later is held to it. tests/e2e/outsider/ proves the
 * behaviour against the production build.
 */

const APP_DIR = path.resolve(import.meta.dirname, '../../../app');

function pages() {
  return appFiles('page').map((file) => ({
    file,
    pathname: toEndpointPath(file).pathname,
    source: readFileSync(path.join(APP_DIR, file), 'utf8'),
  }));
}

describe('admin pages', () => {
  it('are found, public and admin alike (the scan is not vacuous)', () => {
    const found = pages();
    expect(found.filter((page) => isPublicPath(page.pathname)).map((page) => page.file)).toEqual(
      expect.arrayContaining(['page.tsx', 'login/page.tsx']),
    );
    expect(found.filter((page) => !isPublicPath(page.pathname)).length).toBeGreaterThanOrEqual(9);
  });

  it('each check the admin themselves before anything else', () => {
    for (const page of pages().filter(({ pathname }) => !isPublicPath(pathname))) {
      const body = page.source.slice(page.source.indexOf('export default async function'));
      expect(body, page.file).toMatch(
        /^export default async function \w+\([^)]*\)[^{]*\{\s*(const \{ \w+ \} = await params;\s*)?await requireAdminPage\(/,
      );
    }
  });

  it('have no layout standing in for a page’s check', () => {
    const layouts = (readdirSync(APP_DIR, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) =>
      /(^|[\\/])layout\.tsx?$/.test(file),
    );
    for (const layout of layouts) expect(readFileSync(path.join(APP_DIR, layout), 'utf8'), layout).not.toMatch(/redirect\(/);
  });
});
