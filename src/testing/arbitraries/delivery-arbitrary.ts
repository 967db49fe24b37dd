import * as fc from 'fast-check';
import type { JsonObject } from '../../model/json.js';
import type {
  JobLifecycle,
  LifecycleEvent,
  LifecycleFact,
  LifecycleGetJobResponse,
} from './lifecycle.js';
import { nonEmptySubset, wholeNumber } from './internal/constraints.js';
import { describeFact, describeLifecycle, withDescription } from './internal/describe.js';
import { NOISE_KINDS, noisePayload, type NoiseKind } from './internal/noise.js';
import {
  DeliveryWrapper,
  wrapEvent,
  type DeliveredSqsRecord,
  type DeliveredSnsRecord,
  type EventWrapper,
} from './wrappers.js';
import { deepFreeze } from '../../state/freeze.js';

/**
 * Limits of the deliveries {@link deliveryArbitrary} draws.
 *
 * @example
 * ```ts
 * const constraints: DeliveryConstraints = { wrappers: ['SQS'], drops: false, maxDuplicates: 8 };
 * ```
 */
export interface DeliveryConstraints {
  /**
   * The wrappers events may arrive in; each delivery, duplicates included,
   * draws its own.
   * @defaultValue every {@link EventWrapper}
   */
  readonly wrappers?: readonly EventWrapper[];
  /**
   * The most extra deliveries of facts already delivered.
   * @defaultValue 4
   */
  readonly maxDuplicates?: number;
  /**
   * Whether facts may be lost: events now and then, API views about half the
   * time. With `false`, every event and every API view arrives.
   * @defaultValue true
   */
  readonly drops?: boolean;
  /**
   * Whether the history's API views are delivered among the events.
   * @defaultValue true
   */
  readonly apiViews?: boolean;
  /**
   * Whether arrival order is shuffled. With `false`, facts arrive in the
   * order they happened and each duplicate right after its original.
   * @defaultValue true
   */
  readonly shuffle?: boolean;
  /**
   * Whether the fact that settles the job (its final event, or for a job
   * canceled while queued the first API view that shows it) is always
   * delivered.
   * @defaultValue false
   */
  readonly keepSettlement?: boolean;
  /**
   * Whether unrelated traffic is mixed in: SNS subscription confirmations
   * and CloudTrail records of `GetJob` calls, which must be skipped.
   * @defaultValue false
   */
  readonly noise?: boolean;
  /**
   * Whether SQS and SNS records come inside a whole Lambda event,
   * `{ Records: [record] }`, rather than as the record alone.
   * @defaultValue false
   */
  readonly lambdaEvents?: boolean;
}

/**
 * A Lambda event holding one record.
 *
 * @example
 * ```ts
 * const batch: DeliveredLambdaEvent = { Records: [record] };
 * ```
 */
export interface DeliveredLambdaEvent {
  readonly Records: readonly (DeliveredSqsRecord | DeliveredSnsRecord)[];
}

/**
 * What one delivery hands to the consumer: an event in one of its wrappers,
 * an API response, or unrelated traffic.
 *
 * @example
 * ```ts
 * const payload: DeliveryPayload = delivery.payloads[0]!.payload;
 * tracker.ingest(payload);
 * ```
 */
export type DeliveryPayload =
  | LifecycleEvent
  | LifecycleGetJobResponse
  | DeliveredSqsRecord
  | DeliveredSnsRecord
  | DeliveredLambdaEvent
  | JsonObject
  | string;

/**
 * One delivery, with the fact it carries.
 *
 * @example
 * ```ts
 * for (const { payload, fact, repeat } of delivery.payloads) {
 *   if (fact !== null && !repeat) firstSeen.push(fact.key);
 *   handler(payload);
 * }
 * ```
 */
export interface DeliveredPayload {
  readonly payload: DeliveryPayload;
  /** The event or API view carried, or `null` for unrelated traffic. */
  readonly fact: LifecycleFact | null;
  readonly wrapper: DeliveryWrapper;
  /** Whether the same fact arrived earlier in this delivery. */
  readonly repeat: boolean;
}

/**
 * A history as one consumer receives it.
 *
 * @example
 * ```ts
 * const { payloads, delivered } = delivery;
 * payloads.length >= delivered.length; // duplicates and noise come on top
 * ```
 */
export interface JobDelivery {
  readonly lifecycle: JobLifecycle;
  /** What arrives, in arrival order. */
  readonly payloads: readonly DeliveredPayload[];
  /** The distinct facts delivered at least once, in the order they happened. */
  readonly delivered: readonly LifecycleFact[];
  /** The facts never delivered, in the order they happened. */
  readonly dropped: readonly LifecycleFact[];
}

