import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery, settlingDelivery } from './arbitraries.js';
import { reportsWhatItSaw, settlesTruthfully } from './laws.js';
import { runs, timeout } from './runs.js';

describe('what the tracker reports', () => {
  it(
    'is the true final status once the settling fact arrives',
    () => {
      fc.assert(fc.property(settlingDelivery, settlesTruthfully), { numRuns: runs(100) });
    },
    timeout(30_000),
  );

  it(
    'counts each hop once and keeps the attempt, warnings, error and outputs it saw',
    () => {
      fc.assert(fc.property(anyDelivery, reportsWhatItSaw), { numRuns: runs(150) });
    },
    timeout(30_000),
  );
});
