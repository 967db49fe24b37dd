import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery } from './arbitraries.js';
import { snapshotRoundTrip } from './laws.js';
import { runs, timeout } from './runs.js';

describe('snapshots', () => {
  it(
    'restoring mid-stream and going on equals never stopping',
    () => {
      fc.assert(fc.property(anyDelivery, fc.nat(), snapshotRoundTrip), { numRuns: runs(100) });
    },
    timeout(30_000),
  );
});