const NAME = 'deliveryArbitrary';
const EVENT_WRAPPERS: readonly EventWrapper[] = ['OBJECT', 'JSON', 'SQS', 'SNS', 'SNS_IN_SQS'];
const MAX_NOISE = 2;

interface Extra {
  readonly index: number;
  readonly wrapper: EventWrapper;
}

interface DeliveryPlan {
  readonly keep: readonly boolean[];
  readonly wrappers: readonly EventWrapper[];
  readonly duplicates: readonly Extra[];
  readonly noise: readonly { readonly kind: NoiseKind; readonly after: number }[];
  readonly order: readonly number[];
}

function settlementIndex(lifecycle: JobLifecycle, facts: readonly LifecycleFact[]): number {
  return facts.findIndex((fact) =>
    fact.kind === 'event'
      ? fact.event.detail.status === lifecycle.finalStatus
      : fact.response.Job.Status === lifecycle.finalStatus,
  );
}

/**
 * Generates how a {@link JobLifecycle} reaches a consumer: a permutation of
 * its events and API views, with losses, duplicates (the same event again,
 * possibly in another wrapper: JSON text, an SQS record, an SNS record, SNS
 * inside SQS) and, on request, unrelated traffic.
 *
 * Besides the payloads, it tells what was delivered, so a test can compute
 * the reference answer: the distinct delivered facts applied in the order
 * they happened. Shrinking leads towards in-order delivery without losses.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createJobTracker } from 'mediaconvert-job-tracker';
 * import { deliveryArbitrary, jobLifecycleArbitrary } from 'mediaconvert-job-tracker/testing';
 *
 * const deliveries = jobLifecycleArbitrary().chain((lifecycle) =>
 *   deliveryArbitrary(lifecycle, { keepSettlement: true }),
 * );
 * fc.assert(
 *   fc.property(deliveries, (delivery) => {
 *     const tracker = createJobTracker();
 *     for (const { payload } of delivery.payloads) tracker.ingest(payload);
 *     return tracker.state.status === delivery.lifecycle.finalStatus;
 *   }),
 * );
 * ```
 */
export function deliveryArbitrary(
  lifecycle: JobLifecycle,
  constraints: DeliveryConstraints = {},
): fc.Arbitrary<JobDelivery> {
  const wrappers = nonEmptySubset(NAME, 'constraints.wrappers', constraints.wrappers, EVENT_WRAPPERS);
  const maxDuplicates = wholeNumber(NAME, 'constraints.maxDuplicates', constraints.maxDuplicates, 4);
  const drops = constraints.drops ?? true;
  const shuffle = constraints.shuffle ?? true;
  const lambdaEvents = constraints.lambdaEvents ?? false;
  const facts =
    constraints.apiViews === false
      ? lifecycle.facts.filter((f) => f.kind === 'event')
      : lifecycle.facts;
  const settlement = constraints.keepSettlement === true ? settlementIndex(lifecycle, facts) : -1;
  const n = facts.length;

  const keep = fc.tuple(
    ...facts.map((fact, i) => {
      if (!drops || i === settlement) return fc.constant(true);
      return fact.kind === 'api'
        ? fc.boolean()
        : fc.oneof(
            { arbitrary: fc.constant(true), weight: 8 },
            { arbitrary: fc.constant(false), weight: 1 },
          );
    }),
  );
  const wrapper = fc.constantFrom(...wrappers);
  const noiseCount = constraints.noise === true ? MAX_NOISE : 0;
  const plan: fc.Arbitrary<DeliveryPlan> = fc.record({
    keep,
    wrappers: fc.array(wrapper, { minLength: n, maxLength: n }),
    duplicates: fc.array(fc.record({ index: fc.nat(), wrapper }), { maxLength: maxDuplicates }),
    noise: fc.array(
      fc.record({ kind: fc.constantFrom(...NOISE_KINDS), after: fc.nat() }),
      { maxLength: noiseCount },
    ),
    order: fc.array(fc.nat(), {
      minLength: n + maxDuplicates + noiseCount,
      maxLength: n + maxDuplicates + noiseCount,
    }),
  });

  return plan.map((drawn) => {
    const kept: number[] = [];
    facts.forEach((_fact, i) => {
      if (drawn.keep[i] === true) kept.push(i);
    });
    interface Pending {
      readonly index: number;
      readonly wrapper: EventWrapper;
      readonly copy: number;
      readonly rank: number;
    }
    const pending: Pending[] = kept.map((index) => ({
      index,
      wrapper: drawn.wrappers[index] ?? 'OBJECT',
      copy: 0,
      rank: index * 2,
    }));
    const copies = new Map<number, number>();
    if (kept.length > 0) {
      for (const extra of drawn.duplicates) {
        const index = kept[extra.index % kept.length] ?? 0;
        const copy = (copies.get(index) ?? 0) + 1;
        copies.set(index, copy);
        pending.push({ index, wrapper: extra.wrapper, copy, rank: index * 2 + 1 });
      }
    }
    const slots = pending.length + drawn.noise.length;
    interface Item {
      readonly key: number;
      readonly rank: number;
      readonly make: () => DeliveredPayload;
    }
    const items: Item[] = pending.map((p, i) => ({
        key: shuffle ? (drawn.order[i] ?? 0) : 0,
        rank: p.rank,
        make: () => deliver(lifecycle, facts, p.index, p.wrapper, p.copy, drawn.wrappers, lambdaEvents),
      }));
    drawn.noise.forEach((noise, i) => {
      const at = noise.after % Math.max(1, slots);
      const fact = facts[Math.min(at, n - 1)];
      const time = (fact?.at ?? lifecycle.submittedAt) + 500;
      items.push({
        key: shuffle ? (drawn.order[pending.length + i] ?? 0) : 0,
        rank: at * 2 + 1,
        make: () => ({
          payload: noisePayload(noise.kind, lifecycle, time, `${lifecycle.jobId}#noise-${i}`),
          fact: null,
          wrapper: noise.kind === 'SUBSCRIPTION_CONFIRMATION' ? 'SQS' : 'OBJECT',
          repeat: false,
        }),
      });
    });
    items.sort((a, b) => a.key - b.key || a.rank - b.rank);
    const seen = new Set<string>();
    const payloads = items.map(({ make }) => {
      const made = make();
      if (made.fact === null) return made;
      const repeat = seen.has(made.fact.key);
      seen.add(made.fact.key);
      return { ...made, repeat };
    });
    const keptSet = new Set(kept);
    const delivery: JobDelivery = {
      lifecycle,
      payloads,
      delivered: facts.filter((_f, i) => keptSet.has(i)),
      dropped: facts.filter((_f, i) => !keptSet.has(i)),
    };
    return deepFreeze(withDescription(delivery, () => describeDelivery(delivery)));
  });
}

