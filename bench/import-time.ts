/**
 * Import time of the core entry point against `xstate` alone, each in fresh
 * child processes. Inside each child the ES module loader is started first
 * (by importing an empty module), then the one import is timed, so the
 * figure is what the module itself costs: resolving, reading, compiling and
 * running it and everything it imports. The CPU time of that import, and
 * the wall-clock spawn times less the spawn time of a bare `node`, are
 * reported beside it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DIST_ENTRY } from './library.js';
import { median } from './stats.js';

/**
 * What one child does: start the loader, time one import, print the
 * elapsed and the CPU milliseconds.
 */
function childScript(specifier: string | null): string {
  const load = specifier === null ? '' : `await import(${JSON.stringify(specifier)});`;
  return [
    "await import('data:text/javascript,');",
    'const cpu = process.cpuUsage();',
    'const start = performance.now();',
    load,
    'const elapsed = performance.now() - start;',
    'const used = process.cpuUsage(cpu);',
    'process.stdout.write(`${elapsed} ${(used.user + used.system) / 1000}`);',
  ].join('\n');
}

interface Sample {
  /** The import as timed inside the child, in milliseconds. */
  readonly inside: number;
  /** The CPU time of the child (all its threads) during the import, in milliseconds. */
  readonly cpu: number;
  /** The whole child process, spawn to exit, in milliseconds. */
  readonly wall: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sample(specifier: string | null): Sample {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(specifier)], {
    cwd: ROOT,
    encoding: 'utf8',
    // No loader hooks or flags of this process may reach the child.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const wall = performance.now() - start;
  if (child.status !== 0) {
    throw new Error(`Importing ${specifier ?? 'nothing'} failed: ${child.stderr.trim()}`);
  }
  const [inside, cpu] = child.stdout.split(' ').map(Number);
  if (inside === undefined || cpu === undefined || !Number.isFinite(inside + cpu)) {
    throw new Error(`Unexpected child output: ${child.stdout}`);
  }
  return { inside, cpu, wall };
}

/** The figures of the import benchmark. */
export interface ImportFigures {
  readonly samples: number;
  /** Median time to import the core entry point (which imports xstate), in ms. */
  readonly importMs: number;
  /** Median time to import `xstate` alone, in ms. */
  readonly xstateImportMs: number;
  /** `importMs / xstateImportMs`. */
  readonly importRatio: number;
  /** Median spawn-to-exit time of a child that imports nothing, in ms. */
  readonly bareWallMs: number;
  /** Median spawn-to-exit time of the core child, less `bareWallMs`. */
  readonly importWallMs: number;
  /** Median spawn-to-exit time of the xstate child, less `bareWallMs`. */
  readonly xstateWallMs: number;
  /** Median CPU time of the core import, in ms: less sensitive to other load. */
  readonly importCpuMs: number;
  /** Median CPU time of the xstate import, in ms. */
  readonly xstateCpuMs: number;
}

/**
 * Times the imports in `samples` rounds; each round spawns one bare child,
 * one xstate child and one core child, in a rotating order so that none of
 * them always runs first.
 *
 * @example
 * ```ts
 * const { importRatio } = measureImportTime(15);
 * ```
 */
export function measureImportTime(samples = 15): ImportFigures {
  const subjects = [null, 'xstate', DIST_ENTRY.href] as const;
  const results = new Map<string | null, Sample[]>(subjects.map((s) => [s, []]));
  // One unmeasured round warms the file system cache.
  for (const subject of subjects) sample(subject);
  for (let round = 0; round < samples; round++) {
    for (let k = 0; k < subjects.length; k++) {
      const subject = subjects[(round + k) % subjects.length] ?? null;
      results.get(subject)?.push(sample(subject));
    }
  }
  const of = (subject: string | null, pick: (s: Sample) => number): number =>
    median((results.get(subject) ?? []).map(pick));
  const bareWallMs = of(null, (s) => s.wall);
  const importMs = of(DIST_ENTRY.href, (s) => s.inside);
  const xstateImportMs = of('xstate', (s) => s.inside);
  return {
    samples,
    importMs,
    xstateImportMs,
    importRatio: importMs / xstateImportMs,
    bareWallMs,
    importWallMs: of(DIST_ENTRY.href, (s) => s.wall) - bareWallMs,
    xstateWallMs: of('xstate', (s) => s.wall) - bareWallMs,
    importCpuMs: of(DIST_ENTRY.href, (s) => s.cpu),
    xstateCpuMs: of('xstate', (s) => s.cpu),
  };
}
