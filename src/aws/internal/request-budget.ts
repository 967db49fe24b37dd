/**
 * One token bucket shared by every call of a reconciler, so that listing,
 * fallback GetJobs and the watchdog together never exceed the rate asked
 * for, and a 429 slows all of them down.
 */
import type { Sleep } from '../sleep.js';

/**
 * A token bucket on an injectable clock: `ratePerSecond` tokens a second,
 * at most `burst` saved up. `Infinity` disables it.
 *
 * @example
 * ```ts
 * const budget = new RequestBudget(2, 2, Date.now, realSleep);
 * if (await budget.take(signal)) await client.send(command);
 * ```
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  private blockedUntil = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: () => number,
    private readonly sleep: Sleep,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Waits for a token; resolves `false` (without one) if `signal` aborts first. */
  async take(signal: AbortSignal): Promise<boolean> {
    if (this.ratePerSecond === Number.POSITIVE_INFINITY) return !signal.aborted;
    for (;;) {
      if (signal.aborted) return false;
      const now = this.clock();
      this.refill(now);
      const blocked = this.blockedUntil - now;
      if (blocked <= 0 && this.tokens >= 1) {
        this.tokens -= 1;
        return true;
      }
      const refillMs = ((1 - this.tokens) / this.ratePerSecond) * 1000;
      await this.sleep(Math.max(1, Math.ceil(Math.max(blocked, refillMs))), signal);
    }
  }

  /** After a 429: empties the bucket and lets no call through for `ms`. */
  penalise(ms: number): void {
    const now = this.clock();
    this.refill(now);
    this.tokens = 0;
    this.blockedUntil = Math.max(this.blockedUntil, now + ms);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.last);
    this.last = Math.max(this.last, now);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.ratePerSecond);
  }
}
