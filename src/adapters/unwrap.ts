/**
 * Unwraps the delivery wrappers a MediaConvert payload travels in: JSON text
 * or bytes, SQS records and messages, SNS records and notifications (SNS in
 * SQS included), Lambda batches (`Records`), plain arrays, and API responses
 * holding several jobs. Each payload found becomes one {@link ParsedItem}.
 */
import { ErrorCode, JobInputError } from '../errors.js';
import { join, missing } from '../internal/fields.js';
import type { Fields } from '../internal/fields.js';
import { fromApiJob, unknownApiStatus } from './api.js';
import { CLOUDTRAIL_DETAIL_TYPE, fromEventBridge } from './eventbridge.js';
import type { ParseContext } from './internal/context.js';
import {
  asInputError,
  bytesOf,
  describe,
  get,
  has,
  isArrayAt,
  isRecord,
  item,
  keysOf,
  wrongType,
} from './internal/guard.js';
import { inputItem, invalidItem, skippedItem } from './internal/make.js';
import { listLength, parseJsonBytes, parseJsonText, tooDeep, where } from './internal/read.js';
import { SkipReason } from './items.js';
import type { ParsedItem } from './items.js';

/** `obj[key]`, or `undefined` when reading it throws. */
function peek(obj: Fields, key: string): unknown {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}

/** The first keys of `obj` for messages; never throws. */
function someKeys(obj: Fields): string {
  try {
    return Object.keys(obj)
      .slice(0, 6)
      .map((key) => JSON.stringify(key.slice(0, 40)))
      .join(', ');
  } catch {
    return '';
  }
}

function unrecognised(path: string, obj: Fields, hint = ''): JobInputError {
  const keys = someKeys(obj);
  return new JobInputError(
    ErrorCode.UNRECOGNISED_INPUT,
    `Unrecognised input at ${where(path)}: an object with keys ${keys || '(none)'}${hint}.`,
    { path },
  );
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The id of the SQS or SNS message `value` is, if it is one; never throws. */
function messageIdOf(value: unknown): string | null {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const obj = value as Fields;
    const id = text(obj.messageId) ?? text(obj.MessageId);
    if (id !== null) return id;
    const sns = obj.Sns;
    return typeof sns === 'object' && sns !== null ? text((sns as Fields).MessageId) : null;
  } catch {
    return null;
  }
}

function isApiResponse(obj: Fields, path: string): boolean {
  const present = (key: string): boolean => has(obj, key, path);
  return (
    present('Job') ||
    present('job') ||
    present('Jobs') ||
    present('jobs') ||
    present('Id') ||
    present('Arn') ||
    ((present('id') || present('arn')) && (present('status') || present('settings')))
  );
}

function isQueryStatusOnly(obj: Fields, path: string): boolean {
  for (const key of keysOf(obj, path)) {
    if (key !== 'Status' && key !== 'NextToken' && key !== '$metadata') return false;
  }
  return typeof get(obj, 'Status', path) === 'string';
}

/**
 * Runs `collect` on each element; a bad element becomes an invalid item,
 * whatever it threw (a getter or Proxy of the caller's included).
 */
function collectEach(
  list: readonly unknown[],
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
  const length = trusted ? list.length : listLength(list, path, ctx);
  for (let i = 0; i < length; i++) {
    const at = join(path, i);
    try {
      const element = trusted ? list[i] : item(list, i, path);
      if (element === undefined && !trusted && !(i in list)) {
        throw new JobInputError(
          ErrorCode.NOT_AN_OBJECT,
          `Expected a payload at ${at}, got an empty slot of a sparse array.`,
          { path: at },
        );
      }
      collect(element, at, level + 1, ctx, trusted, messageId, out);
    } catch (error) {
      const id = messageId ?? messageIdOf(peekItem(list, i));
      out.push(invalidItem(asInputError(error, at), at, id));
    }
  }
}

/** `list[i]`, or `undefined` when reading it throws. */
function peekItem(list: readonly unknown[], i: number): unknown {
  try {
    return list[i];
  } catch {
    return undefined;
  }
}

