import type { CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { describe, expectTypeOf, it } from 'vitest';
import type { JsonObject } from '../../src/model/json.js';
import type {
  CreateJobInput,
  EmulatorStats,
  JobPlan,
  JobStateChangeEvent,
  MediaConvertEmulator,
  PlannedOutcome,
} from '../../src/testing/index.js';

describe('emulator types', () => {
  it('accepts the SDK CreateJob input in createJobs()', () => {
    expectTypeOf<CreateJobCommandInput>().toExtend<CreateJobInput>();
    expectTypeOf<MediaConvertEmulator['createJobs']>().parameter(1).toEqualTypeOf<CreateJobInput>();
  });

  it('emits events that are plain JSON', () => {
    expectTypeOf<JobStateChangeEvent>().toExtend<JsonObject>();
    expectTypeOf<JobStateChangeEvent['detail']['timestamp']>().toEqualTypeOf<number>();
  });

  it('counts calls per operation', () => {
    expectTypeOf<EmulatorStats['GetJob']>().toEqualTypeOf<number>();
    expectTypeOf<EmulatorStats>().toHaveProperty('SearchJobs');
  });

  it('narrows a planned outcome by status', () => {
    expectTypeOf<Extract<PlannedOutcome, { status: 'ERROR' }>['code']>().toEqualTypeOf<number>();
    expectTypeOf<JobPlan['outcome']>().toEqualTypeOf<PlannedOutcome>();
  });
});
