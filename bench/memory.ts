/**
 * Retained heap per unfinished job: a fleet of many jobs, each fed a short
 * realistic history as JSON text, against the same jobs as live xstate
 * actors of the job machine fed the same inputs.
 */
import { createActor } from 'xstate';
import {
  jobSpec,
  makeEvent,
  statusUpdateDetail,
  type GeneratedEvent,
  type JobSpec,
} from './events.js';
import type { Library } from './library.js';
import { createRandom, type Random } from './random.js';
import { collectGarbage } from './stats.js';

/** The figures of one retained-heap measurement. */
export interface HeapFigures {
  readonly jobs: number;
  /** Heap growth after filling and collecting, in bytes. */
  readonly retainedBytes: number;
  /** `retainedBytes / jobs`. */
  readonly bytesPerJob: number;
  /** How long filling took, in milliseconds. */
  readonly fillMs: number;
}

/** The unfinished history each job gets: PROGRESSING, then a STATUS_UPDATE in TRANSCODING. */
function history(random: Random, index: number): [JobSpec, GeneratedEvent, GeneratedEvent] {
  const start = Date.UTC(2026, 2, 2, 9, 0, 0) + index * 50;
  const job = jobSpec(random, index, start);
  const progressing = makeEvent(random, job, 'PROGRESSING', start, {});
  const detail = statusUpdateDetail(37, 25);
  const update = makeEvent(random, job, 'STATUS_UPDATE', start + 60_000, detail);
  return [job, progressing, update];
}

/**
 * Measures the heap a subject retains for `jobs` jobs. The texts are made
 * one job at a time and dropped after use, so only what the subject keeps
 * is counted.
 */
function measure(
  jobs: number,
  seed: number,
  fill: (texts: readonly string[]) => void,
  keep: () => number,
): HeapFigures {
  const random = createRandom(seed);
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  for (let i = 0; i < jobs; i++) {
    const [, progressing, update] = history(random, i);
    fill([JSON.stringify(progressing.event), JSON.stringify(update.event)]);
  }
  const fillMs = performance.now() - start;
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  // Read the subject after measuring, so it is certainly alive until then.
  if (keep() !== jobs) throw new Error(`Expected ${jobs} jobs to be held, found ${keep()}.`);
  const retainedBytes = after - before;
  return { jobs, retainedBytes, bytesPerJob: retainedBytes / jobs, fillMs };
}

/**
 * Retained heap of a fleet holding `jobs` unfinished jobs, each fed its
 * PROGRESSING and STATUS_UPDATE events as JSON text.
 *
 * @example
 * ```ts
 * const { bytesPerJob } = measureFleetHeap(await loadLibrary(), 100_000);
 * ```
 */
export function measureFleetHeap(lib: Library, jobs: number): HeapFigures {
  let fleet: ReturnType<Library['createJobFleet']> | null = lib.createJobFleet();
  const figures = measure(
    jobs,
    7,
    (texts) => {
      for (const text of texts) fleet?.ingest(text);
    },
    () => fleet?.size ?? 0,
  );
  fleet = null;
  return figures;
}

/**
 * Retained heap of the same jobs as started xstate actors of `jobMachine`,
 * each sent the inputs the adapters make of the same two events.
 *
 * @example
 * ```ts
 * const { bytesPerJob } = measureActorHeap(await loadLibrary(), 100_000);
 * ```
 */
export function measureActorHeap(lib: Library, jobs: number): HeapFigures {
  let actors: ReturnType<typeof createActor<Library['jobMachine']>>[] = [];
  const figures = measure(
    jobs,
    7,
    (texts) => {
      const first = lib.parseEvent(texts[0]);
      const jobId = first.kind === 'input' ? first.input.jobId : null;
      const actor = createActor(lib.jobMachine, { input: { jobId } }).start();
      for (const text of texts) {
        const item = lib.parseEvent(text);
        if (item.kind === 'input') actor.send(item.input);
      }
      actors.push(actor);
    },
    () => actors.filter((a) => a.getSnapshot().context.status === 'PROGRESSING').length,
  );
  for (const actor of actors) actor.stop();
  actors = [];
  return figures;
}
