import * as fc from 'fast-check';
import { LifecycleOutcome, type JobLifecycle } from './lifecycle.js';
import {
  ERRORS,
  METADATA_KEYS,
  METADATA_VALUES,
  QUEUE_NAMES,
  STATUS_UPDATE_INTERVALS,
  WARNING_CODES,
} from './internal/catalog.js';
import { nonEmptySubset, ordered, wholeNumber } from './internal/constraints.js';
import { buildLifecycle } from './internal/build.js';
import { GROUP_TYPES, type GroupPlan } from './internal/outputs.js';
import type { AttemptPlan, LifecyclePlan, UpdatePlan } from './internal/plan.js';

/**
 * Limits of the histories {@link jobLifecycleArbitrary} draws.
 *
 * @example
 * ```ts
 * const constraints: JobLifecycleConstraints = { outcomes: ['COMPLETE'], maxAttempts: 1 };
 * ```
 */
export interface JobLifecycleConstraints {
  /**
   * The outcomes to draw from.
   * @defaultValue every outcome of {@link LifecycleOutcome}
   */
  readonly outcomes?: readonly LifecycleOutcome[];
  /**
   * A fixed job id. Without it each history gets a fresh MediaConvert-style
   * id whose digits are its submission time, e.g. `1733238000123-a1b2c3`.
   * @defaultValue a fresh id per history
   */
  readonly jobId?: string;
  /**
   * The most queue hops while the job waits.
   * @defaultValue 2
   */
  readonly maxQueueHops?: number;
  /**
   * The most attempts (1 plus the highest `retryCount`); 1 means no retries.
   * @defaultValue 3
   */
  readonly maxAttempts?: number;
  /**
   * The most `STATUS_UPDATE` events per attempt.
   * @defaultValue 6
   */
  readonly maxStatusUpdates?: number;
  /**
   * The most `NEW_WARNING` events in one history.
   * @defaultValue 3
   */
  readonly maxWarnings?: number;
  /**
   * The most API views (`GetJob` responses) in one history. A job canceled
   * while queued always gets one more, after the cancellation, since only
   * the API shows it.
   * @defaultValue 3
   */
  readonly maxApiViews?: number;
  /**
   * The earliest submission time, epoch milliseconds.
   * @defaultValue 1546300800000 (2019-01-01)
   */
  readonly minSubmittedAt?: number;
  /**
   * The latest submission time, epoch milliseconds.
   * @defaultValue 1893456000000 (2030-01-01)
   */
  readonly maxSubmittedAt?: number;
  /**
   * Whether API times keep milliseconds. The API's wire form carries whole
   * seconds, so by default its `Date`s do too, and are coarser than events.
   * @defaultValue false
   */
  readonly apiMilliseconds?: boolean;
}

const NAME = 'jobLifecycleArbitrary';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `true` most of the time. */
const mostly = fc.oneof(
  { arbitrary: fc.constant(true), weight: 5 },
  { arbitrary: fc.constant(false), weight: 1 },
);
/** `false` most of the time (shrinks to `false`). */
const rarely = fc.oneof(
  { arbitrary: fc.constant(false), weight: 5 },
  { arbitrary: fc.constant(true), weight: 1 },
);
/** A warning code index now and then, usually none. */
const sometimesWarning = fc.oneof(
  { arbitrary: fc.constant(null), weight: 6 },
  { arbitrary: fc.nat(WARNING_CODES.length - 1), weight: 1 },
);

const groupPlan: fc.Arbitrary<GroupPlan> = fc.record({
  type: fc.constantFrom(...GROUP_TYPES),
  renditions: fc.integer({ min: 1, max: 4 }),
  frameCapture: rarely,
  hlsFirst: fc.boolean(),
  qualityNames: fc.constantFrom('qvbr' as const, 'score' as const),
});

const metadata = fc
  .tuple(
    ...METADATA_KEYS.map((key) =>
      fc.option(fc.constantFrom(...METADATA_VALUES[key]), { nil: null }),
    ),
  )
  .map((values) => {
    const entries: (readonly [string, string])[] = [];
    values.forEach((value, i) => {
      const key = METADATA_KEYS[i];
      if (value !== null && key !== undefined) entries.push([key, value]);
    });
    return entries;
  });

/** Keeps at most `max` warnings, in the order the job would raise them. */
function capWarnings(plan: LifecyclePlan, max: number): LifecyclePlan {
  let left = max;
  const keep = (warning: number | null): number | null => {
    if (warning === null || left === 0) return null;
    left -= 1;
    return warning;
  };
  const startWarning = keep(plan.startWarning);
  const attempts = plan.attempts.map(
    (attempt): AttemptPlan => ({
      ...attempt,
      updates: attempt.updates.map(
        (update): UpdatePlan => ({ ...update, warning: keep(update.warning) }),
      ),
    }),
  );
  return { ...plan, startWarning, attempts };
}

