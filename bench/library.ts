/**
 * Loads the built package from dist/, so every figure is what users of the
 * published package get. The types come from the sources it is built from.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The public API of the core entry point. */
export type Library = typeof import('../src/index.js');

/** Where the built core entry point lives. */
export const DIST_ENTRY = new URL('../dist/index.js', import.meta.url);

/**
 * Imports the built core entry point.
 *
 * @throws Error when the package has not been built.
 * @example
 * ```ts
 * const { createJobFleet } = await loadLibrary();
 * ```
 */
export async function loadLibrary(): Promise<Library> {
  if (!existsSync(DIST_ENTRY)) {
    throw new Error(`${fileURLToPath(DIST_ENTRY)} is missing: run "npm run build" first.`);
  }
  const loaded: unknown = await import(DIST_ENTRY.href);
  return loaded as Library;
}
