/**
 * A job's plan: everything the emulator decides about a job when it is
 * created (how long it waits, how long each phase takes, how it ends), drawn
 * from a seeded stream and open to the caller's overrides.
 */
import type { Random } from './random.js';
import type { JobRequest } from './request.js';
import {
  COMMON_ERROR_CODES,
  COMMON_WARNING_CODES,
  errorTemplate,
  warningTemplate,
} from './catalog.js';

/**
 * How a planned job ends.
 *
 * - `COMPLETE`: every output is written.
 * - `ERROR`: the final attempt fails with `code` once `atFraction` of its
 *   processing time has passed.
 * - `CANCELED`: someone cancels it `afterMs` after submission (while still
 *   `SUBMITTED` if that is before the job starts).
 *
 * @example
 * ```ts
 * const outcome: PlannedOutcome = {
 *   status: 'ERROR', code: 1040, message: 'Decoder failed', atFraction: 0.5,
 * };
 * ```
 */
export type PlannedOutcome =
  | { readonly status: 'COMPLETE' }
  | {
      readonly status: 'ERROR';
      readonly code: number;
      /** May be empty, as the service sends for 1999. */
      readonly message: string;
      readonly atFraction: number;
    }
  | { readonly status: 'CANCELED'; readonly afterMs: number };

/**
 * A warning raised during processing.
 *
 * @example
 * ```ts
 * const warning: PlannedWarning = {
 *   code: '230004', message: 'Variable frame rate', atFraction: 0.5,
 * };
 * ```
 */
export interface PlannedWarning {
  /** Six digits, e.g. `230004`. */
  readonly code: string;
  readonly message: string;
  /** When, as a share (0 to 1) of the time from start to the end of processing. */
  readonly atFraction: number;
}

/**
 * Facts about the (first) input that `INPUT_INFORMATION` reports.
 *
 * @example
 * ```ts
 * plan: () => ({ input: { ...defaults, durationMs: 600_000 } })
 * ```
 */
export interface InputFacts {
  readonly durationMs: number;
  readonly frameRate: number;
  readonly width: number;
  readonly height: number;
  /** For example `H_264`, `PRORES`, `HEVC`. */
  readonly videoCodec: string;
  readonly bitDepth: number;
  /** For example `YUV_420`. */
  readonly colorFormat: string;
  /** For example `AAC`, `PCM`. */
  readonly audioCodec: string;
  readonly channels: number;
  readonly sampleRate: number;
}

/**
 * Everything decided about one job at creation.
 *
 * @example
 * ```ts
 * await startMediaConvertEmulator({
 *   plan: () => ({ queueWaitMs: 1_000, retries: 1, outcome: { status: 'COMPLETE' } }),
 * });
 * ```
 */
export interface JobPlan {
  /** Time in `SUBMITTED` before the job starts (queue hops happen within it). */
  readonly queueWaitMs: number;
  /** Length of `PROBING` in each attempt. */
  readonly probingMs: number;
  /** Length of `TRANSCODING` in each attempt. */
  readonly transcodingMs: number;
  /** Length of `UPLOADING` in each attempt. */
  readonly uploadingMs: number;
  /** Automatic re-attempts before the final attempt; each raises `RetryCount`. */
  readonly retries: number;
  /** The share (0 to 1) of an attempt's processing time after which it is retried. */
  readonly retryAtFraction: number;
  readonly outcome: PlannedOutcome;
  readonly warnings: readonly PlannedWarning[];
  readonly input: InputFacts;
  /** Delay from start to the first `STATUS_UPDATE` (the service waits about a minute). */
  readonly firstUpdateAfterMs: number;
}

/**
 * How often default plans end in an error, retry or warn.
 *
 * @example
 * ```ts
 * await startMediaConvertEmulator({ mix: { errorRate: 0, retryRate: 0, warningRate: 0 } });
 * ```
 */
export interface OutcomeMix {
  /**
   * Share of jobs that end in `ERROR`.
   * @defaultValue 0.05
   */
  readonly errorRate?: number;
  /**
   * Share of jobs that are retried once by the service.
   * @defaultValue 0.02
   */
  readonly retryRate?: number;
  /**
   * Share of jobs that raise warnings.
   * @defaultValue 0.1
   */
  readonly warningRate?: number;
}

/**
 * The `UserMetadata` key a job can carry to force its outcome: `COMPLETE`,
 * `ERROR`, `ERROR:<code>`, `CANCEL` (canceled while `PROGRESSING`),
 * `CANCEL:SUBMITTED` (canceled while queued), `RETRY` or `RETRY:<n>`.
 *
 * @example
 * ```ts
 * UserMetadata: { [OUTCOME_KEY]: 'ERROR:1040' }
 * ```
 */
export const OUTCOME_KEY = 'emulator:outcome';

/**
 * The `UserMetadata` key listing warning codes a job raises, comma-separated
 * (e.g. `230004,230001`).
 *
 * @example
 * ```ts
 * UserMetadata: { [WARNINGS_KEY]: '230004' }
 * ```
 */
export const WARNINGS_KEY = 'emulator:warnings';

function firstInputUri(request: JobRequest): string {
  const inputs = request.settings['Inputs'];
  const first = Array.isArray(inputs) ? inputs[0] : undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    const uri = (first as { readonly [key: string]: unknown })['FileInput'];
    if (typeof uri === 'string') return uri;
  }
  return 's3://DOC-EXAMPLE-BUCKET/input.mp4';
}

