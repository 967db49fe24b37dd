import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery } from './arbitraries.js';
import { forgottenDuplicatesAreHarmless, ingestTwiceChangesNothing } from './laws.js';
import { runs, timeout } from './runs.js';

describe('idempotence', () => {
  it(
    'ingesting any payload of a prefix again changes nothing',
    () => {
      fc.assert(
        fc.property(anyDelivery, fc.nat(), fc.nat(), ingestTwiceChangesNothing),
        { numRuns: runs(150) },
      );
    },
    timeout(30_000),
  );

  it(
    'a duplicate beyond the remembered ids changes no fact and no status',
    () => {
      fc.assert(fc.property(anyDelivery, fc.nat(), forgottenDuplicatesAreHarmless), {
        numRuns: runs(100),
      });
    },
    timeout(30_000),
  );
});
