/**
 * `startMediaConvertEmulator`: a local MediaConvert for tests and demos,
 * served over HTTP to the real `@aws-sdk/client-mediaconvert`.
 */
import { ErrorCode, JobTrackerError } from '../../errors.js';
import { ClockMode, EmulatorClock } from './clock.js';
import {
  EventDelivery,
  type DeliveryFaults,
  type EventListener,
  type EventLog,
} from './delivery.js';
import { FaultInjector, type ApiFaults } from './faults.js';
import type { OutcomeMix } from './plan.js';
import { createRandom, type Seed } from './random.js';
import { inputToWire, readJobRequest, type CreateJobInput } from './request.js';
import { listen } from './server.js';
import { Simulation, type PlanFunction } from './simulation.js';
import { StatsCounter, type EmulatorStats } from './stats.js';

/**
 * Options of {@link startMediaConvertEmulator}.
 *
 * @example
 * ```ts
 * const emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 7 });
 * ```
 */
export interface EmulatorOptions {
  /**
   * The port on 127.0.0.1; 0 picks a free one.
   * @defaultValue 0
   */
  readonly port?: number;
  /**
   * The region in ARNs and events.
   * @defaultValue 'us-west-2'
   */
  readonly region?: string;
  /**
   * The account id in ARNs and events.
   * @defaultValue '111122223333'
   */
  readonly accountId?: string;
  /**
   * The seed of every random choice (plans, ids, event ids, faults).
   * @defaultValue 1
   */
  readonly seed?: Seed;
  /**
   * `manual`: time moves only through `advance()`; `real`: it follows the
   * wall clock times `speed`.
   * @defaultValue 'real'
   */
  readonly clock?: ClockMode;
  /**
   * Emulator ms per wall-clock ms in `real` mode (60 makes a minute pass each second).
   * @defaultValue 1
   */
  readonly speed?: number;
  /**
   * The emulator time at start, epoch ms or a `Date`.
   * @defaultValue the wall clock at start
   */
  readonly startTime?: number | Date;
  /**
   * How often drawn plans end in an error, retry or warn.
   * @defaultValue `{ errorRate: 0.05, retryRate: 0.02, warningRate: 0.1 }`
   */
  readonly mix?: OutcomeMix;
  /**
   * Changes to each job's drawn plan (applied after the `emulator:*` metadata keys).
   * @defaultValue none
   */
  readonly plan?: PlanFunction;
  /**
   * API faults at start; change them later with `setFaults()`.
   * @defaultValue no faults
   */
  readonly faults?: ApiFaults;
  /**
   * Event channel faults at start; change them later with `setDeliveryFaults()`.
   * @defaultValue no faults
   */
  readonly deliveryFaults?: DeliveryFaults;
  /**
   * How many entries each list of the event log keeps (oldest dropped first).
   * @defaultValue 10000
   */
  readonly eventLogLimit?: number;
}

/**
 * A running emulator.
 *
 * @example
 * ```ts
 * const emulator = await startMediaConvertEmulator({ clock: 'manual' });
 * const client = new MediaConvertClient({
 *   endpoint: emulator.endpoint, region: emulator.region,
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
 * });
 * ```
 */