function deliver(
  lifecycle: JobLifecycle,
  facts: readonly LifecycleFact[],
  index: number,
  wrapper: EventWrapper,
  copy: number,
  firstWrappers: readonly EventWrapper[],
  lambdaEvents: boolean,
): DeliveredPayload {
  const fact = facts[index];
  if (fact === undefined) throw new RangeError(`No fact at ${index}.`);
  if (fact.kind === 'api') {
    const payload = structuredClone(fact.response);
    return { payload, fact, wrapper: DeliveryWrapper.API, repeat: false };
  }
  const first = firstWrappers[index];
  // The same SQS message handed out again (its visibility timeout ran out) keeps its id.
  const redelivery = copy > 0 && first === wrapper && (wrapper === 'SQS' || wrapper === 'SNS_IN_SQS');
  const base = { accountId: lifecycle.accountId, region: lifecycle.region, seed: `${fact.key}#0` };
  const ctx = redelivery
    ? { ...base, at: fact.at + 250, receiveCount: copy + 1 }
    : { ...base, seed: `${fact.key}#${copy}`, at: fact.at + 250 + copy * 1000 };
  const wrapped = wrapEvent(fact.event, wrapper, ctx);
  const payload =
    lambdaEvents &&
    typeof wrapped === 'object' &&
    ('eventSource' in wrapped || 'EventSource' in wrapped)
      ? { Records: [wrapped] }
      : wrapped;
  return { payload, fact, wrapper, repeat: false };
}

function describeDelivery(delivery: JobDelivery): string {
  const { lifecycle } = delivery;
  const lines = delivery.payloads.map((item, i) => {
    const what =
      item.fact === null ? 'unrelated traffic' : describeFact(item.fact, lifecycle.submittedAt);
    return `  ${i + 1}. ${what} as ${item.wrapper}${item.repeat ? ' (repeat)' : ''}`;
  });
  const dropped = delivery.dropped.map((fact) => `  - ${describeFact(fact, lifecycle.submittedAt)}`);
  return [
    `JobDelivery of ${lifecycle.jobId}: ${delivery.payloads.length} payload(s) in arrival order`,
    ...lines,
    ...(dropped.length > 0 ? ['never delivered:', ...dropped] : []),
    describeLifecycle(lifecycle),
  ].join('\n');
}
