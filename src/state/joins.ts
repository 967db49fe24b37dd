/**
 * Join functions: each combines two observations of one part of a job's
 * state into one, and is commutative, associative and idempotent, so the
 * result never depends on the order or repetition of what was observed.
 *
 * @internal
 */
import type {
  JobErrorState,
  JobProgress,
  JobQueueState,
  JobState,
  JobTiming,
  OutputGroup,
  PhaseProgress,
  QueueHop,
  WarningState,
} from '../model/job-state.js';
import type { PhaseStatus } from '../model/status.js';
import { EMPTY_ARRAY } from './initial-state.js';
import { shareText } from './shared-text.js';

/** How many queue hops a state keeps. */
export const MAX_HOPS = 16;
/** How many messages of each kind a state keeps. */
export const MAX_MESSAGES = 32;

export function maxNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

export function minNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

/** Picks one of two strings deterministically: the longer, then the greater. */
export function pickString(a: string | null, b: string | null): string | null {
  if (a === null || a === b) return b ?? a;
  if (b === null) return a;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a > b ? a : b;
}

const PHASE_STATUS_RANK: Record<PhaseStatus, number> = {
  PENDING: 0,
  PROGRESSING: 1,
  COMPLETE: 2,
};

export function joinPhaseProgress(
  a: PhaseProgress | null,
  b: PhaseProgress | null,
): PhaseProgress | null {
  if (a === null || a === b) return b ?? a;
  if (b === null) return a;
  const status = PHASE_STATUS_RANK[a.status] >= PHASE_STATUS_RANK[b.status] ? a.status : b.status;
  const percent = maxNullable(a.percent, b.percent);
  if (status === a.status && percent === a.percent) return a;
  if (status === b.status && percent === b.percent) return b;
  return { status, percent };
}

/** Joins the progress of one attempt: every figure only moves forward. */
export function joinProgress(a: JobProgress, b: JobProgress): JobProgress {
  if (a === b) return a;
  const jobPercent = maxNullable(a.jobPercent, b.jobPercent);
  const framesDecoded = maxNullable(a.framesDecoded, b.framesDecoded);
  const PROBING = joinPhaseProgress(a.phases.PROBING, b.phases.PROBING);
  const TRANSCODING = joinPhaseProgress(a.phases.TRANSCODING, b.phases.TRANSCODING);
  const UPLOADING = joinPhaseProgress(a.phases.UPLOADING, b.phases.UPLOADING);
  const phasesSame =
    PROBING === a.phases.PROBING &&
    TRANSCODING === a.phases.TRANSCODING &&
    UPLOADING === a.phases.UPLOADING;
  if (phasesSame && jobPercent === a.jobPercent && framesDecoded === a.framesDecoded) {
    return a;
  }
  return {
    jobPercent,
    framesDecoded,
    phases: phasesSame ? a.phases : { PROBING, TRANSCODING, UPLOADING },
  };
}

/**
 * Joins progress across attempts: a higher attempt replaces what an earlier
 * one reported, since a new attempt starts its phases and percentages again.
 */
export function joinAttemptProgress(
  attemptA: number,
  a: JobProgress,
  attemptB: number,
  b: JobProgress,
): { attempt: number; progress: JobProgress } {
  if (attemptA === attemptB) return { attempt: attemptA, progress: joinProgress(a, b) };
  return attemptA > attemptB
    ? { attempt: attemptA, progress: a }
    : { attempt: attemptB, progress: b };
}

/**
 * The identity of a hop: its destination and the whole second it happened
 * in. The API's `QueueTransitions` keep whole seconds while events keep
 * milliseconds, so the same hop seen through both must meet under one key.
 */
function hopKey(hop: QueueHop): string {
  return `${Math.floor(hop.at / 1000)}\u0000${hop.to}`;
}

/** Whether two reports are of the same hop (see {@link joinHops}). */
export function isSameHop(a: QueueHop, b: QueueHop): boolean {
  return hopKey(a) === hopKey(b);
}

function hopContent(hop: QueueHop): string {
  return JSON.stringify([hop.to, hop.from, hop.priority, hop.previousPriority]);
}

