import { CreateJobCommand } from '@aws-sdk/client-mediaconvert';
import { describe, expect, it } from 'vitest';
import {
  startMediaConvertEmulator,
  type DeliveryFaults,
  type DeliveryInfo,
  type EventLog,
  type JobStateChangeEvent,
} from '../../src/testing/index.js';
import { clientFor, jobRequest, ROLE, START } from './helpers.js';

interface Run {
  readonly delivered: { readonly event: JobStateChangeEvent; readonly info: DeliveryInfo }[];
  readonly log: EventLog;
}

/** Six jobs with a fixed plan under `faults`, settled; what the subscriber saw and the log. */
async function run(seed: number, faults: DeliveryFaults): Promise<Run> {
  const emulator = await startMediaConvertEmulator({
    clock: 'manual',
    seed,
    startTime: START,
    deliveryFaults: faults,
    plan: () => ({
      queueWaitMs: 3_000,
      probingMs: 4_000,
      transcodingMs: 150_000,
      uploadingMs: 6_000,
      retries: 0,
      outcome: { status: 'COMPLETE' },
      warnings: [],
    }),
  });
  const delivered: Run['delivered'] = [];
  emulator.subscribe((event, info) => delivered.push({ event, info }));
  emulator.createJobs(6, { Role: ROLE, Settings: { OutputGroups: [] }, StatusUpdateInterval: 'SECONDS_30' });
  emulator.advanceUntilSettled();
  const log = emulator.eventLog();
  await emulator.close();
  return { delivered, log };
}

const FAULTY: DeliveryFaults = { duplicateRate: 0.2, reorderRate: 0.2, lossRate: 0.1 };

describe('event delivery faults', () => {
  it('delivers every event once, in order, without faults', async () => {
    const { delivered, log } = await run(1, {});

    expect(delivered.map((d) => d.event)).toEqual(log.emitted);
    expect(log.lost).toEqual([]);
    expect(delivered.every((d) => !d.info.duplicate && !d.info.reordered)).toBe(true);
  });

  it('duplicates, reorders and loses events deterministically per seed', async () => {
    const a = await run(7, FAULTY);
    const b = await run(7, FAULTY);
    const c = await run(8, FAULTY);

    const trace = (r: Run): string[] =>
      r.delivered.map((d) => `${d.event.id}:${d.info.duplicate}:${d.info.reordered}:${d.info.deliveredAt}`);
    expect(trace(a)).toEqual(trace(b));
    expect(trace(a)).not.toEqual(trace(c));
  });

  it('shows each fault in the log: duplicates share an id, held events arrive late, lost ones never', async () => {
    const { delivered, log } = await run(7, FAULTY);

    const emittedIds = log.emitted.map((e) => e.id);
    const lostIds = new Set(log.lost.map((e) => e.id));
    const firstCopies = delivered.filter((d) => !d.info.duplicate).map((d) => d.event.id);
    const duplicates = delivered.filter((d) => d.info.duplicate);
    const reordered = delivered.filter((d) => d.info.reordered);
    const positions = new Map(emittedIds.map((id, i) => [id, i]));
    const order = firstCopies.map((id) => positions.get(id) ?? -1);
    expect(lostIds.size).toBeGreaterThan(0);
    expect(duplicates.length).toBeGreaterThan(0);
    expect(reordered.length).toBeGreaterThan(0);
    expect(new Set(firstCopies)).toEqual(new Set(emittedIds.filter((id) => !lostIds.has(id))));
    expect(firstCopies).toHaveLength(new Set(firstCopies).size);
    expect(duplicates.every((d) => firstCopies.includes(d.event.id))).toBe(true);
    expect(order).not.toEqual([...order].sort((x, y) => x - y));
    expect(log.delivered.map((d) => d.event.id)).toEqual(delivered.map((d) => d.event.id));
    for (const held of reordered) {
      const at = delivered.indexOf(held);
      const laterEmitted = delivered
        .slice(0, at)
        .some((d) => d.event.detail.jobId === held.event.detail.jobId && d.info.emittedAt > held.info.emittedAt);
      const timedOut = held.info.deliveredAt - held.info.emittedAt >= 60_000;
      expect(laterEmitted || timedOut).toBe(true);
    }
  });

  it('delays every delivery by delayMs of emulator time, keeping order', async () => {
    const { delivered, log } = await run(3, { delayMs: 5_000 });

    expect(delivered.map((d) => d.event)).toEqual(log.emitted);
    expect(delivered.every((d) => d.info.deliveredAt - d.info.emittedAt === 5_000)).toBe(true);
  });

  it('changes faults at run time and stops delivering to a removed listener', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 4, startTime: START });
    const client = clientFor(emulator);
    const seen: JobStateChangeEvent[] = [];
    const unsubscribe = emulator.subscribe((event) => seen.push(event));

    emulator.setDeliveryFaults({ lossRate: 1 });
    await client.send(new CreateJobCommand(jobRequest({ UserMetadata: { 'emulator:outcome': 'COMPLETE' } })));
    emulator.advance(600_000);
    emulator.setDeliveryFaults({});
    await client.send(new CreateJobCommand(jobRequest({ UserMetadata: { 'emulator:outcome': 'COMPLETE' } })));
    emulator.advance(20_000);
    const countBefore = seen.length;
    unsubscribe();
    emulator.advanceUntilSettled();
    client.destroy();
    await emulator.close();

    expect(countBefore).toBeGreaterThan(0);
    expect(seen.length).toBe(countBefore);
    expect(emulator.eventLog().lost.length).toBeGreaterThan(0);
  });

  it('keeps listener errors and rethrows them from advance()', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual', startTime: START });
    emulator.subscribe(() => {
      throw new Error('listener broke');
    });
    emulator.createJobs(1, { Role: ROLE, Settings: {}, UserMetadata: { 'emulator:outcome': 'COMPLETE' } });

    const advance = (): void => emulator.advance(600_000);

    expect(advance).toThrow('listener broke');
    expect(emulator.listenerErrors.length).toBeGreaterThan(0);
    await emulator.close();
  });
});