function errorOutcome(code: number, request: JobRequest, random: Random): PlannedOutcome {
  const template = errorTemplate(code);
  const jitter = random.float(-0.05, 0.05);
  return {
    status: 'ERROR',
    code,
    message: template.message(firstInputUri(request), 's3://DOC-EXAMPLE-BUCKET/output/'),
    atFraction: Math.min(0.999, Math.max(0.001, template.atFraction + jitter)),
  };
}

function drawInput(random: Random): InputFacts {
  const [width, height] = random.pick([
    [1920, 1080],
    [1280, 720],
    [3840, 2160],
  ] as const);
  const video = random.pick([
    { videoCodec: 'H_264', bitDepth: 8, colorFormat: 'YUV_420' },
    { videoCodec: 'HEVC', bitDepth: 10, colorFormat: 'YUV_420' },
    { videoCodec: 'PRORES', bitDepth: 10, colorFormat: 'YUV_422' },
  ] as const);
  return {
    durationMs: random.int(20_000, 900_000),
    frameRate: random.pick([24, 25, 30] as const),
    width,
    height,
    ...video,
    audioCodec: video.videoCodec === 'PRORES' ? 'PCM' : 'AAC',
    channels: 2,
    sampleRate: random.pick([44_100, 48_000] as const),
  };
}

// Queues have no capacity here: a job's wait comes from its plan, not from the jobs ahead of it,
// and a paused queue is not modelled (a long `queueWaitMs` stands in for one). The service's
// 48-hour limit on PROGRESSING is not applied either; drawn plans stay far below it.

/**
 * Draws a realistic plan for a request: a few seconds in the queue (now and
 * then minutes), probing of a few seconds, transcoding at 0.2x to 0.8x the
 * input's duration, a short upload, and the outcome mix.
 *
 * @example
 * ```ts
 * const plan = defaultPlan(request, createRandom(7), {});
 * ```
 */
export function defaultPlan(request: JobRequest, random: Random, mix: OutcomeMix): JobPlan {
  const input = drawInput(random);
  const hopWaitMs = request.hopDestinations.reduce((sum, hop) => sum + hop.waitMinutes * 60_000, 0);
  const longWait = random.chance(0.1);
  const queueWaitMs =
    hopWaitMs > 0
      ? hopWaitMs + random.int(5_000, 60_000)
      : longWait
        ? random.int(60_000, 600_000)
        : random.int(1_500, 8_000);
  const failing = random.chance(mix.errorRate ?? 0.05);
  const code = random.pick(COMMON_ERROR_CODES);
  const outcome: PlannedOutcome = failing
    ? errorOutcome(code, request, random)
    : { status: 'COMPLETE' };
  const warningCount = random.chance(mix.warningRate ?? 0.1) ? random.int(1, 2) : 0;
  const warnings: PlannedWarning[] = [];
  for (let i = 0; i < warningCount; i++) {
    const template = warningTemplate(random.pick(COMMON_WARNING_CODES));
    warnings.push({ ...template, atFraction: random.float(0.1, 0.9) });
  }
  return {
    queueWaitMs,
    probingMs: random.int(2_000, 8_000),
    transcodingMs: Math.round(input.durationMs * random.float(0.2, 0.8)),
    uploadingMs: random.int(2_000, 15_000),
    retries: random.chance(mix.retryRate ?? 0.02) ? 1 : 0,
    retryAtFraction: random.float(0.2, 0.7),
    outcome,
    warnings,
    input,
    firstUpdateAfterMs: random.int(58_000, 62_000),
  };
}

/**
 * The plan changes a request asks for through the {@link OUTCOME_KEY} and
 * {@link WARNINGS_KEY} metadata keys; unknown values change nothing.
 *
 * @example
 * ```ts
 * planFromMetadata(request, base, random); // { outcome: { status: 'ERROR', code: 1040, ... } }
 * ```
 */
export function planFromMetadata(
  request: JobRequest,
  base: JobPlan,
  random: Random,
): Partial<JobPlan> {
  const changes: { -readonly [K in keyof JobPlan]?: JobPlan[K] } = {};
  const directive = request.userMetadata[OUTCOME_KEY]?.trim().toUpperCase();
  const [kind, argument] = (directive ?? '').split(':');
  const processingMs = base.probingMs + base.transcodingMs + base.uploadingMs;

  if (kind === 'COMPLETE') {
    changes.outcome = { status: 'COMPLETE' };
    changes.retries = 0;
  } else if (kind === 'ERROR') {
    const code = argument === undefined ? random.pick(COMMON_ERROR_CODES) : Number(argument);
    if (Number.isInteger(code) && code > 0) {
      changes.outcome = errorOutcome(code, request, random);
      changes.retries = 0;
    }
  } else if (kind === 'CANCEL') {
    const afterMs =
      argument === 'SUBMITTED'
        ? Math.floor(base.queueWaitMs / 2)
        : base.queueWaitMs + Math.floor((base.retries + 1) * processingMs * 0.5);
    changes.outcome = { status: 'CANCELED', afterMs };
  } else if (kind === 'RETRY') {
    const retries = argument === undefined ? 1 : Number(argument);
    if (Number.isInteger(retries) && retries >= 0) {
      changes.retries = retries;
      changes.outcome = { status: 'COMPLETE' };
    }
  }

  const codes = request.userMetadata[WARNINGS_KEY];
  if (codes !== undefined) {
    const list = codes.split(',').map((code) => code.trim()).filter((code) => code !== '');
    changes.warnings = list.map((code, i) => ({
      ...warningTemplate(code.padStart(6, '0')),
      atFraction: (i + 1) / (list.length + 1),
    }));
  }
  return changes;
}
