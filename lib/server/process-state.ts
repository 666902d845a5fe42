import 'server-only';

/**
 * State that must be one per server process. Next bundles each route separately, so a plain module-level
 * variable exists once per route bundle; and `next dev` re-evaluates modules on every hot reload.
 */
export function processState<T>(name: string, create: () => T): T {
  const store = globalThis as typeof globalThis & { [key: symbol]: unknown };
  const key = Symbol.for(`runway-characters-starter:${name}`);
  return (store[key] ??= create()) as T;
}
