/**
 * A proxy on 127.0.0.1 in front of the emulator that can rewrite the JSON
 * body of the next GetJob answers, so a test can show the real SDK client
 * an answer the emulator never gives (a percent of 150, a null job, a
 * status MediaConvert does not have).
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MediaConvertEmulator } from '../../src/testing/index.js';

/** Changes the parsed wire body of one GetJob answer (`{ job: { status, ... } }`). */
export type AnswerRewrite = (body: Record<string, unknown>) => unknown;

/**
 * A running proxy.
 */
export interface AnswerProxy {
  /** `http://127.0.0.1:PORT`, for the SDK client's `endpoint`. */
  readonly endpoint: string;
  /** Rewrites the next GetJob answers, one rewrite per answer, in order. */
  rewriteNext(...rewrites: AnswerRewrite[]): void;
  /** Rewrites every GetJob answer the queue of `rewriteNext` leaves alone; `null` stops. */
  rewriteEvery(rewrite: AnswerRewrite | null): void;
  /** Rewrites still waiting for an answer. */
  readonly pending: number;
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Starts a proxy for `emulator` on a free port of 127.0.0.1. */
export async function startAnswerProxy(emulator: MediaConvertEmulator): Promise<AnswerProxy> {
  const rewrites: AnswerRewrite[] = [];
  let every: AnswerRewrite | null = null;
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readAll(incoming);
      const forwarded = request(
        {
          host: '127.0.0.1',
          port: emulator.port,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (answer) => {
          void readAll(answer).then((raw) => {
            const isGetJob = incoming.method === 'GET' && /\/jobs\/[^/?]+/.test(incoming.url ?? '');
            const answered = isGetJob && answer.statusCode === 200;
            const rewrite = answered ? (rewrites.shift() ?? every ?? undefined) : undefined;
            const parsed = (): Record<string, unknown> =>
              JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
            const text =
              rewrite === undefined ? raw : Buffer.from(JSON.stringify(rewrite(parsed())));
            const headers = { ...answer.headers, 'content-length': String(text.length) };
            outgoing.writeHead(answer.statusCode ?? 500, headers);
            outgoing.end(text);
          });
        },
      );
      forwarded.on('error', () => outgoing.destroy());
      forwarded.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    rewriteNext: (...next) => {
      rewrites.push(...next);
    },
    rewriteEvery: (rewrite) => {
      every = rewrite;
    },
    get pending() {
      return rewrites.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
