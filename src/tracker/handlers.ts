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

  /**
   * Calls every handler of each notification in order. A handler that
   * throws does not stop the others; its error goes to `onError`.
   */
  deliver(
    notifications: readonly JobNotification[],
    onError: (error: unknown, name: JobNotificationName) => void,
  ): void {
    for (const { name, payload } of notifications) {
      const set = this.#handlers.get(name);
      if (set === undefined || set.size === 0) continue;
      for (const handler of [...set]) {
        try {
          (handler as (p: typeof payload) => void)(payload);
        } catch (error) {
          onError(error, name);
        }
      }
    }
  }
}

/** @internal Reports an error nobody asked to receive without losing it or corrupting state. */
export function reportUnhandled(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}
