import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const REGISTER = fileURLToPath(new URL('./probe/register.mjs', import.meta.url));
const LOAD = fileURLToPath(new URL('./probe/load.mjs', import.meta.url));

/** Modules of the AWS SDK (`@aws-sdk/*`) and of the runtime it is built on (`@smithy/*`). */
export const AWS_SDK_MODULE = /(?:^|[/\\])@(?:aws-sdk|smithy)[/\\]/;

/** What a fresh Node.js process loaded to import one module. */
export interface LoadedModules {
  /** Specifiers and URLs resolved through the ESM loader, as `specifier<TAB>url`. */
  readonly esm: readonly string[];
  /** Files in `require.cache` once the import finished. */
  readonly cjs: readonly string[];
}

/**
 * Imports `target` (a path relative to the repository root) in a fresh
 * Node.js process, with tsx when `typescript` is set, and lists
 * every module it loaded.
 *
 * @example
 * ```ts
 * const { esm, cjs } = loadedModules('src/index.ts', { typescript: true });
 * ```
 */
export function loadedModules(target: string, options: { typescript: boolean }): LoadedModules {
  const dir = mkdtempSync(join(tmpdir(), 'module-probe-'));
  const log = join(dir, 'resolved.log');
  try {
    const tsx = options.typescript ? ['--import', 'tsx'] : [];
    const args = [...tsx, '--import', REGISTER, LOAD, join(ROOT, target)];
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, MODULE_LOG: log },
      timeout: 60_000,
    });
    if (result.status !== 0) {
      throw new Error(`Loading ${target} failed (${String(result.status)}):\n${result.stderr}`);
    }
    const report = JSON.parse(result.stdout) as { cjs: string[] };
    let esm: string[] = [];
    try {
      esm = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
    } catch {
      esm = [];
    }
    return { esm, cjs: report.cjs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
