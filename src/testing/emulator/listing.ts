/**
 * `ListJobs` and `SearchJobs`: query parameters, filters, order and paging
 * with opaque tokens that survive jobs being created between pages.
 */
import type { JsonValue } from '../../model/json.js';
import { JobStatus } from '../../model/status.js';
import { observeJob, type JobView, type SimJob } from './job.js';
import { queueArn, type QueueScope } from './request.js';
import { serviceError, type ServiceError } from './wire.js';

/**
 * The most jobs one page holds, and the default page size.
 *
 * @example
 * ```ts
 * Math.min(MAX_PAGE_SIZE, requested);
 * ```
 */
export const MAX_PAGE_SIZE = 20;

/**
 * A checked `ListJobs` or `SearchJobs` query.
 *
 * @example
 * ```ts
 * const query = readListQuery('ListJobs', params, scope);
 * ```
 */
export interface ListQuery {
  readonly operation: 'ListJobs' | 'SearchJobs';
  /** The queue ARN to filter on, or `null`. */
  readonly queue: string | null;
  readonly status: JobStatus | null;
  readonly order: 'ASCENDING' | 'DESCENDING';
  readonly maxResults: number;
  readonly nextToken: string | null;
  /** `SearchJobs` only: part of an input file URL, matched without case. */
  readonly inputFile: string | null;
}

/**
 * A result or the error to answer with.
 *
 * @example
 * ```ts
 * const page = listPage(jobs, query, now);
 * if (!page.ok) return errorResponse(page.error);
 * ```
 */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ServiceError };

function bad(message: string): { ok: false; error: ServiceError } {
  return { ok: false, error: serviceError('BadRequestException', message) };
}

const STATUSES: readonly string[] = Object.values(JobStatus);

/**
 * Reads the query string of a `ListJobs` or `SearchJobs` call. `maxResults`
 * above 20 is lowered to 20; below 1 or not an integer is refused.
 *
 * @example
 * ```ts
 * readListQuery('ListJobs', new URL(url, 'http://x').searchParams, scope);
 * ```
 */
export function readListQuery(
  operation: ListQuery['operation'],
  params: URLSearchParams,
  scope: QueueScope,
): Checked<ListQuery> {
  const status = params.get('status');
  if (status !== null && !STATUSES.includes(status)) {
    return bad(`status: [${status}] is not one of ${STATUSES.join(', ')}`);
  }
  const order = params.get('order') ?? 'DESCENDING';
  if (order !== 'ASCENDING' && order !== 'DESCENDING') {
    return bad(`order: [${order}] is not one of ASCENDING, DESCENDING`);
  }
  const max = params.get('maxResults');
  const maxResults = max === null ? MAX_PAGE_SIZE : Number(max);
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    return bad(`maxResults: [${max}] should be at least 1`);
  }
  const queue = params.get('queue');
  return {
    ok: true,
    value: {
      operation,
      queue: queue === null || queue === '' ? null : queueArn(queue, scope),
      status: status === null ? null : (status as JobStatus),
      order,
      maxResults: Math.min(MAX_PAGE_SIZE, maxResults),
      nextToken: params.get('nextToken'),
      inputFile: operation === 'SearchJobs' ? params.get('inputFile') : null,
    },
  };
}

function filterKey(query: ListQuery): string {
  return JSON.stringify([query.operation, query.queue, query.status, query.order, query.inputFile]);
}

function encodeToken(query: ListQuery, afterSeq: number): string {
  const token = JSON.stringify({ v: 1, a: afterSeq, f: filterKey(query) });
  return Buffer.from(token).toString('base64url');
}

function decodeToken(query: ListQuery, token: string): number | null {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as JsonValue;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const fields = parsed as { readonly [key: string]: JsonValue };
  const after = fields['a'];
  if (fields['v'] !== 1 || fields['f'] !== filterKey(query)) return null;
  if (typeof after !== 'number') return null;
  return after;
}

function inputUris(job: SimJob): string[] {
  const inputs = job.request.settings['Inputs'];
  if (!Array.isArray(inputs)) return [];
  const uris: string[] = [];
  for (const input of inputs) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) continue;
    const uri = (input as { readonly [key: string]: JsonValue })['FileInput'];
    if (typeof uri === 'string') uris.push(uri.toLowerCase());
  }
  return uris;
}

/**
 * One page of jobs with their views at the time of the call.
 *
 * @example
 * ```ts
 * const { jobs, nextToken } = page;
 * ```
 */
export interface Page {
  readonly jobs: readonly { readonly job: SimJob; readonly view: JobView }[];
  readonly nextToken: string | null;
}

/**
 * One page of `jobs` (indexed by creation order, `jobs[i].seq === i`)
 * matching `query` at emulator time `now`. Queue filters match the
 * submission queue, as the service does after hops.
 *
 * @example
 * ```ts
 * const page = listPage(jobs, query, clock.now());
 * if (page.ok) reply(page.value.jobs, page.value.nextToken);
 * ```
 */
export function listPage(jobs: readonly SimJob[], query: ListQuery, now: number): Checked<Page> {
  const descending = query.order === 'DESCENDING';
  let start = descending ? jobs.length - 1 : 0;
  if (query.nextToken !== null) {
    const after = decodeToken(query, query.nextToken);
    if (after === null) return bad('nextToken: the token is invalid or belongs to another query');
    start = descending ? after - 1 : after + 1;
  }
  const needle = query.inputFile?.toLowerCase() ?? null;
  const found: { job: SimJob; view: JobView }[] = [];
  const step = descending ? -1 : 1;
  let more = false;
  for (let i = start; i >= 0 && i < jobs.length; i += step) {
    const job = jobs[i];
    if (job === undefined) continue;
    if (query.queue !== null && job.request.queue !== query.queue) continue;
    if (needle !== null && !inputUris(job).some((uri) => uri.includes(needle))) continue;
    const view = observeJob(job, now);
    if (query.status !== null && view.status !== query.status) continue;
    if (found.length === query.maxResults) {
      more = true;
      break;
    }
    found.push({ job, view });
  }
  const last = found[found.length - 1];
  return {
    ok: true,
    value: {
      jobs: found,
      nextToken: more && last !== undefined ? encodeToken(query, last.job.seq) : null,
    },
  };
}
