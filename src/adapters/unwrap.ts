/**
 * Unwraps the delivery wrappers a MediaConvert payload travels in: JSON text
 * or bytes, SQS records and messages, SNS records and notifications (SNS in
 * SQS included), Lambda batches (`Records`), plain arrays, and API responses
 * holding several jobs. Each payload found becomes one {@link ParsedItem}.
 */
import { ErrorCode, JobInputError } from '../errors.js';
import { isObject, join, missing, wrongType } from '../internal/fields.js';
import type { Fields } from '../internal/fields.js';
import { fromApiJob } from './api.js';
import { CLOUDTRAIL_DETAIL_TYPE, fromEventBridge } from './eventbridge.js';
import type { ParseContext } from './internal/context.js';
import { inputItem, invalidItem, skippedItem } from './internal/make.js';
import { parseJsonBytes, parseJsonText, tooDeep, where } from './internal/read.js';
import { SkipReason } from './items.js';
import type { ParsedItem } from './items.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function unrecognised(path: string, obj: Fields, hint = ''): JobInputError {
  const keys = Object.keys(obj)
    .slice(0, 6)
    .map((key) => JSON.stringify(key.slice(0, 40)))
    .join(', ');
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
  if (!isObject(value)) return null;
  const id = text(value.messageId) ?? text(value.MessageId);
  if (id !== null) return id;
  return isObject(value.Sns) ? text(value.Sns.MessageId) : null;
}

function isApiResponse(obj: Fields): boolean {
  return (
    'Job' in obj ||
    'job' in obj ||
    'Jobs' in obj ||
    'jobs' in obj ||
    'Id' in obj ||
    'Arn' in obj ||
    (('id' in obj || 'arn' in obj) && ('status' in obj || 'settings' in obj))
  );
}

function isQueryStatusOnly(obj: Fields): boolean {
  for (const key of Object.keys(obj)) {
    if (key !== 'Status' && key !== 'NextToken' && key !== '$metadata') return false;
  }
  return typeof obj.Status === 'string';
}

/** Runs `collect` on each element; a bad element becomes an invalid item. */
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
  for (let i = 0; i < list.length; i++) {
    const at = join(path, i);
    const element = list[i];
    try {
      collect(element, at, level + 1, ctx, trusted, messageId, out);
    } catch (error) {
      if (!(error instanceof JobInputError)) throw error;
      out.push(invalidItem(error, at, messageId ?? messageIdOf(element)));
    }
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
  const type = sns.Type;
  const id = messageId ?? text(sns.MessageId);
  if (type === 'Notification' || type === undefined) {
    const message = sns.Message;
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
    const topic = typeof sns.TopicArn === 'string' ? ` for ${sns.TopicArn.slice(0, 256)}` : '';
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
    out.push(inputItem(fromApiJob(job, path, level, ctx, trusted, null, null), path, messageId));
  } catch (error) {
    if (!(error instanceof JobInputError)) throw error;
    out.push(invalidItem(error, path, messageId));
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
  if ('Job' in obj || 'job' in obj) {
    const key = 'Job' in obj ? 'Job' : 'job';
    apiJob(obj[key], join(path, key), level + 1, ctx, trusted, messageId, out);
    return;
  }
  const listKey = 'Jobs' in obj ? 'Jobs' : 'jobs' in obj ? 'jobs' : null;
  if (listKey === null && !isQueryStatusOnly(obj)) {
    apiJob(obj, path, level, ctx, trusted, messageId, out);
    return;
  }
  if (listKey !== null) {
    const jobs = obj[listKey];
    const at = join(path, listKey);
    if (jobs !== undefined && jobs !== null) {
      if (!Array.isArray(jobs)) throw wrongType(at, 'an array', jobs);
      if (level + 1 >= ctx.maxDepth) throw tooDeep(at, ctx);
      const list: readonly unknown[] = jobs;
      for (let i = 0; i < list.length; i++) {
        apiJob(list[i], join(at, i), level + 2, ctx, trusted, messageId, out);
      }
    }
  }
  const status = obj[listKey === 'jobs' ? 'status' : 'Status'];
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
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
    collect(parseJsonBytes(bytes, path, ctx), path, level + 1, ctx, true, messageId, out);
    return;
  }
  if (Array.isArray(value)) {
    collectEach(value, path, level, ctx, trusted, messageId, out);
    return;
  }
  if (!isObject(value)) {
    throw new JobInputError(
      ErrorCode.NOT_AN_OBJECT,
      `Expected an object, an array, JSON text or bytes at ${where(path)}, got ${describe(value)}.`,
      { path },
    );
  }

  // EventBridge events first: they are the bulk of the traffic.
  if ('detail-type' in value) {
    if (ctx.mode === 'api' && value['detail-type'] !== CLOUDTRAIL_DETAIL_TYPE) {
      throw unrecognised(path, value, ': an EventBridge event is not an API response');
    }
    try {
      out.push(fromEventBridge(value, path, level, ctx, trusted, messageId));
    } catch (error) {
      if (!(error instanceof JobInputError)) throw error;
      out.push(invalidItem(error, path, messageId));
    }
    return;
  }

  const records = value.Records;
  if (Array.isArray(records)) {
    collectEach(records, join(path, 'Records'), level + 1, ctx, trusted, messageId, out);
    return;
  }

  // An SQS record of a Lambda event, or an SQS message from ReceiveMessage.
  const sqsBodyKey =
    value.eventSource === 'aws:sqs' || ('body' in value && 'receiptHandle' in value)
      ? 'body'
      : 'Body' in value && ('ReceiptHandle' in value || 'MD5OfBody' in value)
        ? 'Body'
        : null;
  if (sqsBodyKey !== null) {
    const body = value[sqsBodyKey];
    const at = join(path, sqsBodyKey);
    if (typeof body !== 'string') {
      throw body === undefined || body === null ? missing(at) : wrongType(at, 'a string', body);
    }
    const id = messageId ?? text(value.messageId) ?? text(value.MessageId);
    collect(body, at, level + 1, ctx, trusted, id, out);
    return;
  }
  const messages = value.Messages;
  if (Array.isArray(messages)) {
    collectEach(messages, join(path, 'Messages'), level + 1, ctx, trusted, messageId, out);
    return;
  }

  // An SNS record of a Lambda event, or an SNS message (HTTP, SNS to SQS).
  const sns = value.Sns;
  if (isObject(sns) || value.EventSource === 'aws:sns') {
    const at = join(path, 'Sns');
    if (!isObject(sns)) throw wrongType(at, 'an object', sns);
    snsMessage(sns, at, level + 1, ctx, trusted, messageId ?? text(sns.MessageId), out);
    return;
  }
  if (typeof value.Type === 'string' && ('TopicArn' in value || 'Message' in value)) {
    snsMessage(value, path, level, ctx, trusted, messageId, out);
    return;
  }

  if (isApiResponse(value) || isQueryStatusOnly(value)) {
    if (ctx.mode === 'event') {
      throw unrecognised(path, value, ': an API response is not an event (see parseApiResponse)');
    }
    apiResponse(value, path, level, ctx, trusted, messageId, out);
    return;
  }
  throw unrecognised(path, value);
}
