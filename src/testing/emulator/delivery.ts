/**
 * Delivery of emitted events to subscribers, with the faults of the real
 * event channel (loss, duplicates, delay, reordering) drawn from a seeded
 * stream, and a log of what was emitted against what was delivered.
 */
import type { EmulatorClock } from './clock.js';
import type { JobStateChangeEvent } from './events.js';
import type { Random } from './random.js';

/**
 * Faults of the event channel. Every rate is a probability from 0 to 1,
 * drawn per emitted event from the emulator's seed.
 *
 * @example
 * ```ts
 * emulator.setDeliveryFaults({ duplicateRate: 0.2, reorderRate: 0.2, lossRate: 0.05 });
 * ```
 */
export interface DeliveryFaults {
  /**
   * Share of events never delivered.
   * @defaultValue 0
   */
  readonly lossRate?: number;
  /**
   * Share of events delivered twice (same `id`).
   * @defaultValue 0
   */
  readonly duplicateRate?: number;
  /**
   * The copy of a duplicated event arrives up to this many emulator ms after the original.
   * @defaultValue 30000
   */
  readonly duplicateDelayMs?: number;
  /**
   * Share of events held back and delivered after the job's next event.
   * @defaultValue 0
   */
  readonly reorderRate?: number;
  /**
   * A held event whose job sends nothing more is released after this many emulator ms.
   * @defaultValue 60000
   */
  readonly reorderMaxHoldMs?: number;
  /**
   * Latency of every delivery in emulator ms: a fixed value or a `[min, max]` range.
   * @defaultValue 0
   */
  readonly delayMs?: number | readonly [number, number];
}

/**
 * How one delivery came about.
 *
 * @example
 * ```ts
 * emulator.subscribe((event, info) => {
 *   if (info.duplicate) console.log('again:', event.id);
 * });
 * ```
 */
export interface DeliveryInfo {
  /** When the event was emitted (its `detail.timestamp`), emulator epoch ms. */
  readonly emittedAt: number;
  /** When it was delivered, emulator epoch ms. */
  readonly deliveredAt: number;
  /** A second delivery of the same event. */
  readonly duplicate: boolean;
  /** Held back and released after a later event of the same job. */
  readonly reordered: boolean;
}

/**
 * Receives delivered events. Called synchronously while the emulator's clock
 * runs; an error thrown here is kept in `emulator.listenerErrors`.
 *
 * @example
 * ```ts
 * const received: JobStateChangeEvent[] = [];
 * emulator.subscribe((event) => received.push(event));
 * ```
 */
export type EventListener = (event: JobStateChangeEvent, info: DeliveryInfo) => void;

/**
 * One delivery, as the log keeps it.
 *
 * @example
 * ```ts
 * const late = emulator.eventLog().delivered.filter((d) => d.deliveredAt - d.emittedAt > 1_000);
 * ```
 */
export interface DeliveryRecord extends DeliveryInfo {
  readonly event: JobStateChangeEvent;
}

/**
 * What was emitted against what was delivered, oldest first.
 *
 * @example
 * ```ts
 * const { emitted, delivered, lost } = emulator.eventLog();
 * expect(delivered.length).toBe(emitted.length - lost.length + duplicates);
 * ```
 */
export interface EventLog {
  readonly emitted: readonly JobStateChangeEvent[];
  readonly delivered: readonly DeliveryRecord[];
  readonly lost: readonly JobStateChangeEvent[];
}

interface Held {
  readonly event: JobStateChangeEvent;
  readonly release: { cancel(): void };
}

function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit + Math.max(16, limit >> 2)) list.splice(0, list.length - limit);
}

/**
 * The event channel between the emulated service and its subscribers.
 *
 * @example
 * ```ts
 * const delivery = new EventDelivery(clock, random.fork('delivery'), {}, 10_000);
 * delivery.subscribe((event) => seen.push(event));
 * delivery.emit(event);
 * ```
 */