export interface MediaConvertEmulator {
  /** `http://127.0.0.1:PORT`, for the SDK client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  readonly clockMode: ClockMode;
  /** The emulator's current time, epoch ms. */
  now(): number;
  /**
   * Moves the clock forward by `ms`, sending every event due on the way.
   * Throws the first error a listener threw meanwhile.
   */
  advance(ms: number): void;
  /**
   * Advances until every job is final and every delivery is done (at most
   * `limitMs` of emulator time); returns the emulator ms advanced.
   */
  advanceUntilSettled(limitMs?: number): number;
  /** Adds an event listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void;
  /** What was emitted, delivered and lost so far. */
  eventLog(): EventLog;
  clearEventLog(): void;
  /** Errors thrown by listeners, oldest first. */
  readonly listenerErrors: readonly unknown[];
  /** Replaces the API fault settings (an unused script is dropped). */
  setFaults(faults: ApiFaults): void;
  /** Replaces the event channel fault settings. */
  setDeliveryFaults(faults: DeliveryFaults): void;
  /** Call counts since start or the last `resetStats()`. */
  readonly stats: EmulatorStats;
  resetStats(): void;
  /** Creates `count` jobs from one SDK-shaped request without HTTP; returns their ids. */
  createJobs(count: number, input: CreateJobInput): readonly string[];
  /** Every job id, in creation order. */
  jobIds(): readonly string[];
  /** Stops the clock, the server and every open socket. */
  close(): Promise<void>;
}

function invalid(path: string, message: string): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path });
}

/** `/hopDestinations/0/waitMinutes` -> `input.HopDestinations[0].WaitMinutes`. */
function sdkPath(field: string): string {
  const parts = field.split('/').filter((part) => part !== '');
  return parts.reduce(
    (path, part) =>
      /^\d+$/.test(part)
        ? `${path}[${part}]`
        : `${path}.${part.charAt(0).toUpperCase()}${part.slice(1)}`,
    'input',
  );
}

function checkRate(path: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) {
    throw invalid(path, `${path} must be a probability from 0 to 1, got ${value}.`);
  }
}

function checkOptions(options: EmulatorOptions): void {
  const { port, speed, clock, eventLogLimit } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw invalid('options.port', `options.port must be an integer from 0 to 65535, got ${port}.`);
  }
  if (speed !== undefined && !(Number.isFinite(speed) && speed > 0)) {
    throw invalid('options.speed', `options.speed must be a finite number > 0, got ${speed}.`);
  }
  if (clock !== undefined && clock !== ClockMode.MANUAL && clock !== ClockMode.REAL) {
    throw invalid('options.clock', `options.clock must be 'manual' or 'real', got ${String(clock)}.`);
  }
  if (eventLogLimit !== undefined && !(Number.isInteger(eventLogLimit) && eventLogLimit >= 0)) {
    throw invalid('options.eventLogLimit', `options.eventLogLimit must be an integer >= 0, got ${eventLogLimit}.`);
  }
  checkApiFaults('options.faults', options.faults ?? {});
  checkDeliveryFaults('options.deliveryFaults', options.deliveryFaults ?? {});
  const mix = options.mix ?? {};
  checkRate('options.mix.errorRate', mix.errorRate);
  checkRate('options.mix.retryRate', mix.retryRate);
  checkRate('options.mix.warningRate', mix.warningRate);
}

function checkApiFaults(path: string, faults: ApiFaults): void {
  checkRate(`${path}.throttleRate`, faults.throttleRate);
  checkRate(`${path}.serverErrorRate`, faults.serverErrorRate);
  checkRate(`${path}.dropRate`, faults.dropRate);
  const total = (faults.throttleRate ?? 0) + (faults.serverErrorRate ?? 0) + (faults.dropRate ?? 0);
  if (total > 1) throw invalid(path, `The fault rates of ${path} add up to ${total}, more than 1.`);
}

function checkDeliveryFaults(path: string, faults: DeliveryFaults): void {
  checkRate(`${path}.lossRate`, faults.lossRate);
  checkRate(`${path}.duplicateRate`, faults.duplicateRate);
  checkRate(`${path}.reorderRate`, faults.reorderRate);
}

/**
 * Starts a MediaConvert emulator on 127.0.0.1. It serves `CreateJob`,
 * `GetJob`, `ListJobs`, `SearchJobs` and `CancelJob` over the same REST JSON
 * routes as the real service, plays each job's life on its own clock, and
 * sends EventBridge-shaped events to subscribers. It does not need the AWS
 * SDK; point the SDK at `endpoint`.
 *
 * @example
 * ```ts
 * const emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 1 });
 * const client = new MediaConvertClient({
 *   endpoint: emulator.endpoint, region: emulator.region,
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
 * });
 * const { Job } = await client.send(
 *   new CreateJobCommand({ Role: 'arn:aws:iam::111122223333:role/MC', Settings: {} }),
 * );
 * emulator.advanceUntilSettled();
 * await emulator.close();
 * ```
 */
