import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ForbiddenException, NotFoundException, TooManyRequestsException } from '@aws-sdk/client-mediaconvert';
import { describe, expect, it } from 'vitest';
import { ApiFailureKind, classifyApiError, realSleep } from '../../src/aws/index.js';

describe('what the aws entry point leaves behind', () => {
  it('lets the process exit by itself after waiting, watching and reconciling with real timers', () => {
    const script = fileURLToPath(new URL('./exit-check.script.ts', import.meta.url));

    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });

    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('SUCCESS TIMEOUT ABORTED closed\n');
    expect(child.status).toBe(0);
  });

  it('lets the process exit when a watchJob iterator is read once and dropped, sending no GetJob', () => {
    const script = fileURLToPath(new URL('./abandoned-watch.script.ts', import.meta.url));
    const started = performance.now();

    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });

    expect(child.error).toBeUndefined();
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('SUBMITTED 1 closed WAIT_TIMEOUT\n');
    expect(child.status).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('clears the timer of the real sleep when its signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();

    const sleeping = realSleep(60_000, controller.signal);
    controller.abort();
    await sleeping;

    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('classifyApiError', () => {
  const metadata = { $metadata: { httpStatusCode: 0 } };

  const error = (message: string, fields: object): Error => Object.assign(new Error(message), fields);

  it.each([
    ['a 429', new TooManyRequestsException({ message: 'slow down', ...metadata }), ApiFailureKind.THROTTLED],
    ['a 404', new NotFoundException({ message: 'no such job', ...metadata }), ApiFailureKind.NOT_FOUND],
    ['a 403', new ForbiddenException({ message: 'no', ...metadata }), ApiFailureKind.ACCESS_DENIED],
    ['no credentials', error('no credentials', { name: 'CredentialsProviderError' }), ApiFailureKind.ACCESS_DENIED],
    ['a 503', error('unavailable', { $metadata: { httpStatusCode: 503 } }), ApiFailureKind.SERVER],
    ['a reset connection', error('socket hang up', { code: 'ECONNRESET' }), ApiFailureKind.NETWORK],
    ['a time-out', error('timed out', { name: 'TimeoutError' }), ApiFailureKind.NETWORK],
    ['an unknown host', error('getaddrinfo ENOTFOUND', { code: 'ENOTFOUND' }), ApiFailureKind.REJECTED],
    [
      'a 400',
      error('bad', { name: 'BadRequestException', $metadata: { httpStatusCode: 400 } }),
      ApiFailureKind.REJECTED,
    ],
  ])('sorts %s', (_label, failure, kind) => {
    const sorted = classifyApiError(failure);

    expect(sorted).toBe(kind);
  });
});
