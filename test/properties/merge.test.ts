import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery, choices } from './arbitraries.js';
import { mergeIsALattice, splitAndMerge, statesOfParts } from './laws.js';
import { runs, timeout } from './runs.js';

describe('mergeJobStates', () => {
  it(
    'is commutative, associative and idempotent on states of one job',
    () => {
      fc.assert(
        fc.property(anyDelivery, choices, (delivery, parts) => {
          const [a, b, c] = statesOfParts(delivery, parts, 3);
          if (a === undefined || b === undefined || c === undefined) {
            throw new Error('Expected three states.');
          }
          mergeIsALattice(a, b, c);
        }),
        { numRuns: runs(150) },
      );
    },
    timeout(30_000),
  );

  it(
    'of two trackers fed halves of a delivery equals one tracker fed all of it',
    () => {
      fc.assert(fc.property(anyDelivery, choices, splitAndMerge), { numRuns: runs(150) });
    },
    timeout(30_000),
  );
});
