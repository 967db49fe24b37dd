/**
 * The event sources the waiter and `watchJob` read besides their polls.
 */

/**
 * Where EventBridge payloads come from, in any wrapper a tracker reads (a
 * bare event, a JSON string, an SQS or SNS record, a Lambda batch):
 *
 * - an `AsyncIterable` (an SQS poller, a stream of lines); it is closed with
 *   `return()` when following ends;
 * - or a subscribe function that takes a listener and returns the function
 *   that removes it (an `EventEmitter` wrapper, the emulator's `subscribe`).
 *
 * @example
 * ```ts
 * const events: JobEventSource = (listener) => {
 *   emitter.on('event', listener);
 *   return () => emitter.off('event', listener);
 * };
 * ```
 */
export type JobEventSource =
  | AsyncIterable<unknown>
  | ((listener: (payload: unknown) => void) => (() => void) | void);
