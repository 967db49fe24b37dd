/**
 * A queue of actions keyed by emulator time. Actions due at the same time
 * run in the order they were scheduled, so a run is reproducible.
 */

/**
 * A scheduled action; `cancel()` keeps it from running.
 *
 * @example
 * ```ts
 * const action = scheduler.schedule(at, run);
 * action.cancel();
 * ```
 */
export interface ScheduledAction {
  readonly at: number;
  cancel(): void;
}

interface Entry {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
  canceled: boolean;
}

function before(x: Entry, y: Entry): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

/**
 * A binary min-heap of actions ordered by time, then by scheduling order.
 *
 * @example
 * ```ts
 * const scheduler = new Scheduler();
 * scheduler.schedule(1_000, () => emit('PROGRESSING'));
 * scheduler.runUntil(5_000);
 * ```
 */
export class Scheduler {
  private readonly heap: Entry[] = [];
  private seq = 0;

  /** How many actions are waiting (canceled ones included until they surface). */
  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at emulator time `at` (epoch milliseconds). */
  schedule(at: number, run: () => void): ScheduledAction {
    const entry: Entry = { at, seq: this.seq++, run, canceled: false };
    this.push(entry);
    return {
      at,
      cancel: () => {
        entry.canceled = true;
      },
    };
  }

  /** The time of the earliest live action, or `null` when none is waiting. */
  peekTime(): number | null {
    this.dropCanceled();
    return this.heap[0]?.at ?? null;
  }

  /**
   * Runs every action due at or before `time`, earliest first, including
   * actions that running ones schedule within the window. `onTime` is told
   * each action's time before it runs, so the clock can follow.
   */
  runUntil(time: number, onTime: (at: number) => void = () => undefined): number {
    let count = 0;
    for (;;) {
      this.dropCanceled();
      const top = this.heap[0];
      if (top === undefined || top.at > time) return count;
      this.pop();
      onTime(top.at);
      top.run();
      count++;
    }
  }

  /** Forgets every waiting action. */
  clear(): void {
    this.heap.length = 0;
  }

  private dropCanceled(): void {
    while (this.heap[0]?.canceled === true) this.pop();
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (p === undefined || !before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = last;
      let at = -1;
      const l = heap[left];
      const r = heap[right];
      if (l !== undefined && before(l, smallest)) {
        smallest = l;
        at = left;
      }
      if (r !== undefined && before(r, smallest)) {
        smallest = r;
        at = right;
      }
      if (at === -1) break;
      heap[i] = smallest;
      i = at;
    }
    heap[i] = last;
  }
}
