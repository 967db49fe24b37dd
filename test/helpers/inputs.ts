import type {
  ApiSnapshotInput,
  JobInput,
  PhaseProgress,
  StatusUpdateInput,
} from '../../src/model/index.js';
import type { JobPhase } from '../../src/model/status.js';

export const JOB_ID = '1733238000123-a1b2c3';
export const QUEUE = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default';

const base = (timestamp: number, eventId: string | null = `e-${timestamp}`) => ({
  jobId: JOB_ID,
  timestamp,
  eventId,
  queue: QUEUE,
  userMetadata: { assetId: 'asset-1' },
});

export const progressing = (t: number): JobInput => ({ ...base(t), type: 'PROGRESSING' });

const phaseProgress = (phase: JobPhase, percent: number) => {
  const rank = ['PROBING', 'TRANSCODING', 'UPLOADING'].indexOf(phase);
  const of = (i: number): PhaseProgress =>
    i < rank
      ? { status: 'COMPLETE', percent: 100 }
      : i === rank
        ? { status: 'PROGRESSING', percent }
        : { status: 'PENDING', percent: 0 };
  return { PROBING: of(0), TRANSCODING: of(1), UPLOADING: of(2) };
};

export const statusUpdate = (
  t: number,
  phase: JobPhase,
  jobPercent: number | null,
  attempt = 0,
): StatusUpdateInput => ({
  ...base(t),
  type: 'STATUS_UPDATE',
  attempt,
  phase,
  jobPercent,
  framesDecoded: jobPercent === null ? null : jobPercent * 100,
  phases: phaseProgress(phase, jobPercent ?? 0),
});

export const complete = (t: number): JobInput => ({
  ...base(t),
  type: 'COMPLETE',
  outputs: [],
  warnings: [{ code: '230004', count: 1 }],
  completion: { paddingInserted: 0 },
});

export const failed = (t: number, code = 3450): JobInput => ({
  ...base(t),
  type: 'ERROR',
  error: { code, message: `${code}: failure` },
});

export const canceled = (t: number): JobInput => ({ ...base(t), type: 'CANCELED' });

export const warning = (t: number, code = '230004'): JobInput => ({
  ...base(t),
  type: 'NEW_WARNING',
  code,
  message: 'Your input is missing information in its media header atom.',
});

export const queueHop = (t: number, to: string): JobInput => ({
  ...base(t),
  type: 'QUEUE_HOP',
  queue: to,
  hop: { at: t, from: QUEUE, to, priority: 5, previousPriority: 0 },
});

export const api = (t: number, fields: Partial<ApiSnapshotInput>): ApiSnapshotInput => ({
  ...base(t, null),
  type: 'API_SNAPSHOT',
  arn: null,
  status: 'SUBMITTED',
  phase: null,
  attempt: null,
  jobPercent: null,
  submittedQueue: QUEUE,
  priority: 0,
  hops: [],
  warnings: [],
  messages: [],
  warningMessages: [],
  error: null,
  outputs: [],
  timing: { submittedAt: null, startedAt: null, finishedAt: null },
  ...fields,
});
