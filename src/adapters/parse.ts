/**
 * The public entry points of the input adapters.
 */
import { ErrorCode, JobInputError } from '../errors.js';
import type { ApiSnapshotInput } from '../model/input.js';
import { resolveParseOptions } from './internal/context.js';
import type { ParseContext } from './internal/context.js';
import { asInputError } from './internal/guard.js';
import type { ParsedEvent, ParsedItem } from './items.js';
import type { ParseOptions } from './options.js';
import { collect } from './unwrap.js';

/**
 * Every item of `value`. Whatever is thrown while reading it (a getter or
 * Proxy of the caller's that throws, a revoked Proxy) is a JobInputError:
 * inside a batch, the record it was read from becomes an invalid item; at
 * the top, the error is thrown with the path being read and the original
 * as `cause`.
 */
function collectAll(value: unknown, ctx: ParseContext): ParsedItem[] {
  const out: ParsedItem[] = [];
  try {
    collect(value, '', 0, ctx, false, null, out);
  } catch (error) {
    throw asInputError(error, '');
  }
  return out;
}

/**
 * Finds every MediaConvert input in a value, whatever wrapped it, in order.
 *
 * Accepts an EventBridge event (job state changes, other MediaConvert
 * events, CloudTrail `CreateJob` records), an API response or job, and any
 * of these as JSON text, UTF-8 bytes (`Buffer`, `Uint8Array`, `ArrayBuffer`),
 * an SQS record or message, an SNS record or notification (SNS to SQS
 * included), a Lambda batch (`{ Records }`) or an array. Each payload gives
 * one item: `input`, `skipped` (with a
 * {@link SkipReason}) or `invalid` (with the error, whose `path` names the
 * record, e.g. `Records[3].body.detail.jobId`), so one bad record never hides
 * the others.
 *
 * A value the caller owns is read defensively: a getter or Proxy that throws,
 * or a revoked Proxy, gives a JobInputError (`UNRECOGNISED_INPUT`, with the
 * path being read and what was thrown as `cause`), and inside a batch only
 * its record becomes `invalid`. A hole of a sparse array is an `invalid`
 * item too.
 *
 * @throws JobInputError when the value as a whole is not understood: not an
 *   object, array, text or bytes, invalid JSON, too large, too deep, a shape
 *   no adapter knows, or a value that cannot be read.
 * @throws JobTrackerError `INVALID_OPTIONS` for bad `options`, naming the
 *   option (`options.maxDepth`).
 * @example
 * ```ts
 * export const handler = async (event: SQSEvent) => {
 *   const failures = [];
 *   for (const item of parseInputs(event)) {
 *     if (item.kind === 'input') await tracker.ingest(item.input);
 *     else if (item.kind === 'invalid') failures.push({ itemIdentifier: item.messageId });
 *   }
 *   return { batchItemFailures: failures };
 * };
 * ```
 */
export function parseInputs(value: unknown, options?: ParseOptions): readonly ParsedItem[] {
  return collectAll(value, resolveParseOptions(options, 'any'));
}

/**
 * The result of {@link safeParseInputs}: the items, or the error together with
 * the original input.
 *
 * @example
 * ```ts
 * const result: SafeParseInputsResult = safeParseInputs(body);
 * if (!result.success) deadLetter(result.input, result.error.code);
 * ```
 */
export type SafeParseInputsResult =
  | { readonly success: true; readonly items: readonly ParsedItem[] }
  | { readonly success: false; readonly error: JobInputError; readonly input: unknown };

/**
 * Like {@link parseInputs}, but returns a failure instead of throwing for
 * bad input. Bad `options` are a mistake of the calling code, not of the
 * input, and still throw JobTrackerError `INVALID_OPTIONS`.
 *
 * @example
 * ```ts
 * const result = safeParseInputs(message.Body);
 * if (result.success) result.items.forEach(handle);
 * else console.warn(result.error.code, result.error.path);
 * ```
 */
export function safeParseInputs(value: unknown, options?: ParseOptions): SafeParseInputsResult {
  const ctx = resolveParseOptions(options, 'any');
  try {
    return { success: true, items: collectAll(value, ctx) };
  } catch (error) {
    return { success: false, error: asInputError(error, ''), input: value };
  }
}

function single(value: unknown, ctx: ParseContext): ParsedEvent {
  const items = collectAll(value, ctx);
  const item = items[0];
  if (items.length !== 1 || item === undefined) {
    throw new JobInputError(
      ErrorCode.UNRECOGNISED_INPUT,
      `Expected exactly one event, found ${items.length}: use parseInputs for batches.`,
      { path: '' },
    );
  }
  if (item.kind === 'invalid') throw item.error;
  return item;
}

