import type { JobNotification, JobNotificationName, JobNotifications } from './notifications.js';

/** A handler of the notification `K`. */
export type JobHandler<K extends JobNotificationName> = (payload: JobNotifications[K]) => void;

/** @internal A registry of handlers by notification name. */
export class HandlerRegistry {
  readonly #handlers = new Map<JobNotificationName, Set<(payload: never) => void>>();

  add<K extends JobNotificationName>(name: K, handler: JobHandler<K>): () => void {
    let set = this.#handlers.get(name);
    if (set === undefined) {
      set = new Set();
      this.#handlers.set(name, set);
    }
    const entry = handler as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  get size(): number {
    let n = 0;
    for (const set of this.#handlers.values()) n += set.size;
    return n;
  }

  readonly #pending: Array<{
    readonly notification: JobNotification;
    readonly onError: (error: unknown, name: JobNotificationName) => void;
  }> = [];
  #delivering = false;

  /**
   * Calls every handler of each notification in order. A handler that
   * throws does not stop the others; its error goes to `onError` (and an
   * `onError` that throws is reported asynchronously). Notifications raised
   * while handlers run (a handler that ingests) are delivered after the
   * current ones, so every handler sees states in the order they arose.
   */
  deliver(
    notifications: readonly JobNotification[],
    onError: (error: unknown, name: JobNotificationName) => void,
  ): void {
    for (const notification of notifications) {
      if (this.#handlers.get(notification.name)?.size) this.#pending.push({ notification, onError });
    }
    if (this.#delivering) return;
    this.#delivering = true;
    try {
      for (let i = 0; i < this.#pending.length; i++) {
        const entry = this.#pending[i];
        if (entry !== undefined) this.#deliverOne(entry.notification, entry.onError);
      }
    } finally {
      this.#pending.length = 0;
      this.#delivering = false;
    }
  }

  #deliverOne(
    { name, payload }: JobNotification,
    onError: (error: unknown, name: JobNotificationName) => void,
  ): void {
    const set = this.#handlers.get(name);
    if (set === undefined || set.size === 0) return;
    for (const handler of [...set]) {
      try {
        (handler as (p: typeof payload) => void)(payload);
      } catch (error) {
        try {
          onError(error, name);
        } catch (reportError) {
          reportUnhandled(reportError);
        }
      }
    }
  }
}

/**
 * @internal Calls an observer callback; an observer that throws is reported
 * asynchronously and never breaks the tracker.
 */
export function notifyObserver<A extends unknown[]>(
  callback: ((...args: A) => void) | undefined,
  ...args: A
): void {
  if (callback === undefined) return;
  try {
    callback(...args);
  } catch (error) {
    reportUnhandled(error);
  }
}

/** @internal Reports an error nobody asked to receive without losing it or corrupting state. */
export function reportUnhandled(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}