function snsMessage(
  sns: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  const type = get(sns, 'Type', path);
  const id = messageId ?? text(get(sns, 'MessageId', path));
  if (type === 'Notification' || type === undefined) {
    const message = get(sns, 'Message', path);
    const at = join(path, 'Message');
    if (typeof message !== 'string') {
      throw message === undefined || message === null
        ? missing(at)
        : wrongType(at, 'a string', message);
    }
    collect(message, at, level + 1, ctx, trusted, id, out);
    return;
  }
  if (type === 'SubscriptionConfirmation' || type === 'UnsubscribeConfirmation') {
    const topicArn = get(sns, 'TopicArn', path);
    const topic = typeof topicArn === 'string' ? ` for ${topicArn.slice(0, 256)}` : '';
    const subscribe = type === 'SubscriptionConfirmation';
    const hint = subscribe ? ' Confirm it through its SubscribeURL.' : '';
    out.push(
      skippedItem(
        subscribe ? SkipReason.SUBSCRIPTION_CONFIRMATION : SkipReason.UNSUBSCRIBE_CONFIRMATION,
        `An SNS ${type}${topic}: no job event.${hint}`,
        path,
        id,
      ),
    );
    return;
  }
  const at = join(path, 'Type');
  if (typeof type !== 'string') throw wrongType(at, 'a string', type);
  throw new JobInputError(
    ErrorCode.INVALID_VALUE,
    `Expected an SNS message Type of Notification, SubscriptionConfirmation or UnsubscribeConfirmation at ${at}, got ${JSON.stringify(type.slice(0, 40))}.`,
    { path: at },
  );
}

function apiJob(
  job: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  try {
    const result = fromApiJob(job, path, level, ctx, trusted, null, null);
    out.push(
      result.type === 'API_SNAPSHOT'
        ? inputItem(result, path, messageId)
        : unknownApiStatus(result, path, messageId),
    );
  } catch (error) {
    out.push(invalidItem(asInputError(error, path), path, messageId));
  }
}

function apiResponse(
  obj: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  if (has(obj, 'Job', path) || has(obj, 'job', path)) {
    const key = has(obj, 'Job', path) ? 'Job' : 'job';
    apiJob(get(obj, key, path), join(path, key), level + 1, ctx, trusted, messageId, out);
    return;
  }
  const listKey = has(obj, 'Jobs', path) ? 'Jobs' : has(obj, 'jobs', path) ? 'jobs' : null;
  if (listKey === null && !isQueryStatusOnly(obj, path)) {
    apiJob(obj, path, level, ctx, trusted, messageId, out);
    return;
  }
  if (listKey !== null) {
    const jobs = get(obj, listKey, path);
    const at = join(path, listKey);
    if (jobs !== undefined && jobs !== null) {
      if (!isArrayAt(jobs, at)) throw wrongType(at, 'an array', jobs);
      if (level + 1 >= ctx.maxDepth) throw tooDeep(at, ctx);
      const length = trusted ? jobs.length : listLength(jobs, at, ctx);
      for (let i = 0; i < length; i++) {
        const jobPath = join(at, i);
        let job: unknown;
        try {
          job = trusted ? jobs[i] : item(jobs, i, at);
        } catch (error) {
          out.push(invalidItem(asInputError(error, jobPath), jobPath, messageId));
          continue;
        }
        apiJob(job, jobPath, level + 2, ctx, trusted, messageId, out);
      }
    }
  }
  const status = get(obj, listKey === 'jobs' ? 'status' : 'Status', path);
  if (typeof status === 'string' && status !== 'COMPLETE') {
    out.push(
      skippedItem(
        SkipReason.QUERY_NOT_COMPLETE,
        `A jobs query with status ${JSON.stringify(status.slice(0, 40))}: ask again later.`,
        path,
        messageId,
      ),
    );
  }
}

/**
 * Finds every payload in `value` and appends one item per payload to `out`.
 * Internal: {@link parseInputs} is the public entry.
 *
 * Errors about the shape of `value` itself are thrown; an error inside one
 * element of a list (a record, a job, an array element) becomes an invalid
 * item so its neighbours still count; so does a recognised event or job with
 * a bad field.
 *
 * @param level - How many objects, arrays and JSON texts enclose `value`.
 * @param trusted - Whether `value` came from this library's own `JSON.parse`.
 * @param messageId - The id of the SQS or SNS message that carried `value`.
 */