/**
 * Reads exactly one EventBridge event, in any wrapper (text, bytes, an SQS or
 * SNS record, a batch or array of one), into an input or a skip.
 *
 * A job state change gives its input; a CloudTrail record of `CreateJob` gives
 * an `API_SNAPSHOT`; other events are skipped with a {@link SkipReason}.
 *
 * @throws JobInputError for a bad event, for anything that is not an
 *   EventBridge event, or for a wrapper holding more or fewer than one;
 *   JobTrackerError `INVALID_OPTIONS` for bad `options`.
 * @example
 * ```ts
 * const item = parseEvent({
 *   version: '0',
 *   id: '1234abcd-12ab-34cd-56ef-1234567890ab',
 *   'detail-type': 'MediaConvert Job State Change',
 *   source: 'aws.mediaconvert',
 *   account: '111122223333',
 *   time: '2022-12-19T19:20:21Z',
 *   region: 'us-west-2',
 *   resources: ['arn:aws:mediaconvert:us-west-2:111122223333:jobs/1671477617078-2886ye'],
 *   detail: {
 *     timestamp: 1671477621654,
 *     accountId: '111122223333',
 *     queue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default',
 *     jobId: '1671477617078-2886ye',
 *     status: 'PROGRESSING',
 *     userMetadata: {},
 *   },
 * });
 * // { kind: 'input', input: { type: 'PROGRESSING', jobId: '1671477617078-2886ye', ... } }
 * ```
 */
export function parseEvent(value: unknown, options?: ParseOptions): ParsedEvent {
  return single(value, resolveParseOptions(options, 'event'));
}

/**
 * The result of {@link safeParseEvent}.
 *
 * @example
 * ```ts
 * const result: SafeParseEventResult = safeParseEvent(body);
 * ```
 */
export type SafeParseEventResult =
  | { readonly success: true; readonly item: ParsedEvent }
  | { readonly success: false; readonly error: JobInputError; readonly input: unknown };

/**
 * Like {@link parseEvent}, but returns a failure instead of throwing for bad
 * input (bad `options` still throw JobTrackerError `INVALID_OPTIONS`).
 *
 * @example
 * ```ts
 * const result = safeParseEvent(request.body);
 * if (!result.success) return { statusCode: 400, body: result.error.message };
 * ```
 */
export function safeParseEvent(value: unknown, options?: ParseOptions): SafeParseEventResult {
  const ctx = resolveParseOptions(options, 'event');
  try {
    return { success: true, item: single(value, ctx) };
  } catch (error) {
    return { success: false, error: asInputError(error, ''), input: value };
  }
}

function apiInputs(value: unknown, ctx: ParseContext): readonly ApiSnapshotInput[] {
  const inputs: ApiSnapshotInput[] = [];
  for (const item of collectAll(value, ctx)) {
    if (item.kind === 'invalid') throw item.error;
    if (item.kind === 'input' && item.input.type === 'API_SNAPSHOT') inputs.push(item.input);
  }
  return inputs;
}

/**
 * Reads an API response into one `API_SNAPSHOT` input per job.
 *
 * Accepts GetJob and CreateJob (`{Job}`), ListJobs and SearchJobs
 * (`{Jobs, NextToken}`), GetJobsQueryResults (`{Jobs, Status}`), a bare job,
 * each in the SDK's form (PascalCase, `Date`s), as CLI output (epoch seconds
 * or ISO text) or in the REST wire form (lowerCamelCase), and a CloudTrail
 * "AWS API Call via CloudTrail" event of `CreateJob`; also as JSON text or
 * bytes (typed, the response is an {@link ApiResponse}). A query that has
 * not finished and a CloudTrail record of another call give no inputs. The
 * snapshot of a CloudTrail record keeps the EventBridge event `id` as its
 * `eventId`, so a redelivered record is recognised as a duplicate. See
 * {@link parseApiJob} for how fields map.
 *
 * A job whose `Status` this version does not know (one the service may add)
 * gives no snapshot; {@link parseInputs} reports it as a `skipped` item with
 * reason `UNKNOWN_STATUS`.
 *
 * @throws JobInputError for the first bad job, or for input that is no API
 *   response. Use {@link parseInputs} to keep the good jobs of a bad page.
 *   JobTrackerError `INVALID_OPTIONS` for bad `options`.
 * @example
 * ```ts
 * const page = await client.send(new ListJobsCommand({ Queue, Status: 'PROGRESSING' }));
 * for (const snapshot of parseApiResponse(page, { observedAt: Date.now() })) {
 *   fleet.ingest(snapshot);
 * }
 * ```
 */
export function parseApiResponse(
  value: unknown,
  options?: ParseOptions,
): readonly ApiSnapshotInput[] {
  return apiInputs(value, resolveParseOptions(options, 'api'));
}

/**
 * The result of {@link safeParseApiResponse}.
 *
 * @example
 * ```ts
 * const result: SafeParseApiResponseResult = safeParseApiResponse(page);
 * ```
 */
export type SafeParseApiResponseResult =
  | { readonly success: true; readonly inputs: readonly ApiSnapshotInput[] }
  | { readonly success: false; readonly error: JobInputError; readonly input: unknown };

/**
 * Like {@link parseApiResponse}, but returns a failure instead of throwing
 * for bad input (bad `options` still throw JobTrackerError `INVALID_OPTIONS`).
 *
 * @example
 * ```ts
 * const result = safeParseApiResponse(await client.send(new GetJobCommand({ Id })));
 * if (result.success) result.inputs.forEach((s) => tracker.ingest(s));
 * ```
 */
export function safeParseApiResponse(
  value: unknown,
  options?: ParseOptions,
): SafeParseApiResponseResult {
  const ctx = resolveParseOptions(options, 'api');
  try {
    return { success: true, inputs: apiInputs(value, ctx) };
  } catch (error) {
    return { success: false, error: asInputError(error, ''), input: value };
  }
}
