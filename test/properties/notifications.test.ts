import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { anyDelivery, settlingDelivery } from './arbitraries.js';
import { finalNotificationsOnce, notificationsFollowTheMachine } from './laws.js';
import { runs, timeout } from './runs.js';

describe('notifications', () => {
  it(
    'form a path through the job machine',
    () => {
      fc.assert(fc.property(anyDelivery, notificationsFollowTheMachine), { numRuns: runs(100) });
    },
    timeout(30_000),
  );

  it(
    'fire each final notification at most once and settled exactly once',
    async () => {
      for (const deliveries of [anyDelivery, settlingDelivery]) {
        await fc.assert(fc.asyncProperty(deliveries, finalNotificationsOnce), { numRuns: runs(60) });
      }
    },
    timeout(30_000),
  );
});