export function collect(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  if (level >= ctx.maxDepth) throw tooDeep(path, ctx);
  if (typeof value === 'string') {
    collect(parseJsonText(value, path, ctx), path, level + 1, ctx, true, messageId, out);
    return;
  }
  if (typeof value !== 'object' || value === null) {
    throw new JobInputError(
      ErrorCode.NOT_AN_OBJECT,
      `Expected an object, an array, JSON text or bytes at ${where(path)}, got ${describe(value)}.`,
      { path },
    );
  }
  const bytes = trusted ? null : bytesOf(value, path);
  if (bytes !== null) {
    collect(parseJsonBytes(bytes, path, ctx), path, level + 1, ctx, true, messageId, out);
    return;
  }
  if (isArrayAt(value, path)) {
    collectEach(value, path, level, ctx, trusted, messageId, out);
    return;
  }
  collectObject(value as Fields, path, level, ctx, trusted, messageId, out);
}

/** {@link collect} for an object other than an array or bytes. */
function collectObject(
  value: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
  out: ParsedItem[],
): void {
  // EventBridge events first: they are the bulk of the traffic.
  if (has(value, 'detail-type', path)) {
    if (ctx.mode === 'api' && get(value, 'detail-type', path) !== CLOUDTRAIL_DETAIL_TYPE) {
      throw unrecognised(path, value, ': an EventBridge event is not an API response');
    }
    try {
      out.push(fromEventBridge(value, path, level, ctx, trusted, messageId));
    } catch (error) {
      out.push(invalidItem(asInputError(error, path), path, messageId));
    }
    return;
  }

  const records = get(value, 'Records', path);
  const recordsPath = join(path, 'Records');
  if (isArrayAt(records, recordsPath)) {
    collectEach(records, recordsPath, level + 1, ctx, trusted, messageId, out);
    return;
  }

  // An SQS record of a Lambda event, or an SQS message from ReceiveMessage.
  const present = (key: string): boolean => has(value, key, path);
  const sqsBodyKey =
    get(value, 'eventSource', path) === 'aws:sqs' || (present('body') && present('receiptHandle'))
      ? 'body'
      : present('Body') && (present('ReceiptHandle') || present('MD5OfBody'))
        ? 'Body'
        : null;
  if (sqsBodyKey !== null) {
    const body = get(value, sqsBodyKey, path);
    const at = join(path, sqsBodyKey);
    if (typeof body !== 'string') {
      throw body === undefined || body === null ? missing(at) : wrongType(at, 'a string', body);
    }
    const id = messageId ?? text(peek(value, 'messageId')) ?? text(peek(value, 'MessageId'));
    collect(body, at, level + 1, ctx, trusted, id, out);
    return;
  }
  const messages = get(value, 'Messages', path);
  const messagesPath = join(path, 'Messages');
  if (isArrayAt(messages, messagesPath)) {
    collectEach(messages, messagesPath, level + 1, ctx, trusted, messageId, out);
    return;
  }

  // An SNS record of a Lambda event, or an SNS message (HTTP, SNS to SQS).
  const sns = get(value, 'Sns', path);
  const at = join(path, 'Sns');
  if (isRecord(sns, at) || get(value, 'EventSource', path) === 'aws:sns') {
    if (!isRecord(sns, at)) throw wrongType(at, 'an object', sns);
    const id = messageId ?? text(peek(sns, 'MessageId'));
    snsMessage(sns, at, level + 1, ctx, trusted, id, out);
    return;
  }
  if (typeof get(value, 'Type', path) === 'string' && (present('TopicArn') || present('Message'))) {
    snsMessage(value, path, level, ctx, trusted, messageId, out);
    return;
  }

  if (isApiResponse(value, path) || isQueryStatusOnly(value, path)) {
    if (ctx.mode === 'event') {
      throw unrecognised(path, value, ': an API response is not an event (see parseApiResponse)');
    }
    apiResponse(value, path, level, ctx, trusted, messageId, out);
    return;
  }
  throw unrecognised(path, value);
}
