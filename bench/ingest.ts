/**
 * Ingest throughput: the mixed stream through `createJobFleet().ingest(text)`
 * against bare `JSON.parse` plus a minimal hand-written reducer, measured in
 * alternating rounds on the same texts.
 */
import type { Library } from './library.js';
import { collectGarbage, median } from './stats.js';
import type { EventStream } from './stream.js';

/** What the baseline reducer keeps of a job. */
interface NaiveJob {
  status: string;
  percent: number | null;
}

/** The few fields of an event the baseline reads. */
interface NaiveEvent {
  readonly detail: {
    readonly jobId: string;
    readonly status: string;
    readonly jobProgress?: { readonly jobPercentComplete?: number | null };
  };
}

/**
 * The baseline: parse and reduce, ignoring order, duplicates, validation and
 * everything but status and percent. What an application might write by hand.
 */
function naiveReduce(texts: readonly string[]): Map<string, NaiveJob> {
  const jobs = new Map<string, NaiveJob>();
  for (const text of texts) {
    const parsed: unknown = JSON.parse(text);
    const { detail } = parsed as NaiveEvent;
    let job = jobs.get(detail.jobId);
    if (job === undefined) {
      job = { status: 'SUBMITTED', percent: null };
      jobs.set(detail.jobId, job);
    }
    switch (detail.status) {
      case 'PROGRESSING':
        job.status = 'PROGRESSING';
        break;
      case 'STATUS_UPDATE':
        job.status = 'PROGRESSING';
        job.percent = detail.jobProgress?.jobPercentComplete ?? job.percent;
        break;
      case 'COMPLETE':
      case 'ERROR':
      case 'CANCELED':
        job.status = detail.status;
        break;
      default:
        break;
    }
  }
  return jobs;
}

/** The figures of the ingest benchmark. */
export interface IngestFigures {
  readonly events: number;
  readonly rounds: number;
  /** Median events per second through the fleet. */
  readonly eventsPerSecond: number;
  /** Median events per second through the baseline. */
  readonly baselineEventsPerSecond: number;
  /** `eventsPerSecond / baselineEventsPerSecond`. */
  readonly ingestRatio: number;
  /** Every round's events per second, fleet and baseline. */
  readonly fleetRounds: readonly number[];
  readonly baselineRounds: readonly number[];
  /** How many jobs the fleet ended in the status their last event names. */
  readonly correctJobs: number;
  /** How many jobs the baseline ended in that status (it ignores order). */
  readonly baselineCorrectJobs: number;
  /** How many jobs the stream has. */
  readonly jobs: number;
  /** Outcomes of the last fleet round by kind (`applied`, `duplicate`, `stale`, ...). */
  readonly outcomes: ReadonlyMap<string, number>;
}

/** Options of {@link measureIngest}. */
export interface IngestOptions {
  /**
   * Rounds of each side thrown away before measuring.
   * @defaultValue 2
   */
  readonly warmup?: number;
  /**
   * Measured rounds of each side.
   * @defaultValue 7
   */
  readonly rounds?: number;
}

function timeRound(run: () => void, events: number): number {
  collectGarbage();
  const start = performance.now();
  run();
  const seconds = (performance.now() - start) / 1000;
  return events / seconds;
}

/**
 * Measures ingest throughput of a fleet against the baseline, alternating
 * the two so that both see the same machine load.
 *
 * @example
 * ```ts
 * const figures = measureIngest(await loadLibrary(), createEventStream());
 * figures.ingestRatio; // fleet events/s over baseline events/s
 * ```
 */
export function measureIngest(
  lib: Library,
  stream: EventStream,
  options: IngestOptions = {},
): IngestFigures {
  const { texts } = stream;
  const warmup = options.warmup ?? 2;
  const rounds = options.rounds ?? 7;
  let fleet = lib.createJobFleet();
  let naive = new Map<string, NaiveJob>();
  const outcomes = new Map<string, number>();

  const runFleet = (): void => {
    fleet = lib.createJobFleet();
    for (const text of texts) fleet.ingest(text);
  };
  const runNaive = (): void => {
    naive = naiveReduce(texts);
  };

  for (let i = 0; i < warmup; i++) {
    runNaive();
    runFleet();
  }
  const fleetRounds: number[] = [];
  const baselineRounds: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate which side goes first, so neither always follows the other's garbage.
    if (i % 2 === 0) {
      baselineRounds.push(timeRound(runNaive, texts.length));
      fleetRounds.push(timeRound(runFleet, texts.length));
    } else {
      fleetRounds.push(timeRound(runFleet, texts.length));
      baselineRounds.push(timeRound(runNaive, texts.length));
    }
  }

  // Check the fleet got every job right, and count outcomes, outside the timed rounds.
  const check = lib.createJobFleet();
  for (const text of texts) {
    const { kind } = check.ingest(text);
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  }
  let correctJobs = 0;
  for (const [jobId, status] of stream.expected) {
    if (check.get(jobId)?.status === status && fleet.get(jobId)?.status === status) {
      correctJobs += 1;
    }
  }
  if (naive.size !== stream.expected.size) {
    throw new Error(`The baseline saw ${naive.size} jobs, expected ${stream.expected.size}.`);
  }
  let baselineCorrectJobs = 0;
  for (const [jobId, status] of stream.expected) {
    if (naive.get(jobId)?.status === status) baselineCorrectJobs += 1;
  }

  const eventsPerSecond = median(fleetRounds);
  const baselineEventsPerSecond = median(baselineRounds);
  return {
    events: texts.length,
    rounds,
    eventsPerSecond,
    baselineEventsPerSecond,
    ingestRatio: eventsPerSecond / baselineEventsPerSecond,
    fleetRounds,
    baselineRounds,
    correctJobs,
    baselineCorrectJobs,
    jobs: stream.expected.size,
    outcomes,
  };
}