/**
 * Picks one of two reports of the same hop by a rule that ignores their
 * order: the one that knows the priorities (events do, the API does not),
 * then the later time (the more precise one, since the API's is truncated
 * to the second), then by content.
 */
function betterHop(a: QueueHop, b: QueueHop): QueueHop {
  const knowsA = a.priority !== null;
  const knowsB = b.priority !== null;
  if (knowsA !== knowsB) return knowsA ? a : b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return hopContent(a) >= hopContent(b) ? a : b;
}

function compareHops(a: QueueHop, b: QueueHop): number {
  if (a.at !== b.at) return a.at - b.at;
  const ka = hopContent(a);
  const kb = hopContent(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Joins hop histories as a set of hops (one per destination and second),
 * oldest first, keeping the newest {@link MAX_HOPS}.
 */
export function joinHops(a: readonly QueueHop[], b: readonly QueueHop[]): readonly QueueHop[] {
  if (b.length === 0 || a === b) return a;
  const byKey = new Map<string, QueueHop>();
  for (const hop of a) {
    const key = hopKey(hop);
    const known = byKey.get(key);
    byKey.set(key, known === undefined ? hop : betterHop(known, hop));
  }
  let changed = a.length === 0;
  for (const hop of b) {
    const key = hopKey(hop);
    const known = byKey.get(key);
    const next = known === undefined ? hop : betterHop(known, hop);
    if (next !== known) {
      byKey.set(key, next);
      changed = true;
    }
  }
  if (!changed) return a;
  return [...byKey.values()].sort(compareHops).slice(-MAX_HOPS);
}

/**
 * Joins queue knowledge. `current` is the queue of the newest observation
 * (ties broken by name); `priority` follows the newest hop, else submission.
 */
export function joinQueue(a: JobQueueState, b: JobQueueState): JobQueueState {
  if (a === b) return a;
  const submitted = a.submitted ?? b.submitted;
  const submittedPriority = a.submittedPriority ?? b.submittedPriority;
  const hops = joinHops(a.hops, b.hops);
  let current = a.current;
  let currentAt = a.currentAt;
  if (b.current !== null) {
    if (
      current === null ||
      (b.currentAt ?? -Infinity) > (currentAt ?? -Infinity) ||
      (b.currentAt === currentAt && b.current > current)
    ) {
      current = b.current;
      currentAt = b.currentAt;
    }
  }
  const lastHop = hops[hops.length - 1];
  if (lastHop !== undefined && (currentAt === null || lastHop.at > currentAt)) {
    current = lastHop.to;
    currentAt = lastHop.at;
  }
  if (current === null && submitted !== null) current = submitted;
  const priority = lastHop?.priority ?? submittedPriority;
  if (
    submitted === a.submitted &&
    submittedPriority === a.submittedPriority &&
    hops === a.hops &&
    current === a.current &&
    currentAt === a.currentAt &&
    priority === a.priority
  ) {
    return a;
  }
  return { submitted, current, currentAt, submittedPriority, priority, hops };
}

/** Joins one warning code: the highest count, the newest message. */
export function joinWarning(a: WarningState | undefined, b: WarningState): WarningState {
  if (a === undefined || a === b) return b;
  const count = a.count >= b.count ? a.count : b.count;
  let message = a.message;
  let lastSeenAt = a.lastSeenAt;
  if (b.lastSeenAt > a.lastSeenAt) {
    lastSeenAt = b.lastSeenAt;
    message = b.message ?? a.message;
  } else if (b.lastSeenAt === a.lastSeenAt) {
    message = pickString(a.message, b.message);
  } else if (message === null) {
    message = b.message;
  }
  if (count === a.count && message === a.message && lastSeenAt === a.lastSeenAt) return a;
  return { code: a.code, count, message, lastSeenAt };
}

export function joinWarnings(
  a: JobState['warnings'],
  b: JobState['warnings'],
): JobState['warnings'] {
  if (a === b) return a;
  let out: Record<string, WarningState> | null = null;
  for (const code of Object.keys(b)) {
    const incoming = b[code];
    if (incoming === undefined) continue;
    const known = a[code];
    const joined = joinWarning(known, incoming);
    if (joined !== known) {
      out ??= { ...a };
      out[code] = joined;
    }
  }
  return out ?? a;
}

/** Joins two error reports of one job: the code both name, the more complete message. */
export function joinError(
  a: JobErrorState | null,
  b: JobErrorState | null,
): JobErrorState | null {
  if (a === null || a === b) return b ?? a;
  if (b === null) return a;
  const code = a.code === null ? b.code : b.code === null ? a.code : Math.min(a.code, b.code);
  const message = pickString(a.message, b.message);
  if (code === a.code && message === a.message) return a;
  if (code === b.code && message === b.message) return b;
  return { code, message };
}

/**
 * Joins two metadata maps: every key; on a clash (never seen in practice) the
 * greater value. Values taken in are shared between states (see `shareText`).
 */
export function joinMetadata(
  a: JobState['userMetadata'],
  b: JobState['userMetadata'],
): JobState['userMetadata'] {
  if (a === b) return a;
  let out: Record<string, string> | null = null;
  for (const key of Object.keys(b)) {
    const value = b[key];
    if (value === undefined) continue;
    const known = Object.prototype.hasOwnProperty.call(a, key) ? a[key] : undefined;
    if (known === undefined || (known !== value && value > known)) {
      out ??= Object.assign(Object.create(null) as Record<string, string>, a);
      out[key] = shareText(value);
    }
  }
  return out === null ? a : { ...out };
}

/** Joins two message lists as a sorted set, keeping at most {@link MAX_MESSAGES}. */
export function joinStrings(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0 || a === b) return a;
  const known = new Set(a);
  let added = false;
  for (const s of b) {
    if (!known.has(s)) {
      known.add(s);
      added = true;
    }
  }
  if (!added) return a;
  return [...known].sort().slice(0, MAX_MESSAGES);
}

export function joinMessages(
  a: JobState['messages'],
  b: JobState['messages'],
): JobState['messages'] {
  if (a === b) return a;
  const info = joinStrings(a.info, b.info);
  const warning = joinStrings(a.warning, b.warning);
  return info === a.info && warning === a.warning ? a : { info, warning };
}

export function joinTiming(a: JobTiming, b: JobTiming): JobTiming {
  if (a === b) return a;
  const submittedAt = minNullable(a.submittedAt, b.submittedAt);
  const startedAt = minNullable(a.startedAt, b.startedAt);
  const finishedAt = minNullable(a.finishedAt, b.finishedAt);
  const lastEventAt = maxNullable(a.lastEventAt, b.lastEventAt);
  if (
    submittedAt === a.submittedAt &&
    startedAt === a.startedAt &&
    finishedAt === a.finishedAt &&
    lastEventAt === a.lastEventAt
  ) {
    return a;
  }
  return { submittedAt, startedAt, finishedAt, lastEventAt };
}

function outputWeight(groups: readonly OutputGroup[]): number {
  let n = 0;
  for (const g of groups) {
    n += g.playlistPaths.length;
    for (const o of g.outputs) n += o.paths.length;
  }
  return n;
}

/**
 * Joins two output lists: the one that names more files wins (a `COMPLETE`
 * event names files, the API does not); equal ones are decided by content.
 */
export function joinOutputs(a: readonly OutputGroup[], b: readonly OutputGroup[]): readonly OutputGroup[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const wa = outputWeight(a);
  const wb = outputWeight(b);
  if (wa !== wb) return wa > wb ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

/**
 * Appends ids to a bounded recent-ids list, oldest dropped first. The lists
 * of states are frozen, and `concat` takes a slow path on frozen lists while
 * a spread does not; `slice` then allocates exactly what the list holds, where
 * the spread leaves spare room that every job would keep.
 */
export function appendBounded<T>(list: readonly T[], items: readonly T[], max: number): readonly T[] {
  if (items.length === 0) return list;
  if (max <= 0) return EMPTY_ARRAY;
  const next = [...list, ...items];
  return next.slice(next.length > max ? next.length - max : 0);
}
