import type * as fc from 'fast-check';
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiResponse, MediaConvertJobStateChangeEvent } from '../../src/index.js';
import {
  deliveryArbitrary,
  jobLifecycleArbitrary,
  type DeliveryPayload,
  type JobDelivery,
  type JobLifecycle,
  type LifecycleEvent,
  type LifecycleGetJobResponse,
} from '../../src/testing/index.js';

describe('the arbitraries types', () => {
  it('are fast-check arbitraries of lifecycles and deliveries', () => {
    expectTypeOf(jobLifecycleArbitrary()).toEqualTypeOf<fc.Arbitrary<JobLifecycle>>();
    expectTypeOf(deliveryArbitrary).returns.toEqualTypeOf<fc.Arbitrary<JobDelivery>>();
  });

  it('give events and API views the library reads as they are', () => {
    expectTypeOf<LifecycleEvent>().toExtend<MediaConvertJobStateChangeEvent>();
    expectTypeOf<LifecycleGetJobResponse>().toExtend<ApiResponse>();
  });

  it('narrow a payload by its shape', () => {
    expectTypeOf<Extract<DeliveryPayload, string>>().toEqualTypeOf<string>();
    expectTypeOf<JobDelivery['payloads'][number]['fact']>().toBeNullable();
  });
});
