/**
 * The deliveries the laws run on: the public arbitraries, in a mix of
 * settings so every law also meets noise, Lambda batches, millisecond API
 * times and histories without API views.
 */
import * as fc from 'fast-check';
import {
  deliveryArbitrary,
  jobLifecycleArbitrary,
  type DeliveryConstraints,
  type JobDelivery,
  type JobLifecycleConstraints,
} from '../../src/testing/arbitraries/index.js';

/** One history and one delivery of it. */
export function deliveryOf(
  lifecycle: JobLifecycleConstraints = {},
  delivery: DeliveryConstraints = {},
): fc.Arbitrary<JobDelivery> {
  return jobLifecycleArbitrary(lifecycle).chain((l) => deliveryArbitrary(l, delivery));
}

/** Deliveries in every setting the laws must hold in. */
export const anyDelivery: fc.Arbitrary<JobDelivery> = fc.oneof(
  { arbitrary: deliveryOf(), weight: 4 },
  { arbitrary: deliveryOf({}, { noise: true, lambdaEvents: true }), weight: 1 },
  { arbitrary: deliveryOf({ apiMilliseconds: true }, { maxDuplicates: 8 }), weight: 1 },
  { arbitrary: deliveryOf({}, { apiViews: false }), weight: 1 },
  { arbitrary: deliveryOf({ maxApiViews: 6 }, { drops: false }), weight: 1 },
);

/** Deliveries in which the fact that settles the job always arrives. */
export const settlingDelivery: fc.Arbitrary<JobDelivery> = deliveryOf({}, { keepSettlement: true });

/** Positions and choices the laws draw alongside a delivery. */
export const choices = fc.array(fc.nat(), { minLength: 64, maxLength: 64 });

/** Several jobs with distinct ids, each with its own delivery. */
export const fleetDeliveries: fc.Arbitrary<JobDelivery[]> = fc
  .uniqueArray(jobLifecycleArbitrary(), {
    minLength: 2,
    maxLength: 4,
    selector: (lifecycle) => lifecycle.jobId,
  })
  .chain((lifecycles) =>
    fc.tuple(...lifecycles.map((l) => deliveryArbitrary(l, { noise: true }))),
  );
