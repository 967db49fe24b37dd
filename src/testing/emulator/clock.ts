/**
 * The emulator's own notion of now, and what moves it: either the caller
 * (`manual`) or the wall clock multiplied by a speed factor (`real`).
 */
import { Scheduler, type ScheduledAction } from './scheduler.js';

/**
 * How the emulator's clock moves.
 *
 * @example
 * ```ts
 * await startMediaConvertEmulator({ clock: ClockMode.MANUAL });
 * ```
 */
export const ClockMode = {
  /** Time stands still until the caller advances it. */
  MANUAL: 'manual',
  /** Time follows the wall clock, multiplied by `speed`. */
  REAL: 'real',
} as const;

/**
 * One of the values of {@link ClockMode}.
 *
 * @example
 * ```ts
 * const mode: ClockMode = 'manual';
 * ```
 */
export type ClockMode = (typeof ClockMode)[keyof typeof ClockMode];

/** The longest delay `setTimeout` accepts. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Settings of an {@link EmulatorClock}.
 *
 * @example
 * ```ts
 * const settings: EmulatorClockSettings = { mode: 'real', speed: 60, startTime: Date.now() };
 * ```
 */
export interface EmulatorClockSettings {
  readonly mode: ClockMode;
  /** Emulator milliseconds per wall-clock millisecond (`real` mode only). */
  readonly speed: number;
  /** The emulator time at start, epoch milliseconds. */
  readonly startTime: number;
}

/**
 * Drives a {@link Scheduler} with emulator time. In `real` mode one unref'd
 * timer waits for the next due action, so the clock never keeps a process
 * alive.
 *
 * @example
 * ```ts
 * const clock = new EmulatorClock({ mode: 'manual', speed: 1, startTime: Date.now() });
 * clock.schedule(clock.now() + 5_000, () => emit());
 * clock.advance(5_000); // runs the action
 * ```
 */
export class EmulatorClock {
  readonly mode: ClockMode;
  readonly speed: number;
  private readonly scheduler = new Scheduler();
  private manualNow: number;
  private offset = 0;
  private readonly realStart = performance.now();
  private readonly startTime: number;
  private timer: NodeJS.Timeout | null = null;
  private timerAt: number | null = null;
  private stopped = false;
  private running = false;

  constructor(settings: EmulatorClockSettings) {
    this.mode = settings.mode;
    this.speed = settings.speed;
    this.startTime = settings.startTime;
    this.manualNow = settings.startTime;
  }

  /** The emulator's current time, epoch milliseconds. */
  now(): number {
    if (this.mode === ClockMode.MANUAL) return this.manualNow;
    const elapsed = (performance.now() - this.realStart) * this.speed;
    return Math.floor(this.startTime + this.offset + elapsed);
  }

  /** Whether actions are waiting. */
  get pending(): boolean {
    return this.scheduler.peekTime() !== null;
  }

  /** Runs `run` when the emulator time reaches `at`. */
  schedule(at: number, run: () => void): ScheduledAction {
    const action = this.scheduler.schedule(at, run);
    if (this.mode === ClockMode.REAL && !this.running) this.arm();
    return action;
  }

  /** Runs every action already due (in `real` mode the wall clock moves on its own). */
  catchUp(): void {
    this.runTo(this.now());
  }

  /** Moves time forward by `ms` and runs every action due on the way. */
  advance(ms: number): void {
    const target = this.now() + ms;
    if (this.mode === ClockMode.REAL) this.offset += ms;
    this.runTo(target);
    if (this.mode === ClockMode.MANUAL) this.manualNow = Math.max(this.manualNow, target);
  }

  /**
   * Jumps from action to action until none is left or `limitMs` of emulator
   * time has passed; returns the emulator milliseconds advanced.
   */
  drain(limitMs: number): number {
    const start = this.now();
    for (;;) {
      const next = this.scheduler.peekTime();
      if (next === null || next - start > limitMs) break;
      this.advance(Math.max(0, next - this.now()));
    }
    return this.now() - start;
  }

  /** Cancels the timer and forgets every waiting action. */
  stop(): void {
    this.stopped = true;
    this.disarm();
    this.scheduler.clear();
  }

  private runTo(time: number): void {
    if (this.stopped) return;
    this.running = true;
    try {
      this.scheduler.runUntil(time, (at) => {
        if (this.mode === ClockMode.MANUAL) this.manualNow = Math.max(this.manualNow, at);
      });
    } finally {
      this.running = false;
      if (this.mode === ClockMode.REAL) this.arm();
    }
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.scheduler.peekTime();
    if (next === null) {
      this.disarm();
      return;
    }
    if (this.timer !== null && this.timerAt !== null && this.timerAt <= next) return;
    this.disarm();
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil((next - this.now()) / this.speed)));
    this.timerAt = next;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      this.catchUp();
    }, wait);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }
}
