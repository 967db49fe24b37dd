/**
 * What a CreateJob request carries, read from the wire (or from a caller's
 * SDK-shaped object) into one checked, normalised form.
 */
import type { JsonObject, JsonValue } from '../../model/json.js';
import { toJson, toSdkCase, toWireCase } from './casing.js';

/**
 * A CreateJob request as callers write it for the SDK's `CreateJobCommand`
 * (PascalCase members). Accepted by `emulator.createJobs()`.
 *
 * @example
 * ```ts
 * const input: CreateJobInput = {
 *   Role: 'arn:aws:iam::111122223333:role/MediaConvertRole',
 *   Settings: { Inputs: [{ FileInput: 's3://bucket/in.mp4' }], OutputGroups: [] },
 *   UserMetadata: { assetId: 'a-1' },
 * };
 * ```
 */
export interface CreateJobInput {
  readonly Role?: string | undefined;
  /** The job settings, as the SDK's `JobSettings`. */
  readonly Settings?: object | undefined;
  readonly Queue?: string | undefined;
  readonly Priority?: number | undefined;
  readonly UserMetadata?: Readonly<Record<string, string>> | undefined;
  readonly HopDestinations?:
    | readonly {
        readonly Queue?: string | undefined;
        readonly Priority?: number | undefined;
        readonly WaitMinutes?: number | undefined;
      }[]
    | undefined;
  readonly StatusUpdateInterval?: string | undefined;
  readonly AccelerationSettings?: { readonly Mode?: string | undefined } | undefined;
  readonly ClientRequestToken?: string | undefined;
  readonly JobTemplate?: string | undefined;
  /** Kept and echoed back, like every other member the emulator does not interpret. */
  readonly Tags?: Readonly<Record<string, string>> | undefined;
  readonly BillingTagsSource?: string | undefined;
  readonly JobEngineVersion?: string | undefined;
  readonly SimulateReservedQueue?: string | undefined;
}

/**
 * One queue a job may move to while it waits.
 *
 * @example
 * ```ts
 * request.hopDestinations[0]?.waitMinutes; // 2
 * ```
 */
export interface HopDestination {
  /** The destination queue ARN. */
  readonly queue: string;
  /** The priority in the destination queue, or `null` to keep the job's. */
  readonly priority: number | null;
  /** Minutes to wait in the previous queue before hopping. */
  readonly waitMinutes: number;
}

/**
 * A CreateJob request as the emulator keeps it: checked, with queue names
 * turned into ARNs and defaults applied.
 *
 * @example
 * ```ts
 * const plan = (request: JobRequest) =>
 *   request.userMetadata['tier'] === 'slow' ? { queueWaitMs: 600_000 } : {};
 * ```
 */
export interface JobRequest {
  readonly role: string;
  /** `Settings` with the SDK's PascalCase member names. */
  readonly settings: JsonObject;
  /** The submission queue ARN (`Default` when the request named none). */
  readonly queue: string;
  readonly priority: number;
  readonly userMetadata: { readonly [key: string]: string };
  readonly hopDestinations: readonly HopDestination[];
  /** For example `SECONDS_60`. */
  readonly statusUpdateInterval: string;
  /** `AccelerationSettings.Mode`, or `null`. */
  readonly accelerationMode: string | null;
  readonly clientRequestToken: string | null;
  /** The whole request body in wire (lowerCamelCase) form, echoed back in job views. */
  readonly wire: JsonObject;
}

/**
 * The `StatusUpdateInterval` values and their length in seconds.
 *
 * @example
 * ```ts
 * STATUS_UPDATE_SECONDS['SECONDS_60']; // 60
 * ```
 */
export const STATUS_UPDATE_SECONDS: { readonly [interval: string]: number } = {
  SECONDS_10: 10,
  SECONDS_12: 12,
  SECONDS_15: 15,
  SECONDS_20: 20,
  SECONDS_30: 30,
  SECONDS_60: 60,
  SECONDS_120: 120,
  SECONDS_180: 180,
  SECONDS_240: 240,
  SECONDS_300: 300,
  SECONDS_360: 360,
  SECONDS_420: 420,
  SECONDS_480: 480,
  SECONDS_540: 540,
  SECONDS_600: 600,
};

/**
 * Where queues live: the account and region that own them.
 *
 * @example
 * ```ts
 * const scope: QueueScope = { region: 'us-west-2', accountId: '111122223333' };
 * ```
 */
export interface QueueScope {
  readonly region: string;
  readonly accountId: string;
}

/**
 * The ARN of a queue given by name or ARN.
 *
 * @example
 * ```ts
 * queueArn('Default', { region: 'us-west-2', accountId: '111122223333' });
 * // 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default'
 * ```
 */
export function queueArn(nameOrArn: string, scope: QueueScope): string {
  if (nameOrArn.startsWith('arn:')) return nameOrArn;
  return `arn:aws:mediaconvert:${scope.region}:${scope.accountId}:queues/${nameOrArn}`;
}

/**
 * The name part of a queue ARN (or the name itself).
 *
 * @example
 * ```ts
 * queueName('arn:aws:mediaconvert:us-west-2:111122223333:queues/Rush'); // 'Rush'
 * ```
 */
