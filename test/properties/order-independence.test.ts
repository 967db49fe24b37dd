import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery } from './arbitraries.js';
import { orderIndependence } from './laws.js';
import { runs, timeout } from './runs.js';

// The state after a shuffled, duplicated, lossy delivery is compared with
// the state after the same distinct facts applied in timestamp order. Two
// parts of a state legitimately depend on arrival order and are left out
// of the comparison: `anomalies` (an input is an anomaly only because it
// came late) and `appliedEventIds` (kept in arrival order).
describe('order independence', () => {
  it(
    'gives the in-order state for the facts both saw',
    () => {
      fc.assert(fc.property(anyDelivery, orderIndependence), { numRuns: runs(150) });
    },
    timeout(30_000),
  );
});