export async function startMediaConvertEmulator(
  options: EmulatorOptions = {},
): Promise<MediaConvertEmulator> {
  checkOptions(options);
  const region = options.region ?? 'us-west-2';
  const accountId = options.accountId ?? '111122223333';
  const scope = { region, accountId };
  const random = createRandom(options.seed ?? 1);
  const start = options.startTime ?? Date.now();
  const clock = new EmulatorClock({
    mode: options.clock ?? ClockMode.REAL,
    speed: options.speed ?? 1,
    startTime: typeof start === 'number' ? start : start.getTime(),
  });
  const delivery = new EventDelivery(
    clock,
    random.fork('delivery'),
    options.deliveryFaults ?? {},
    options.eventLogLimit ?? 10_000,
  );
  const simulation = new Simulation(
    { region, accountId, mix: options.mix ?? {}, plan: options.plan },
    clock,
    delivery,
    random.fork('jobs'),
  );
  const faults = new FaultInjector(random.fork('api'), options.faults ?? {});
  const stats = new StatsCounter();
  const server = await listen({ simulation, scope, clock, faults, stats }, options.port ?? 0);

  const rethrowNew = (before: number): void => {
    const error = delivery.errors[before];
    if (error !== undefined) throw error;
  };

  return {
    endpoint: `http://127.0.0.1:${server.port}`,
    port: server.port,
    region,
    accountId,
    clockMode: clock.mode,
    now: () => clock.now(),
    advance: (ms) => {
      if (!(Number.isFinite(ms) && ms >= 0)) {
        throw invalid('ms', `advance() takes a finite number >= 0, got ${ms}.`);
      }
      const before = delivery.errors.length;
      clock.advance(ms);
      rethrowNew(before);
    },
    advanceUntilSettled: (limitMs = 30 * 24 * 3_600_000) => {
      const before = delivery.errors.length;
      const started = clock.now();
      for (;;) {
        clock.drain(limitMs - (clock.now() - started));
        const end = simulation.pendingEnd();
        const left = limitMs - (clock.now() - started);
        if (end === null || left <= 0) break;
        clock.advance(Math.min(left, end - clock.now()));
      }
      rethrowNew(before);
      return clock.now() - started;
    },
    subscribe: (listener) => delivery.subscribe(listener),
    eventLog: () => delivery.log(),
    clearEventLog: () => delivery.clearLog(),
    get listenerErrors() {
      return [...delivery.errors];
    },
    setFaults: (next) => {
      checkApiFaults('faults', next);
      faults.set(next);
    },
    setDeliveryFaults: (next) => {
      checkDeliveryFaults('faults', next);
      delivery.setFaults(next);
    },
    get stats() {
      return stats.snapshot();
    },
    resetStats: () => stats.reset(),
    createJobs: (count, input) => {
      if (!(Number.isInteger(count) && count >= 0)) {
        throw invalid('count', `createJobs() takes an integer count >= 0, got ${count}.`);
      }
      const read = readJobRequest(inputToWire(input), scope);
      if (!read.ok) {
        const path = sdkPath(read.problem.field);
        throw invalid(path, `Invalid CreateJob input at ${path}: ${read.problem.message}.`);
      }
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        // Each job gets its own token so that idempotency does not fold them into one.
        ids.push(simulation.createJob({ ...read.request, clientRequestToken: null }).id);
      }
      return ids;
    },
    jobIds: () => simulation.jobs.map((job) => job.id),
    close: async () => {
      clock.stop();
      await server.close();
    },
  };
}