export function queueName(nameOrArn: string): string {
  const slash = nameOrArn.lastIndexOf('/');
  return nameOrArn.startsWith('arn:') && slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}

/**
 * Why a request was refused: a sentence naming the wire field.
 *
 * @example
 * ```ts
 * const problem: RequestProblem = { field: '/role', message: 'Required property is missing' };
 * ```
 */
export interface RequestProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * The outcome of reading a request.
 *
 * @example
 * ```ts
 * const result = readJobRequest(body, scope);
 * if (result.ok) simulation.createJob(result.request);
 * ```
 */
export type ReadRequestResult =
  | { readonly ok: true; readonly request: JobRequest }
  | { readonly ok: false; readonly problem: RequestProblem };

function fail(field: string, message: string): ReadRequestResult {
  return { ok: false, problem: { field, message } };
}

function isPriority(value: JsonValue): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -50 && value <= 50;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readHops(
  value: JsonValue | undefined,
  scope: QueueScope,
): HopDestination[] | RequestProblem {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return { field: '/hopDestinations', message: 'should be an array' };
  const hops: HopDestination[] = [];
  for (const [i, item] of value.entries()) {
    const at = `/hopDestinations/${i}`;
    if (!isObject(item)) return { field: at, message: 'should be an object' };
    const wait = item['waitMinutes'];
    if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 1 || wait > 4320) {
      return { field: `${at}/waitMinutes`, message: 'should be an integer from 1 to 4320' };
    }
    const queue = item['queue'];
    if (queue !== undefined && typeof queue !== 'string') {
      return { field: `${at}/queue`, message: 'should be a string' };
    }
    const priority = item['priority'];
    if (priority !== undefined && !isPriority(priority)) {
      return { field: `${at}/priority`, message: 'should be an integer from -50 to 50' };
    }
    hops.push({
      queue: queueArn(queue ?? 'Default', scope),
      priority: typeof priority === 'number' ? priority : null,
      waitMinutes: wait,
    });
  }
  return hops;
}

function readMetadata(value: JsonValue | undefined): { [key: string]: string } | RequestProblem {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return { field: '/userMetadata', message: 'should be an object' };
  const out: { [key: string]: string } = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner !== 'string') {
      return { field: `/userMetadata/${key}`, message: 'should be a string' };
    }
    out[key] = inner;
  }
  return out;
}

function isProblem(value: unknown): value is RequestProblem {
  return typeof value === 'object' && value !== null && 'field' in value && 'message' in value;
}

/**
 * Reads a CreateJob body in wire form, as the real service would validate it.
 *
 * @example
 * ```ts
 * const result = readJobRequest(JSON.parse(body), scope);
 * if (!result.ok) reply400(result.problem);
 * ```
 */
export function readJobRequest(body: JsonValue, scope: QueueScope): ReadRequestResult {
  if (!isObject(body)) return fail('/', 'The request body should be a JSON object');
  const role = body['role'];
  if (typeof role !== 'string' || role === '') return fail('/role', 'Required property is missing');
  const settings = body['settings'];
  if (!isObject(settings)) return fail('/settings', 'Required property is missing');
  const queue = body['queue'];
  if (queue !== undefined && typeof queue !== 'string') return fail('/queue', 'should be a string');
  const priority = body['priority'] ?? 0;
  if (!isPriority(priority)) {
    return fail('/priority', 'should be an integer from -50 to 50');
  }
  const interval = body['statusUpdateInterval'] ?? 'SECONDS_60';
  if (typeof interval !== 'string' || STATUS_UPDATE_SECONDS[interval] === undefined) {
    return fail('/statusUpdateInterval', 'should be one of SECONDS_10 ... SECONDS_600');
  }
  const userMetadata = readMetadata(body['userMetadata']);
  if (isProblem(userMetadata)) return { ok: false, problem: userMetadata };
  const hopDestinations = readHops(body['hopDestinations'], scope);
  if (isProblem(hopDestinations)) return { ok: false, problem: hopDestinations };
  const acceleration = body['accelerationSettings'];
  const mode = isObject(acceleration) ? acceleration['mode'] : undefined;
  const token = body['clientRequestToken'];

  return {
    ok: true,
    request: {
      role,
      settings: toSdkCase(settings),
      queue: queueArn(queue ?? 'Default', scope),
      priority,
      userMetadata,
      hopDestinations,
      statusUpdateInterval: interval,
      accelerationMode: typeof mode === 'string' ? mode : null,
      clientRequestToken: typeof token === 'string' ? token : null,
      wire: body,
    },
  };
}

/**
 * Turns an SDK-shaped CreateJob input into the wire body the SDK would send.
 *
 * @example
 * ```ts
 * inputToWire({ Role: 'r', Settings: { OutputGroups: [] } });
 * // { role: 'r', settings: { outputGroups: [] } }
 * ```
 */
export function inputToWire(input: CreateJobInput): JsonValue {
  const json = toJson(input);
  return json !== undefined && typeof json === 'object' && json !== null && !Array.isArray(json)
    ? toWireCase(json as JsonObject)
    : null;
}
