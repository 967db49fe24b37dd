/**
 * The REST routes of the five job operations, as the SDK's model declares
 * them (`/2017-08-29/...`), and their handlers.
 */
import type { JsonValue } from '../../model/json.js';
import { Operation } from './faults.js';
import { listPage, readListQuery } from './listing.js';
import { readJobRequest, type QueueScope } from './request.js';
import type { Simulation } from './simulation.js';
import {
  errorResponse,
  jobToWire,
  jsonResponse,
  serviceError,
  type WireResponse,
} from './wire.js';

/**
 * A matched route: the operation and the job id in the path, if any.
 *
 * @example
 * ```ts
 * const route = matchRoute('DELETE', '/2017-08-29/jobs/1671477617078-2886ye');
 * ```
 */
export interface Route {
  readonly operation: Operation;
  readonly id: string | null;
}

const PREFIX = '/2017-08-29';

// Only the five job operations are served. Queues, presets, job templates, policies,
// DescribeEndpoints, StartJobsQuery and tagging are not emulated: the tracker does not call
// them, and faking them without their semantics would mislead tests. They answer 404.

/**
 * Finds the operation a method and path address, or `null` for any route
 * the emulator does not serve.
 *
 * @example
 * ```ts
 * matchRoute('GET', '/2017-08-29/jobs/1671477617078-2886ye');
 * // { operation: 'GetJob', id: '1671477617078-2886ye' }
 * ```
 */
export function matchRoute(method: string, pathname: string): Route | null {
  if (!pathname.startsWith(`${PREFIX}/`)) return null;
  const parts = pathname.slice(PREFIX.length + 1).split('/');
  const [resource, rawId, extra] = parts;
  if (extra !== undefined) return null;
  if (resource === 'search' && rawId === undefined && method === 'GET') {
    return { operation: Operation.SEARCH_JOBS, id: null };
  }
  if (resource !== 'jobs') return null;
  if (rawId === undefined || rawId === '') {
    if (method === 'POST') return { operation: Operation.CREATE_JOB, id: null };
    if (method === 'GET') return { operation: Operation.LIST_JOBS, id: null };
    return null;
  }
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return null;
  }
  if (method === 'GET') return { operation: Operation.GET_JOB, id };
  if (method === 'DELETE') return { operation: Operation.CANCEL_JOB, id };
  return null;
}

/**
 * The answer for a route the emulator does not serve.
 *
 * @example
 * ```ts
 * unknownRoute('GET', '/2017-08-29/queues').status; // 404
 * ```
 */
export function unknownRoute(method: string, pathname: string): WireResponse {
  return errorResponse(
    serviceError(
      'NotFoundException',
      `No operation is served at ${method} ${pathname} by this emulator.`,
    ),
  );
}

function badRequest(message: string): WireResponse {
  return errorResponse(serviceError('BadRequestException', message));
}

function parseBody(body: string): JsonValue | undefined {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * Runs one operation against the simulation and builds its wire answer.
 *
 * @example
 * ```ts
 * handleRoute(simulation, scope, route, url.searchParams, body);
 * ```
 */
export function handleRoute(
  simulation: Simulation,
  scope: QueueScope,
  route: Route,
  query: URLSearchParams,
  body: string,
): WireResponse {
  switch (route.operation) {
    case Operation.CREATE_JOB: {
      const json = parseBody(body);
      if (json === undefined) return badRequest('The request body is not valid JSON.');
      const read = readJobRequest(json, scope);
      if (!read.ok) return badRequest(`${read.problem.field}: ${read.problem.message}`);
      const job = simulation.createJob(read.request);
      return jsonResponse(201, { job: jobToWire(job, simulation.view(job)) });
    }
    case Operation.GET_JOB: {
      const job = simulation.getJob(route.id ?? '');
      if (job === undefined) {
        return errorResponse(serviceError('NotFoundException', `Job ${route.id} was not found.`));
      }
      return jsonResponse(200, { job: jobToWire(job, simulation.view(job)) });
    }
    case Operation.CANCEL_JOB: {
      const problem = simulation.cancelJob(route.id ?? '');
      return problem === null ? jsonResponse(202, {}) : errorResponse(problem);
    }
    case Operation.LIST_JOBS:
    case Operation.SEARCH_JOBS: {
      const read = readListQuery(route.operation, query, scope);
      if (!read.ok) return errorResponse(read.error);
      const page = listPage(simulation.jobs, read.value, simulation.now());
      if (!page.ok) return errorResponse(page.error);
      const jobs = page.value.jobs.map(({ job, view }) => jobToWire(job, view));
      const { nextToken } = page.value;
      return jsonResponse(200, nextToken === null ? { jobs } : { jobs, nextToken });
    }
  }
}