export class EventDelivery {
  private readonly listeners = new Set<EventListener>();
  private readonly held = new Map<string, Held[]>();
  private readonly emitted: JobStateChangeEvent[] = [];
  private readonly delivered: DeliveryRecord[] = [];
  private readonly lost: JobStateChangeEvent[] = [];
  private inFlight = 0;
  /** Errors thrown by listeners, oldest first. */
  readonly errors: unknown[] = [];

  constructor(
    private readonly clock: EmulatorClock,
    private readonly random: Random,
    private faults: DeliveryFaults,
    private readonly logLimit: number,
  ) {}

  /** Replaces the fault settings; later emissions use them. */
  setFaults(faults: DeliveryFaults): void {
    this.faults = faults;
  }

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Whether deliveries are still waiting (delayed, held or duplicated copies). */
  get pending(): boolean {
    return this.inFlight > 0;
  }

  /** The log of emitted, delivered and lost events. */
  log(): EventLog {
    return { emitted: [...this.emitted], delivered: [...this.delivered], lost: [...this.lost] };
  }

  /** Empties the log. */
  clearLog(): void {
    this.emitted.length = 0;
    this.delivered.length = 0;
    this.lost.length = 0;
  }

  /** Sends an event into the channel at the current emulator time. */
  emit(event: JobStateChangeEvent): void {
    const now = this.clock.now();
    pushBounded(this.emitted, event, this.logLimit);
    // Always draw the same five values so one event's fate never shifts another's.
    const loss = this.random.next();
    const delay = this.random.next();
    const reorder = this.random.next();
    const duplicate = this.random.next();
    const duplicateDelay = this.random.next();
    const f = this.faults;
    if (loss < (f.lossRate ?? 0)) {
      pushBounded(this.lost, event, this.logLimit);
      return;
    }
    const range = f.delayMs ?? 0;
    const [min, max] = typeof range === 'number' ? [range, range] : range;
    const latency = Math.round(min + delay * (max - min));
    const emittedAt = event.detail.timestamp;
    if (reorder < (f.reorderRate ?? 0)) {
      this.hold(event, now + latency + (f.reorderMaxHoldMs ?? 60_000));
    } else {
      this.later(now + latency, () => this.deliver(event, emittedAt, false, false, true));
    }
    if (duplicate < (f.duplicateRate ?? 0)) {
      const extra = Math.round(duplicateDelay * (f.duplicateDelayMs ?? 30_000));
      this.later(now + latency + extra, () => this.deliver(event, emittedAt, true, false, false));
    }
  }

  /** Delivers every held event now, in the order they were held. */
  flush(): void {
    for (const jobId of [...this.held.keys()]) this.release(jobId);
  }

  private later(at: number, run: () => void): void {
    if (at <= this.clock.now()) {
      run();
      return;
    }
    this.inFlight++;
    this.clock.schedule(at, () => {
      this.inFlight--;
      run();
    });
  }

  private hold(event: JobStateChangeEvent, until: number): void {
    const jobId = event.detail.jobId;
    this.inFlight++;
    const release = this.clock.schedule(until, () => this.release(jobId));
    const list = this.held.get(jobId) ?? [];
    list.push({ event, release });
    this.held.set(jobId, list);
  }

  private release(jobId: string): void {
    const list = this.held.get(jobId);
    if (list === undefined) return;
    this.held.delete(jobId);
    for (const item of list) {
      item.release.cancel();
      this.inFlight--;
      this.deliver(item.event, item.event.detail.timestamp, false, true, false);
    }
  }

  private deliver(
    event: JobStateChangeEvent,
    emittedAt: number,
    duplicate: boolean,
    reordered: boolean,
    releaseHeld: boolean,
  ): void {
    const info: DeliveryInfo = { emittedAt, deliveredAt: this.clock.now(), duplicate, reordered };
    pushBounded(this.delivered, { event, ...info }, this.logLimit);
    for (const listener of [...this.listeners]) {
      try {
        listener(event, info);
      } catch (error) {
        this.errors.push(error);
      }
    }
    if (releaseHeld) this.release(event.detail.jobId);
  }
}
