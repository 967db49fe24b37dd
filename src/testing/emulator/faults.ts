/**
 * Faults of the emulated API: throttling, server errors, slow answers and
 * dropped connections, drawn per call from a seeded stream or scripted.
 */
import type { Random } from './random.js';

/**
 * The operations the emulator serves.
 *
 * @example
 * ```ts
 * emulator.stats[Operation.GET_JOB];
 * ```
 */
export const Operation = {
  CREATE_JOB: 'CreateJob',
  GET_JOB: 'GetJob',
  LIST_JOBS: 'ListJobs',
  SEARCH_JOBS: 'SearchJobs',
  CANCEL_JOB: 'CancelJob',
} as const;

/**
 * One of the values of {@link Operation}.
 *
 * @example
 * ```ts
 * const op: Operation = 'ListJobs';
 * ```
 */
export type Operation = (typeof Operation)[keyof typeof Operation];

/**
 * What can go wrong with one API call.
 *
 * @example
 * ```ts
 * emulator.setFaults({ script: [ApiFault.SERVER_ERROR, ApiFault.DROP] });
 * ```
 */
export const ApiFault = {
  /** HTTP 429 `TooManyRequestsException`. */
  THROTTLE: 'THROTTLE',
  /** HTTP 500 `InternalServerErrorException`. */
  SERVER_ERROR: 'SERVER_ERROR',
  /** The connection is destroyed before any answer. */
  DROP: 'DROP',
} as const;

/**
 * One of the values of {@link ApiFault}.
 *
 * @example
 * ```ts
 * const fault: ApiFault = 'THROTTLE';
 * ```
 */
export type ApiFault = (typeof ApiFault)[keyof typeof ApiFault];

/**
 * Fault settings of the API. Rates are probabilities from 0 to 1 drawn per
 * call from the emulator's seed; `script` forces the next calls' faults in
 * order before the rates apply.
 *
 * @example
 * ```ts
 * emulator.setFaults({ throttleRate: 0.1, latencyMs: [5, 50], operations: ['GetJob'] });
 * ```
 */
export interface ApiFaults {
  /**
   * Share of calls answered with 429 `TooManyRequestsException`.
   * @defaultValue 0
   */
  readonly throttleRate?: number;
  /**
   * Share of calls answered with 500 `InternalServerErrorException`.
   * @defaultValue 0
   */
  readonly serverErrorRate?: number;
  /**
   * Share of calls whose connection is destroyed.
   * @defaultValue 0
   */
  readonly dropRate?: number;
  /**
   * Wall-clock delay before answering, fixed or a `[min, max]` range, in ms.
   * @defaultValue 0
   */
  readonly latencyMs?: number | readonly [number, number];
  /**
   * The operations the faults apply to.
   * @defaultValue every operation
   */
  readonly operations?: readonly Operation[];
  /**
   * Faults forced on the next matching calls, one per call, before the rates apply.
   * @defaultValue []
   */
  readonly script?: readonly ApiFault[];
}

/**
 * What to do with one call.
 *
 * @example
 * ```ts
 * const { fault, latencyMs } = injector.decide('GetJob');
 * ```
 */
export interface FaultDecision {
  readonly fault: ApiFault | null;
  readonly latencyMs: number;
}

/**
 * Decides, call by call, which fault (if any) strikes.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector(random.fork('api'), { throttleRate: 1 });
 * faults.decide('GetJob').fault; // 'THROTTLE'
 * ```
 */
export class FaultInjector {
  private script: ApiFault[];

  constructor(
    private readonly random: Random,
    private faults: ApiFaults,
  ) {
    this.script = [...(faults.script ?? [])];
  }

  /** Replaces the settings, including any unused script. */
  set(faults: ApiFaults): void {
    this.faults = faults;
    this.script = [...(faults.script ?? [])];
  }

  /** The fault and latency for one call of `operation`. */
  decide(operation: Operation): FaultDecision {
    const f = this.faults;
    // Two draws per call whatever the settings, so a seed replays the same sequence.
    const pick = this.random.next();
    const spread = this.random.next();
    const applies = f.operations === undefined || f.operations.includes(operation);
    if (!applies) return { fault: null, latencyMs: 0 };
    const range = f.latencyMs ?? 0;
    const [min, max] = typeof range === 'number' ? [range, range] : range;
    const latencyMs = Math.round(min + spread * (max - min));
    const scripted = this.script.shift();
    if (scripted !== undefined) return { fault: scripted, latencyMs };
    const throttle = f.throttleRate ?? 0;
    const server = f.serverErrorRate ?? 0;
    const drop = f.dropRate ?? 0;
    const fault =
      pick < throttle
        ? ApiFault.THROTTLE
        : pick < throttle + server
          ? ApiFault.SERVER_ERROR
          : pick < throttle + server + drop
            ? ApiFault.DROP
            : null;
    return { fault, latencyMs };
  }
}
