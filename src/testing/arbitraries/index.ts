/**
 * fast-check arbitraries of MediaConvert job histories and of how they are
 * delivered, for property tests of code that consumes MediaConvert events
 * and API responses.
 */
export {
  LifecycleOutcome,
  type JobLifecycle,
  type LifecycleApiFact,
  type LifecycleApiJob,
  type LifecycleEvent,
  type LifecycleEventDetail,
  type LifecycleEventFact,
  type LifecycleFact,
  type LifecycleGetJobResponse,
} from './lifecycle.js';
export {
  jobLifecycleArbitrary,
  type JobLifecycleConstraints,
} from './job-lifecycle-arbitrary.js';
export {
  deliveryArbitrary,
  type DeliveredLambdaEvent,
  type DeliveredPayload,
  type DeliveryConstraints,
  type DeliveryPayload,
  type JobDelivery,
} from './delivery-arbitrary.js';
export {
  DeliveryWrapper,
  wrapEvent,
  type DeliveredSnsRecord,
  type DeliveredSqsRecord,
  type EventWrapper,
  type WrapContext,
} from './wrappers.js';
