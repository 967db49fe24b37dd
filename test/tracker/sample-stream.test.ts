import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createJobFleet, createJobTracker } from '../../src/index.js';

const lines = readFileSync(new URL('../fixtures/streams/two-jobs.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

describe('the sample stream of two interleaved jobs', () => {
  it('ends with one job COMPLETE and the other ERROR 3450', () => {
    const fleet = createJobFleet();

    const kinds = lines.map((line) => fleet.ingest(line).kind);

    const done = fleet.get('1733238000123-a1b2c3');
    const failed = fleet.get('1733238011456-d4e5f6');
    expect(done?.status).toBe('COMPLETE');
    expect(done?.outputs.map((g) => g.type)).toEqual(['HLS_GROUP', 'FILE_GROUP']);
    expect(done?.outputs[0]?.hlsManifest).toBe('s3://DOC-EXAMPLE-BUCKET/out/lecture-07/index.m3u8');
    expect(Object.keys(done?.warnings ?? {})).toEqual(['230004']);
    expect(done?.progress.jobPercent).toBe(99);
    expect(done?.inputs[0]?.uri).toBe('s3://DOC-EXAMPLE-BUCKET/in/lecture-07.mov');
    expect(failed?.status).toBe('ERROR');
    expect(failed?.error).toEqual({
      code: 3450,
      message: "3450: Error encountered when accessing: 's3://DOC-EXAMPLE-BUCKET/in/missing.mp4'.",
    });
    expect(failed?.warnings['230004']?.message).toContain('media header atom');
    expect(kinds.filter((k) => k === 'duplicate')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'stale')).toHaveLength(1);
  });

  it('gives the same states for the stream reversed', () => {
    const forward = createJobFleet();
    const backward = createJobFleet();

    for (const line of lines) forward.ingest(line);
    for (const line of [...lines].reverse()) backward.ingest(line);

    for (const state of forward) {
      const other = backward.get(state.jobId ?? '');
      expect({ ...other, anomalies: [], appliedEventIds: [] }).toEqual({
        ...state,
        anomalies: [],
        appliedEventIds: [],
      });
    }
  });

  it('takes every wrapper a delivery can come in', () => {
    const event = JSON.parse(lines[0] ?? '{}') as unknown;
    const body = JSON.stringify(event);
    const sns = { Type: 'Notification', MessageId: 'm-1', Message: body };
    const payloads: unknown[] = [
      event,
      body,
      { messageId: '1', eventSource: 'aws:sqs', body },
      { EventSource: 'aws:sns', Sns: { ...sns } },
      { messageId: '2', eventSource: 'aws:sqs', body: JSON.stringify(sns) },
      { Records: [{ messageId: '3', eventSource: 'aws:sqs', body }] },
    ];

    const outcomes = payloads.map((payload) => {
      const tracker = createJobTracker();
      return [tracker.ingest(payload).kind, tracker.state.status];
    });

    expect(outcomes).toEqual(payloads.map(() => ['applied', 'PROGRESSING']));
  });

  it('skips a subscription confirmation with a reason', () => {
    const tracker = createJobTracker();

    const result = tracker.ingest({ Type: 'SubscriptionConfirmation', Message: 'confirm', SubscribeURL: 'https://example.com' });

    expect(result.kind).toBe('ignored');
    expect(result.reason).toBe('SUBSCRIPTION_CONFIRMATION');
    expect(tracker.state.jobId).toBeNull();
  });

  it('throws a typed error for a broken payload and keeps its state', () => {
    const tracker = createJobTracker();
    tracker.ingest(lines[0]);
    const before = tracker.state;

    expect(() => tracker.ingest('{"detail": ')).toThrowError(expect.objectContaining({ code: 'INVALID_JSON' }));
    expect(tracker.state).toBe(before);
  });
});

describe('a GetJob response alone', () => {
  const fixture = (name: string): unknown =>
    JSON.parse(readFileSync(new URL(`../fixtures/api/${name}`, import.meta.url), 'utf8'));

  it('settles a failed job with its error, times and queue', () => {
    const tracker = createJobTracker();

    const result = tracker.ingest(fixture('get-job-error.rest.json'));

    expect(result.kind).toBe('applied');
    expect(tracker.state).toMatchObject({
      jobId: '1234567890987-1ab2c3',
      status: 'ERROR',
      phase: null,
      error: { code: 1434 },
      settledAt: 1517442131000,
      timing: { submittedAt: 1517442103000, startedAt: 1517442104000, finishedAt: 1517442131000 },
      queue: { submitted: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Queue1' },
    });
  });

  it('places a progressing job in its phase with its percent and metadata', () => {
    const tracker = createJobTracker();

    tracker.ingest(fixture('get-job-progressing.rest.json'));

    expect(tracker.state).toMatchObject({
      status: 'PROGRESSING',
      phase: 'TRANSCODING',
      attempt: 0,
      progress: { jobPercent: 41 },
      userMetadata: { assetId: 'asset-0042' },
      messages: { info: ['Job will be processed without acceleration.'] },
    });
  });
});
