/**
 * The mixed event stream of the ingest benchmark: many jobs running at once,
 * their events interleaved as EventBridge delivers them, with duplicates and
 * late arrivals, each event as the JSON text an HTTP body or SQS record holds.
 */
import {
  completeDetail,
  errorDetail,
  hopDetail,
  inputInformationDetail,
  jobSpec,
  makeEvent,
  QUEUES,
  statusUpdateDetail,
  warningDetail,
  type GeneratedEvent,
  type JobSpec,
} from './events.js';
import { createRandom, type Random } from './random.js';

/** The shape of a stream. */
export interface StreamOptions {
  /**
   * How many jobs run.
   * @defaultValue 1000
   */
  readonly jobs?: number;
  /**
   * How many deliveries each job has, duplicates included.
   * @defaultValue 100
   */
  readonly eventsPerJob?: number;
  /**
   * How many of each job's deliveries are redeliveries of an earlier event.
   * @defaultValue 5
   */
  readonly duplicatesPerJob?: number;
  /**
   * The seed of the generator.
   * @defaultValue 20240601
   */
  readonly seed?: number;
}

/** A generated stream and what it holds. */
export interface EventStream {
  /** Every delivery, in delivery order, as JSON text. */
  readonly texts: readonly string[];
  /** The final status each job must end in. */
  readonly expected: ReadonlyMap<string, 'COMPLETE' | 'ERROR' | 'CANCELED'>;
  /** How many deliveries of each `detail.status` the stream holds. */
  readonly byStatus: ReadonlyMap<string, number>;
  /** How many deliveries repeat an event delivered before. */
  readonly duplicates: number;
  /** How many first deliveries come after a newer event of the same job. */
  readonly outOfOrder: number;
  /** The mean length of a delivery, in characters. */
  readonly meanLength: number;
}

interface Delivery {
  readonly event: GeneratedEvent;
  readonly text: string;
  readonly at: number;
  readonly seq: number;
  readonly duplicate: boolean;
}

/** A job's events in the order they happened. */
function jobHistory(
  random: Random,
  job: JobSpec,
  unique: number,
  outcome: 'COMPLETE' | 'ERROR' | 'CANCELED',
): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  const hop = random.chance(0.1);
  if (hop) {
    const from = QUEUES.find((q) => q !== job.queue) ?? QUEUES[0];
    const at = job.startedAt - random.int(5_000, 60_000);
    events.push(makeEvent(random, job, 'QUEUE_HOP', at, hopDetail(from)));
  }
  events.push(makeEvent(random, job, 'PROGRESSING', job.startedAt, {}));
  const inputAt = job.startedAt + random.int(2_000, 5_000);
  events.push(makeEvent(random, job, 'INPUT_INFORMATION', inputAt, inputInformationDetail(job)));

  const warnings = random.int(0, 3);
  const updates = unique - events.length - warnings - 1;
  const firstUpdate = job.startedAt + 60_000;
  for (let i = 0; i < updates; i++) {
    const percent = Math.round(1 + (i / Math.max(1, updates - 1)) * 98);
    const at = firstUpdate + i * 10_000 + random.int(0, 400);
    events.push(makeEvent(random, job, 'STATUS_UPDATE', at, statusUpdateDetail(percent, 25)));
  }
  const end = firstUpdate + updates * 10_000;
  for (let i = 0; i < warnings; i++) {
    const at = random.int(job.startedAt + 1_000, end);
    events.push(makeEvent(random, job, 'NEW_WARNING', at, warningDetail(random)));
  }
  const finalDetail =
    outcome === 'COMPLETE'
      ? completeDetail(job, random)
      : outcome === 'ERROR'
        ? errorDetail(random)
        : {};
  events.push(makeEvent(random, job, outcome, end + random.int(1_000, 8_000), finalDetail));
  return events;
}

/**
 * Generates the stream: jobs start about two seconds apart, each sends one
 * QUEUE_HOP (one job in ten), PROGRESSING, INPUT_INFORMATION, a run of
 * STATUS_UPDATEs ten seconds apart, up to three NEW_WARNINGs and a final
 * COMPLETE (85 %), ERROR (10 %) or CANCELED (5 %). Most events arrive within
 * a second; one in thirty is held back up to a minute, so it arrives after
 * newer ones; some events are delivered again up to two minutes later.
 *
 * @example
 * ```ts
 * const { texts } = createEventStream({ jobs: 1000, eventsPerJob: 100 });
 * for (const text of texts) fleet.ingest(text);
 * ```
 */
export function createEventStream(options: StreamOptions = {}): EventStream {
  const jobs = options.jobs ?? 1000;
  const perJob = options.eventsPerJob ?? 100;
  const duplicatesPerJob = options.duplicatesPerJob ?? 5;
  const random = createRandom(options.seed ?? 20_240_601);
  const unique = perJob - duplicatesPerJob;
  const start = Date.UTC(2026, 2, 2, 9, 0, 0);

  const deliveries: Delivery[] = [];
  const expected = new Map<string, 'COMPLETE' | 'ERROR' | 'CANCELED'>();
  let seq = 0;
  for (let j = 0; j < jobs; j++) {
    const job = jobSpec(random, j, start + j * 1_800 + random.int(0, 1_500));
    const roll = random.next();
    const outcome = roll < 0.85 ? 'COMPLETE' : roll < 0.95 ? 'ERROR' : 'CANCELED';
    expected.set(job.jobId, outcome);
    const history = jobHistory(random, job, unique, outcome);
    const firsts: Delivery[] = [];
    for (const event of history) {
      const delay = random.chance(1 / 30) ? random.int(5_000, 60_000) : random.int(50, 900);
      const text = JSON.stringify(event.event);
      firsts.push({ event, text, at: event.timestamp + delay, seq: seq++, duplicate: false });
    }
    deliveries.push(...firsts);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(duplicatesPerJob, firsts.length)) {
      chosen.add(random.int(0, firsts.length - 1));
    }
    for (const index of chosen) {
      const first = firsts[index];
      if (first === undefined) continue;
      const at = first.at + random.int(1_000, 120_000);
      deliveries.push({ ...first, at, seq: seq++, duplicate: true });
    }
  }
  deliveries.sort((a, b) => a.at - b.at || a.seq - b.seq);

  const byStatus = new Map<string, number>();
  const newest = new Map<string, number>();
  let outOfOrder = 0;
  let duplicates = 0;
  let length = 0;
  for (const d of deliveries) {
    byStatus.set(d.event.status, (byStatus.get(d.event.status) ?? 0) + 1);
    length += d.text.length;
    if (d.duplicate) {
      duplicates += 1;
      continue;
    }
    const known = newest.get(d.event.jobId) ?? -Infinity;
    if (d.event.timestamp < known) outOfOrder += 1;
    else newest.set(d.event.jobId, d.event.timestamp);
  }
  return {
    texts: deliveries.map((d) => d.text),
    expected,
    byStatus,
    duplicates,
    outOfOrder,
    meanLength: length / Math.max(1, deliveries.length),
  };
}