/**
 * Generates the true history of one MediaConvert job: its id, queue and
 * `userMetadata`; queue hops while `SUBMITTED`; `PROGRESSING`,
 * `INPUT_INFORMATION`, `STATUS_UPDATE`s with percentages rising through the
 * phases, `NEW_WARNING`s; automatic retries (`retryCount` rising, phases
 * starting again); and one outcome: `COMPLETE` with output groups of every
 * type and warning counts, `ERROR` with a realistic code and message,
 * `CANCELED` while progressing, or a cancel while queued, which sends no
 * event at all.
 *
 * Events are real EventBridge objects with unique ids and strictly
 * increasing `detail.timestamp`s; API views are `GetJob` responses in the
 * SDK's form, taken at chosen moments. Every value is frozen; shrinking
 * leads to shorter, simpler histories. Feed it to {@link deliveryArbitrary}
 * to get the same history as a consumer receives it.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { jobLifecycleArbitrary } from 'mediaconvert-job-tracker/testing';
 *
 * fc.assert(
 *   fc.property(jobLifecycleArbitrary({ outcomes: ['COMPLETE'] }), (lifecycle) => {
 *     const last = lifecycle.events.at(-1);
 *     return last?.detail.status === 'COMPLETE';
 *   }),
 * );
 * ```
 */
export function jobLifecycleArbitrary(
  constraints: JobLifecycleConstraints = {},
): fc.Arbitrary<JobLifecycle> {
  const outcomes = nonEmptySubset(
    NAME,
    'constraints.outcomes',
    constraints.outcomes,
    Object.values(LifecycleOutcome),
  );
  const maxQueueHops = wholeNumber(NAME, 'constraints.maxQueueHops', constraints.maxQueueHops, 2);
  const maxAttempts = wholeNumber(NAME, 'constraints.maxAttempts', constraints.maxAttempts, 3, 1);
  const maxUpdates = wholeNumber(NAME, 'constraints.maxStatusUpdates', constraints.maxStatusUpdates, 6);
  const maxWarnings = wholeNumber(NAME, 'constraints.maxWarnings', constraints.maxWarnings, 3);
  const maxApiViews = wholeNumber(NAME, 'constraints.maxApiViews', constraints.maxApiViews, 3);
  const minSubmittedAt = wholeNumber(
    NAME,
    'constraints.minSubmittedAt',
    constraints.minSubmittedAt,
    1_546_300_800_000,
  );
  const maxSubmittedAt = wholeNumber(
    NAME,
    'constraints.maxSubmittedAt',
    constraints.maxSubmittedAt,
    1_893_456_000_000,
  );
  ordered(NAME, 'constraints.maxSubmittedAt', minSubmittedAt, maxSubmittedAt);
  const jobId = constraints.jobId ?? null;

  const update: fc.Arbitrary<UpdatePlan> = fc.record({
    waitMs: fc.integer({ min: 0, max: 2999 }),
    advance: fc.integer({ min: 0, max: 400 }),
    percentKnown: mostly,
    warning: sometimesWarning,
  });
  const attempt: fc.Arbitrary<AttemptPlan> = fc.record({
    updates: fc.array(update, { maxLength: maxUpdates }),
    restartWaitMs: fc.integer({ min: 1000, max: 120_000 }),
  });
  const plan: fc.Arbitrary<LifecyclePlan> = fc.record({
    seed: fc.nat(),
    jobId: fc.constant(jobId),
    submittedAt: fc.integer({ min: minSubmittedAt, max: maxSubmittedAt }),
    suffix: fc
      .array(fc.nat(ID_ALPHABET.length - 1), { minLength: 6, maxLength: 6 })
      .map((digits) => digits.map((d) => ID_ALPHABET.charAt(d)).join('')),
    account: fc.nat(1),
    region: fc.nat(3),
    queue: fc.nat(QUEUE_NAMES.length - 1),
    priority: fc.integer({ min: -50, max: 50 }),
    metadata,
    hops: fc.array(
      fc.record({
        waitMs: fc.integer({ min: 1000, max: 3_600_000 }),
        queue: fc.nat(QUEUE_NAMES.length - 1),
        priority: fc.integer({ min: -50, max: 50 }),
      }),
      { maxLength: maxQueueHops },
    ),
    startWaitMs: fc.integer({ min: 500, max: 7_200_000 }),
    outcome: fc.constantFrom(...outcomes),
    inputInformation: mostly,
    infoWaitMs: fc.integer({ min: 100, max: 10_000 }),
    startWarning: sometimesWarning,
    attempts: fc.array(attempt, { minLength: 1, maxLength: maxAttempts }),
    interval: fc.constantFrom(...STATUS_UPDATE_INTERVALS),
    endWaitMs: fc.integer({ min: 1000, max: 600_000 }),
    error: fc.nat(ERRORS.length - 1),
    errorMessageAbsent: fc.boolean(),
    outputs: fc.array(groupPlan, { minLength: 1, maxLength: 3 }),
    durationMs: fc.integer({ min: 10_000, max: 3_600_000 }),
    frameRate: fc.constantFrom(24, 25, 30, 50, 60),
    input: fc.nat(3),
    accelerated: rarely,
    blackVideo: rarely,
    malformedArn: fc.oneof(
      { arbitrary: fc.constant(null), weight: 8 },
      { arbitrary: fc.nat(20), weight: 1 },
    ),
    apiMoments: fc.array(
      fc.record({ slot: fc.nat(40), offsetMs: fc.nat(86_400_000) }),
      { maxLength: maxApiViews },
    ),
    apiMilliseconds: fc.constant(constraints.apiMilliseconds ?? false),
  });
  return plan.map((drawn) => buildLifecycle(capWarnings(drawn, maxWarnings)));
}
