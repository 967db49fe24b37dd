import type {
  Anomaly,
  InputDetails,
  JobErrorState,
  JobProgress,
  JobQueueState,
  JobState,
  OutputGroup,
  QueueHop,
  WarningState,
} from '../model/job-state.js';
import { isSameHop } from '../state/joins.js';
import { isFinalStatus, type FinalJobStatus, type JobPhase, type JobStatus } from '../model/status.js';

/** Fields every notification carries. */
export interface NotificationBase {
  /** The job the notification is about. */
  readonly jobId: string;
  /** The job's whole state after the change. */
  readonly state: JobState;
}

/**
 * The payload of each notification, by name: what `on(name, handler)` hands
 * to its handler.
 *
 * @example
 * ```ts
 * tracker.on('progress', ({ progress, phase }) => bar.update(progress.jobPercent ?? 0, { phase }));
 * ```
 */
export interface JobNotifications {
  /** The status changed. */
  status: NotificationBase & { readonly status: JobStatus; readonly previous: JobStatus };
  /** The job entered a phase (a new attempt may enter an earlier one). */
  phase: NotificationBase & {
    readonly phase: JobPhase;
    readonly previous: JobPhase | null;
    readonly attempt: number;
  };
  /** Percentages, per-phase progress or decoded frames moved forward, or a new attempt began. */
  progress: NotificationBase & {
    readonly progress: JobProgress;
    readonly phase: JobPhase | null;
    readonly attempt: number;
  };
  /** The service reported what it found in the inputs. */
  inputInformation: NotificationBase & { readonly inputs: readonly InputDetails[] };
  /** A warning code was seen for the first time, or its count or message changed. */
  warning: NotificationBase & { readonly warning: WarningState };
  /** The job moved to another queue. */
  queueHop: NotificationBase & { readonly hop: QueueHop; readonly queue: JobQueueState };
  /** The job completed; fires once. */
  complete: NotificationBase & {
    readonly outputs: readonly OutputGroup[];
    readonly warnings: readonly WarningState[];
  };
  /** The job failed; fires once. `error` is `null` if no source gave a code or message. */
  error: NotificationBase & { readonly error: JobErrorState | null };
  /** The job was canceled; fires once. */
  canceled: NotificationBase;
  /** The job reached its first final status; fires exactly once. */
  settled: NotificationBase & { readonly status: FinalJobStatus };
  /** An input was not applied as given (see {@link Anomaly}). */
  anomaly: NotificationBase & { readonly anomaly: Anomaly };
  /** Anything in the state changed; fires after every other notification of the same input. */
  change: NotificationBase & { readonly previous: JobState };
}

/** The name of a notification: `status`, `phase`, `progress`, ... */
export type JobNotificationName = keyof JobNotifications;

/** One notification, as a discriminated union of name and payload. */
export type JobNotification = {
  [K in JobNotificationName]: { readonly name: K; readonly payload: JobNotifications[K] };
}[JobNotificationName];

/** Which final notifications have fired, as bits: complete 1, error 2, canceled 4. */
export type FiredFinals = number;

const FINAL_BIT: Record<FinalJobStatus, number> = { COMPLETE: 1, ERROR: 2, CANCELED: 4 };

/** The final notifications a restored state has, in effect, already delivered. */
export function firedFinalsOf(state: JobState): FiredFinals {
  return isFinalStatus(state.status) ? FINAL_BIT[state.status] : 0;
}

/**
 * Works out the notifications that lead from `previous` to `next`.
 * `fired` tells which final notifications were delivered before; the
 * returned `fired` includes those delivered now.
 *
 * @internal
 */
export function notificationsBetween(
  previous: JobState,
  next: JobState,
  fired: FiredFinals,
): { notifications: JobNotification[]; fired: FiredFinals } {
  const out: JobNotification[] = [];
  if (previous === next) return { notifications: out, fired };
  const jobId = next.jobId ?? '';
  const base = { jobId, state: next };
  const settledBefore = isFinalStatus(previous.status);

  if (next.status !== previous.status) {
    out.push({ name: 'status', payload: { ...base, status: next.status, previous: previous.status } });
  }
  if (next.phase !== null && next.phase !== previous.phase) {
    out.push({
      name: 'phase',
      payload: { ...base, phase: next.phase, previous: previous.phase, attempt: next.attempt },
    });
  }
  if (
    !isFinalStatus(next.status) &&
    (next.progress !== previous.progress || next.attempt !== previous.attempt)
  ) {
    out.push({
      name: 'progress',
      payload: { ...base, progress: next.progress, phase: next.phase, attempt: next.attempt },
    });
  }
  if (next.inputs !== previous.inputs && next.inputs.length > 0) {
    out.push({ name: 'inputInformation', payload: { ...base, inputs: next.inputs } });
  }
  if (next.warnings !== previous.warnings) {
    for (const code of Object.keys(next.warnings)) {
      const warning = next.warnings[code];
      if (warning !== undefined && warning !== previous.warnings[code]) {
        out.push({ name: 'warning', payload: { ...base, warning } });
      }
    }
  }
  if (next.queue.hops !== previous.queue.hops) {
    for (const hop of next.queue.hops) {
      if (!previous.queue.hops.some((known) => isSameHop(known, hop))) {
        out.push({ name: 'queueHop', payload: { ...base, hop, queue: next.queue } });
      }
    }
  }
  if (next.anomalies !== previous.anomalies) {
    const known = new Set(previous.anomalies);
    for (const anomaly of next.anomalies) {
      if (!known.has(anomaly)) out.push({ name: 'anomaly', payload: { ...base, anomaly } });
    }
  }
  let nowFired = fired;
  if (isFinalStatus(next.status) && next.status !== previous.status) {
    const bit = FINAL_BIT[next.status];
    if ((fired & bit) === 0) {
      nowFired |= bit;
      if (next.status === 'COMPLETE') {
        out.push({
          name: 'complete',
          payload: { ...base, outputs: next.outputs, warnings: Object.values(next.warnings) },
        });
      } else if (next.status === 'ERROR') {
        out.push({ name: 'error', payload: { ...base, error: next.error } });
      } else {
        out.push({ name: 'canceled', payload: base });
      }
    }
    if (!settledBefore) out.push({ name: 'settled', payload: { ...base, status: next.status } });
  }
  out.push({ name: 'change', payload: { ...base, previous } });
  return { notifications: out, fired: nowFired };
}
