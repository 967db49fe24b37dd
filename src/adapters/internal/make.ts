/**
 * Builders of {@link ParsedItem}s, so every item has the same shape. Internal.
 */
import type { JobInputError } from '../../errors.js';
import type { JobInput } from '../../model/input.js';
import type { InputItem, InvalidItem, SkippedItem, SkipReason } from '../items.js';

/** An input item. */
export function inputItem(input: JobInput, path: string, messageId: string | null): InputItem {
  return { kind: 'input', input, path, messageId };
}

/** What a skip knows of the job, when anything. */
export interface SkipFacts {
  readonly jobId: string | null;
  readonly eventId: string | null;
  readonly timestamp: number | null;
}

const NO_FACTS: SkipFacts = { jobId: null, eventId: null, timestamp: null };

/** A skipped item. */
export function skippedItem(
  reason: SkipReason,
  message: string,
  path: string,
  messageId: string | null,
  facts: SkipFacts = NO_FACTS,
): SkippedItem {
  return {
    kind: 'skipped',
    reason,
    message,
    path,
    messageId,
    jobId: facts.jobId,
    eventId: facts.eventId,
    timestamp: facts.timestamp,
  };
}

/** An invalid item. */
export function invalidItem(
  error: JobInputError,
  path: string,
  messageId: string | null,
): InvalidItem {
  return { kind: 'invalid', error, path, messageId };
}
