/**
 * The HTTP face of the emulator, on node:http: routes requests, applies API
 * faults, counts calls, and closes every socket on shutdown.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorClock } from './clock.js';
import { ApiFault, type FaultInjector } from './faults.js';
import type { QueueScope } from './request.js';
import { handleRoute, matchRoute, unknownRoute } from './routes.js';
import type { Simulation } from './simulation.js';
import type { StatsCounter } from './stats.js';
import { errorResponse, serviceError, type WireResponse } from './wire.js';

/** The largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * What the server works with.
 *
 * @example
 * ```ts
 * await listen({ simulation, scope, clock, faults, stats }, 0);
 * ```
 */
export interface ServerDependencies {
  readonly simulation: Simulation;
  readonly scope: QueueScope;
  readonly clock: EmulatorClock;
  readonly faults: FaultInjector;
  readonly stats: StatsCounter;
}

/**
 * A listening emulator server.
 *
 * @example
 * ```ts
 * const server = await listen(deps, 0);
 * await server.close();
 * ```
 */
export interface RunningServer {
  readonly port: number;
  /** Stops listening, destroys open sockets and cancels pending slow answers. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', () => resolve(null));
  });
}

function write(response: ServerResponse, answer: WireResponse): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': Buffer.byteLength(answer.body),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(answer.body);
}

function internalError(error: unknown): WireResponse {
  const message = error instanceof Error ? error.message : String(error);
  return errorResponse(serviceError('InternalServerErrorException', message));
}

/**
 * Starts the server on 127.0.0.1.
 *
 * @example
 * ```ts
 * const server = await listen({ simulation, scope, clock, faults, stats }, 0);
 * console.log(`http://127.0.0.1:${server.port}`);
 * ```
 */
export async function listen(deps: ServerDependencies, port: number): Promise<RunningServer> {
  const waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let closed = false;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      entry.timer.unref();
      waits.add(entry);
    });

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const route = matchRoute(method, url.pathname);
    const body = await readBody(request);
    if (route === null) {
      deps.stats.unknownRoute();
      write(response, unknownRoute(method, url.pathname));
      return;
    }
    deps.stats.call(route.operation);
    const decision = deps.faults.decide(route.operation);
    if (decision.fault !== null) deps.stats.fault();
    if (decision.latencyMs > 0) await pause(decision.latencyMs);
    if (closed) {
      response.destroy();
      return;
    }
    if (decision.fault === ApiFault.DROP) {
      request.socket.destroy();
      return;
    }
    if (decision.fault === ApiFault.THROTTLE) {
      write(response, errorResponse(serviceError('TooManyRequestsException', 'Too Many Requests')));
      return;
    }
    if (decision.fault === ApiFault.SERVER_ERROR) {
      const error = serviceError('InternalServerErrorException', 'Internal Server Error');
      write(response, errorResponse(error));
      return;
    }
    if (body === null) {
      const error = serviceError('BadRequestException', 'The request body is too large.');
      write(response, errorResponse(error));
      return;
    }
    deps.clock.catchUp();
    write(response, handleRoute(deps.simulation, deps.scope, route, url.searchParams, body));
  };

  const server: Server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => write(response, internalError(error)));
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) {
          resolve();
          return;
        }
        closed = true;
        for (const wait of waits) {
          clearTimeout(wait.timer);
          wait.done();
        }
        waits.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
