import { describe, expect, it } from 'vitest';
import {
  createJobFleet,
  createJobTracker,
  mergeJobStates,
} from '../../src/index.js';
import { joinMetadata } from '../../src/state/joins.js';
import { eventFixture } from '../adapters/helpers.js';

/** A PROGRESSING event of job `jobId` carrying `metadata`, as JSON text. */
function eventText(jobId: string, metadata: string, timestamp = 1671477621654): string {
  const event = eventFixture('progressing');
  const detail = { ...(event.detail as Record<string, unknown>), jobId, timestamp };
  return JSON.stringify({ ...event, id: `e-${jobId}-${timestamp}`, detail }).replace(
    '"userMetadata":{}',
    `"userMetadata":${metadata}`,
  );
}

const NAMES = '{"constructor":"c","prototype":"p","toString":"t","hasOwnProperty":"h"}';

describe('metadata keys that name Object.prototype members', () => {
  it('keeps them as plain data through a tracker', () => {
    const tracker = createJobTracker();

    tracker.ingest(eventText('j-1', NAMES));
    tracker.ingest(eventText('j-1', '{"constructor":"d","assetId":"a-1"}', 1671477621700));

    expect(tracker.state.userMetadata).toEqual({
      constructor: 'd',
      prototype: 'p',
      toString: 't',
      hasOwnProperty: 'h',
      assetId: 'a-1',
    });
    expect(Object.getPrototypeOf(tracker.state.userMetadata)).toBe(Object.prototype);
    expect(Object.prototype.toString).toBe(Object.prototype.toString);
    expect(typeof {}.constructor).toBe('function');
  });

  it('joins maps without reaching any prototype, __proto__ included', () => {
    const a = JSON.parse('{"constructor":"c","__proto__":"x"}') as Record<string, string>;
    const b = JSON.parse('{"prototype":"p","__proto__":"y"}') as Record<string, string>;

    const joined = joinMetadata(a, b);

    expect(Object.getPrototypeOf(joined)).toBe(Object.prototype);
    expect(Object.keys(joined).sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(joined, '__proto__')?.value).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('merges states and round-trips snapshots with them', () => {
    const first = createJobTracker();
    const second = createJobTracker();
    first.ingest(eventText('j-1', '{"constructor":"c"}'));
    second.ingest(eventText('j-1', '{"prototype":"p"}', 1671477621700));

    const merged = mergeJobStates(first.state, second.state);
    const restored = createJobTracker({ snapshot: JSON.parse(JSON.stringify(second.snapshot())) });

    expect(merged.userMetadata).toEqual({ constructor: 'c', prototype: 'p' });
    expect(restored.state.userMetadata).toEqual({ prototype: 'p' });
  });

  it('lets a fleet filter on such a key', () => {
    const fleet = createJobFleet({ filter: { userMetadata: { constructor: 'c' } } });

    const kept = fleet.ingest(eventText('j-1', '{"constructor":"c"}'));
    const refused = fleet.ingest(eventText('j-2', '{"prototype":"p"}'));

    expect(kept.kind).toBe('applied');
    expect(refused).toMatchObject({ kind: 'ignored', reason: 'FILTERED' });
  });
});
