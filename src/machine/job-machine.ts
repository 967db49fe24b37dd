import { assign, setup } from 'xstate';
import type { JobInput } from '../model/input.js';
import type { AnomalyCode, JobState } from '../model/job-state.js';
import type { FinalJobStatus, JobPhase, JobStatus } from '../model/status.js';
import { createInitialJobState } from '../state/initial-state.js';
import {
  actions as lifecycleActions,
  guards as lifecycleGuards,
  type AnomalyParams,
  type EnterParams,
  type FinalParams,
  type PhaseParams,
  type StatusParams,
} from './lifecycle.js';

/** What the machine is started with. */
export interface JobMachineInput {
  /** The job id, or `null` to take it from the first input. */
  readonly jobId?: string | null;
}

const FINALS: readonly FinalJobStatus[] = ['COMPLETE', 'ERROR', 'CANCELED'];
const PHASES: readonly JobPhase[] = ['PROBING', 'TRANSCODING', 'UPLOADING'];

const merge = { type: 'mergeFacts' } as const;
const settle = { type: 'settle' } as const;
const anomaly = (code: AnomalyCode) => ({ type: 'recordAnomaly', params: { code } }) as const;
const enter = (status: JobStatus, phase: JobPhase | null = null) =>
  ({ type: 'enter', params: { status, phase } }) as const;
const target = (status: JobStatus, phase?: JobPhase) =>
  phase === undefined ? `#job.${status}` : `#job.PROGRESSING.${phase}`;

/** Moves into the phase a progress report names, from SUBMITTED or an earlier phase. */
const intoPhase = (phase: JobPhase) => ({
  target: target('PROGRESSING', phase),
  guard: { type: 'entersPhase', params: { phase } },
  actions: [merge],
}) as const;

/** A newer attempt starts its phases again. */
const restartAt = (phase: JobPhase) => ({
  target: target('PROGRESSING', phase),
  guard: { type: 'restartsAt', params: { phase } },
  actions: [merge],
}) as const;

/** Reports that must not move the job back: merge their facts, record why. */
const earlierAttempt = { guard: 'isEarlierAttempt', actions: [merge, anomaly('EARLIER_ATTEMPT')] } as const;
const earlierStage = (phase: JobPhase) =>
  ({
    guard: { type: 'reportsEarlierStage', params: { phase } },
    actions: [merge, anomaly('REGRESSION')],
  }) as const;

/**
 * How reports of progress (`STATUS_UPDATE` events, or API responses when
 * `fromApi`) move the job within PROGRESSING while it is in `phase`. A
 * progress report always names a phase, and none is earlier than PROBING,
 * so in PROBING only an API response (one still saying SUBMITTED) can
 * report an earlier stage; no transition is declared that could never be
 * taken.
 */
function phaseTransitions(phase: JobPhase, fromApi: boolean) {
  const rank = PHASES.indexOf(phase);
  return [
    ...PHASES.slice(0, rank).map(restartAt),
    ...PHASES.slice(rank + 1).map(intoPhase),
    earlierAttempt,
    ...(fromApi || rank > 0 ? [earlierStage(phase)] : []),
    { actions: [merge] },
  ];
}

function phaseState(phase: JobPhase) {
  return {
    entry: [enter('PROGRESSING', phase)],
    on: {
      STATUS_UPDATE: phaseTransitions(phase, false),
      API_SNAPSHOT: [
        ...FINALS.map((status) => ({
          target: target(status),
          guard: { type: 'reportsStatus', params: { status } } as const,
          actions: [merge, settle],
        })),
        ...phaseTransitions(phase, true),
      ],
    },
  } as const;
}

/** How a settled job answers every input: it never leaves, except to an earlier final report. */
function finalState(status: FinalJobStatus) {
  const others = FINALS.filter((other) => other !== status);
  const winOver = (other: FinalJobStatus) => ({
    target: target(other),
    guard: { type: 'winsFinalConflict', params: { status: other } } as const,
    actions: [merge, anomaly('CONFLICTING_FINAL'), settle],
  });
  const loseTo = (other: FinalJobStatus) => ({
    guard: { type: 'reportsStatus', params: { status: other } } as const,
    actions: [merge, anomaly('CONFLICTING_FINAL')],
  });
  const same = { actions: [merge, settle] };
  const late = { actions: [merge, anomaly('AFTER_FINAL')] };
  const reportOf = (final: FinalJobStatus) =>
    final === status ? [same] : [winOver(final), loseTo(final)];
  return {
    tags: ['final'],
    entry: [enter(status)],
    on: {
      PROGRESSING: late,
      INPUT_INFORMATION: late,
      STATUS_UPDATE: late,
      NEW_WARNING: late,
      QUEUE_HOP: late,
      COMPLETE: reportOf('COMPLETE'),
      ERROR: reportOf('ERROR'),
      CANCELED: reportOf('CANCELED'),
      API_SNAPSHOT: [
        ...others.map(winOver),
        {
          guard: { type: 'reportsStatus', params: { status } } as const,
          actions: [merge, settle],
        },
        ...others.map(loseTo),
        late,
      ],
    },
  } as const;
}

