import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { fleetDeliveries } from './arbitraries.js';
import { fleetMatchesLoneTrackers } from './laws.js';
import { runs, timeout } from './runs.js';

describe('a fleet', () => {
  it(
    'gives each of several interleaved jobs the state a lone tracker gives it',
    () => {
      const interleaving = fc.array(fc.nat(), { minLength: 256, maxLength: 256 });
      fc.assert(fc.property(fleetDeliveries, interleaving, fleetMatchesLoneTrackers), {
        numRuns: runs(60),
      });
    },
    timeout(30_000),
  );
});
