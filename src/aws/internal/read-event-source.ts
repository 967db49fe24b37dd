/**
 * Reading an event source: an `AsyncIterable` of payloads or a subscribe
 * function, both stoppable at once from the outside.
 */
import type { JobEventSource } from '../event-source.js';

/**
 * Starts reading `source`: each payload goes to `onPayload`, a failure of
 * the source to `onError` (reading stops then). Returns the function that
 * stops reading; after it, nothing more reaches `onPayload`.
 *
 * An async generator that is waiting for its next item cannot be
 * interrupted from outside: it is asked to `return()` and closes when that
 * item arrives. A subscribe function is released at once.
 *
 * @example
 * ```ts
 * const stop = readEventSource(events, (payload) => tracker.ingest(payload), report);
 * ```
 */
export function readEventSource(
  source: JobEventSource,
  onPayload: (payload: unknown) => void,
  onError: (error: unknown) => void,
): () => void {
  let stopped = false;
  if (typeof source === 'function') {
    let unsubscribe: (() => void) | void = undefined;
    let early = false;
    try {
      unsubscribe = source((payload) => {
        if (!stopped) onPayload(payload);
      });
    } catch (error) {
      onError(error);
      early = true;
    }
    return () => {
      if (stopped) return;
      stopped = true;
      if (early || typeof unsubscribe !== 'function') return;
      try {
        unsubscribe();
      } catch (error) {
        onError(error);
      }
    };
  }

  let iterator: AsyncIterator<unknown>;
  try {
    iterator = source[Symbol.asyncIterator]();
  } catch (error) {
    onError(error);
    return () => undefined;
  }
  const pump = async (): Promise<void> => {
    for (;;) {
      const step = await iterator.next();
      if (stopped || step.done === true) return;
      onPayload(step.value);
      if (stopped) return;
    }
  };
  pump().catch((error: unknown) => {
    if (!stopped) onError(error);
  });
  return () => {
    if (stopped) return;
    stopped = true;
    Promise.resolve()
      .then(() => iterator.return?.())
      .catch(() => undefined);
  };
}
