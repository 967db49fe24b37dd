import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery } from './arbitraries.js';
import { actorAgreesWithFastPath } from './laws.js';
import { runs, timeout } from './runs.js';

describe('the xstate actor and the compiled fast path', () => {
  it(
    'agree on every generated delivery',
    () => {
      fc.assert(fc.property(anyDelivery, actorAgreesWithFastPath), { numRuns: runs(100) });
    },
    timeout(30_000),
  );
});
