import type {
  CreateJobCommandOutput,
  GetJobCommandOutput,
  GetJobsQueryResultsCommandOutput,
  Job,
  ListJobsCommandOutput,
  SearchJobsCommandOutput,
} from '@aws-sdk/client-mediaconvert';
import { describe, expectTypeOf, it } from 'vitest';
import {
  parseApiJob,
  parseApiResponse,
  parseEvent,
  parseInputs,
  type ApiJob,
  type ApiResponse,
  type ApiWireJob,
  type ParsedItem,
  type SkipReason,
} from '../../src/adapters/index.js';
import type { ApiSnapshotInput, JobInput } from '../../src/model/index.js';

describe('the API types accept what the SDK returns', () => {
  it('takes the SDK Job where the parser takes a job', () => {
    expectTypeOf<Job>().toExtend<ApiJob>();
    expectTypeOf<Job>().toExtend<Parameters<typeof parseApiJob>[0]>();
  });

  it('takes every SDK job response as an ApiResponse', () => {
    expectTypeOf<GetJobCommandOutput>().toExtend<ApiResponse>();
    expectTypeOf<CreateJobCommandOutput>().toExtend<ApiResponse>();
    expectTypeOf<ListJobsCommandOutput>().toExtend<ApiResponse>();
    expectTypeOf<SearchJobsCommandOutput>().toExtend<ApiResponse>();
    expectTypeOf<GetJobsQueryResultsCommandOutput>().toExtend<ApiResponse>();
  });

  it('takes the wire form as a job too', () => {
    expectTypeOf<ApiWireJob>().toExtend<Parameters<typeof parseApiJob>[0]>();
  });

  it('refuses a job whose fields have the wrong types', () => {
    expectTypeOf<{ Id: number }>().not.toExtend<ApiJob>();
    expectTypeOf<{ Timing: { StartTime: boolean } }>().not.toExtend<ApiJob>();
  });
});

describe('the results', () => {
  it('gives API snapshots from API responses', () => {
    expectTypeOf(parseApiResponse).returns.toEqualTypeOf<readonly ApiSnapshotInput[]>();
    expectTypeOf(parseApiJob).returns.toEqualTypeOf<ApiSnapshotInput>();
  });

  it('gives items that narrow by kind', () => {
    expectTypeOf(parseInputs).returns.toEqualTypeOf<readonly ParsedItem[]>();
    const item = {} as ParsedItem;
    if (item.kind === 'input') expectTypeOf(item.input).toEqualTypeOf<JobInput>();
    if (item.kind === 'skipped') expectTypeOf(item.reason).toEqualTypeOf<SkipReason>();
    expectTypeOf(parseEvent).returns.not.toHaveProperty('error');
  });
});