/**
 * The lifecycle of one MediaConvert job as an xstate v5 machine: the single
 * authority on which moves are legal.
 *
 * Statuses are the top-level states; the phases are nested in `PROGRESSING`;
 * `COMPLETE`, `ERROR` and `CANCELED` carry the tag `final` and absorb every
 * later input, except an earlier report of another final status (see
 * `docs/semantics.md`). Events are the normalised {@link JobInput}s the
 * adapters produce; the context is the {@link JobState}. Trackers run a
 * compiled form of this same machine; you can run it yourself, inspect it or
 * draw it.
 *
 * @example
 * ```ts
 * import { createActor } from 'xstate';
 * import { jobMachine, parseEvent } from 'mediaconvert-job-tracker';
 *
 * const actor = createActor(jobMachine, { input: { jobId: null } }).start();
 * actor.send(parseEvent(eventBridgeEvent));
 * actor.getSnapshot().value; // e.g. { PROGRESSING: 'TRANSCODING' }
 * ```
 */
export const jobMachine = setup({
  types: {
    context: {} as JobState,
    events: {} as JobInput,
    input: {} as JobMachineInput,
    tags: {} as 'final',
  },
  guards: {
    reportsStatus: ({ context, event }, params: StatusParams) =>
      lifecycleGuards.reportsStatus(context, event, params),
    entersPhase: ({ context, event }, params: PhaseParams) =>
      lifecycleGuards.entersPhase(context, event, params),
    restartsAt: ({ context, event }, params: PhaseParams) =>
      lifecycleGuards.restartsAt(context, event, params),
    isEarlierAttempt: ({ context, event }) =>
      lifecycleGuards.isEarlierAttempt(context, event),
    reportsEarlierStage: ({ context, event }, params: PhaseParams) =>
      lifecycleGuards.reportsEarlierStage(context, event, params),
    winsFinalConflict: ({ context, event }, params: FinalParams) =>
      lifecycleGuards.winsFinalConflict(context, event, params),
  },
  actions: {
    mergeFacts: assign(({ context, event }) => lifecycleActions.mergeFacts(context, event)),
    settle: assign(({ context, event }) => lifecycleActions.settle(context, event)),
    recordAnomaly: assign(({ context, event }, params: AnomalyParams) =>
      lifecycleActions.recordAnomaly(context, event, params),
    ),
    enter: assign(({ context, event }, params: EnterParams) =>
      lifecycleActions.enter(context, event, params),
    ),
  },
}).createMachine({
  id: 'job',
  context: ({ input }) => createInitialJobState(input.jobId ?? null),
  initial: 'SUBMITTED',
  states: {
    SUBMITTED: {
      entry: [enter('SUBMITTED')],
      on: {
        PROGRESSING: { target: 'PROGRESSING', actions: [merge] },
        INPUT_INFORMATION: { target: 'PROGRESSING', actions: [merge] },
        STATUS_UPDATE: [intoPhase('UPLOADING'), intoPhase('TRANSCODING'), { target: 'PROGRESSING', actions: [merge] }],
        API_SNAPSHOT: [
          ...FINALS.map((status) => ({
            target: target(status),
            guard: { type: 'reportsStatus', params: { status } } as const,
            actions: [merge, settle],
          })),
          intoPhase('UPLOADING'),
          intoPhase('TRANSCODING'),
          {
            target: 'PROGRESSING',
            guard: { type: 'reportsStatus', params: { status: 'PROGRESSING' } } as const,
            actions: [merge],
          },
          { actions: [merge] },
        ],
        NEW_WARNING: { actions: [merge] },
        QUEUE_HOP: { actions: [merge] },
        COMPLETE: { target: 'COMPLETE', actions: [merge, settle] },
        ERROR: { target: 'ERROR', actions: [merge, settle] },
        CANCELED: { target: 'CANCELED', actions: [merge, settle] },
      },
    },
    PROGRESSING: {
      initial: 'PROBING',
      on: {
        PROGRESSING: { actions: [merge] },
        INPUT_INFORMATION: { actions: [merge] },
        NEW_WARNING: { actions: [merge] },
        QUEUE_HOP: { actions: [merge] },
        COMPLETE: { target: 'COMPLETE', actions: [merge, settle] },
        ERROR: { target: 'ERROR', actions: [merge, settle] },
        CANCELED: { target: 'CANCELED', actions: [merge, settle] },
      },
      states: {
        PROBING: phaseState('PROBING'),
        TRANSCODING: phaseState('TRANSCODING'),
        UPLOADING: phaseState('UPLOADING'),
      },
    },
    COMPLETE: finalState('COMPLETE'),
    ERROR: finalState('ERROR'),
    CANCELED: finalState('CANCELED'),
  },
});
