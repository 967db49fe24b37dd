import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/commands/replay.js';
import type { JobState } from '../../src/index.js';
import { memoryIo } from './helpers/memory-io.js';
import {
  completeIndex,
  completeWithZeroWarningCode,
  SAMPLE_STREAM,
  sampleLines,
} from './helpers/streams.js';

const COMPLETE_JOB = '1733238000123-a1b2c3';
const ERROR_JOB = '1733238011456-d4e5f6';
const ANSI = /\u001b\[/;

interface JsonReport {
  readonly format: string;
  readonly counts: { readonly payloads: number; readonly applied: number; readonly rejected: number };
  readonly rejected: readonly { readonly where: string; readonly code: string; readonly path: string }[];
  readonly jobs: readonly JobState[];
}

function rowOf(out: string, jobId: string): string {
  const row = out.split('\n').find((line) => line.startsWith(jobId));
  if (row === undefined) throw new Error(`No summary row for ${jobId} in:\n${out}`);
  return row;
}

let dir = '';

function writeInput(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replay-test-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('replay of the sample stream', () => {
  it('prints a summary with one job COMPLETE and one ERROR, and exits 0', async () => {
    const io = memoryIo();

    const code = await runReplay(SAMPLE_STREAM, {}, io);

    expect(code).toBe(0);
    const out = io.out();
    const complete = rowOf(out, COMPLETE_JOB);
    expect(complete).toContain('COMPLETE');
    expect(complete).toContain('230004 x1');
    expect(complete).toContain('HLS_GROUP s3://DOC-EXAMPLE-BUCKET/out/lecture-07/index.m3u8');
    expect(out).toContain('FILE_GROUP s3://DOC-EXAMPLE-BUCKET/out/lecture-07/thumbs/');
    const error = rowOf(out, ERROR_JOB);
    expect(error).toContain('ERROR');
    expect(error).toContain('230004 x1');
    expect(error).toContain('3450: Error encountered when accessing');
    expect(out).toContain('Read 14 lines: 11 applied, 2 duplicate, 1 stale, 0 skipped, 0 rejected.');
    expect(io.err()).toBe('');
  });

  it('prints a timeline line per input, duplicates and stale inputs shown as such', async () => {
    const io = memoryIo();

    await runReplay(SAMPLE_STREAM, {}, io);

    const lines = io.out().split('\n');
    const line = (n: number): string => lines.find((l) => l.includes(` line ${n} `)) ?? '';
    expect(lines.some((l) => l.startsWith(`Job ${COMPLETE_JOB}`))).toBe(true);
    expect(line(1)).toContain('2024-12-03T15:00:04.000Z');
    expect(line(6)).toContain('-> PROGRESSING TRANSCODING 41%');
    expect(line(9)).toContain('duplicate');
    expect(line(12)).toContain('2 output groups (HLS_GROUP, FILE_GROUP); warning 230004 x1');
    expect(line(13)).toContain('stale (AFTER_FINAL)');
    expect(line(7)).toContain('warning 230004');
    expect(line(10)).toContain('-> ERROR');
  });

  it('uses no colours when stdout is not a terminal, and colours on a terminal', async () => {
    const plain = memoryIo({ tty: false });
    const terminal = memoryIo({ tty: true });
    const refused = memoryIo({ tty: true, env: { NO_COLOR: '1' } });

    await runReplay(SAMPLE_STREAM, {}, plain);
    await runReplay(SAMPLE_STREAM, {}, terminal);
    await runReplay(SAMPLE_STREAM, {}, refused);

    expect(plain.out()).not.toMatch(ANSI);
    expect(terminal.out()).toMatch(ANSI);
    expect(refused.out()).not.toMatch(ANSI);
  });
});

describe('replay inputs', () => {
  it('reads stdin when the file is -', async () => {
    const fromFile = memoryIo();
    const fromStdin = memoryIo({ stdin: sampleLines().join('\n') });

    const fileCode = await runReplay(SAMPLE_STREAM, {}, fromFile);
    const stdinCode = await runReplay('-', {}, fromStdin);

    expect(stdinCode).toBe(0);
    expect(fileCode).toBe(0);
    expect(fromStdin.out()).toBe(fromFile.out());
  });

  it('reads a JSON array file, one payload per element', async () => {
    const events: unknown[] = sampleLines().map((line) => JSON.parse(line));
    const path = writeInput('array.json', JSON.stringify(events, null, 2));
    const io = memoryIo();

    const code = await runReplay(path, { json: true }, io);

    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as JsonReport;
    expect(report.format).toBe('json-array');
    expect(report.counts.payloads).toBe(14);
    expect(report.jobs.map((job) => [job.jobId, job.status])).toEqual([
      [COMPLETE_JOB, 'COMPLETE'],
      [ERROR_JOB, 'ERROR'],
    ]);
  });

  it('reads one JSON document, such as an SQS batch', async () => {
    const records = sampleLines()
      .slice(0, 3)
      .map((body, i) => ({ messageId: `m-${i}`, receiptHandle: 'r', body, eventSource: 'aws:sqs' }));
    const path = writeInput('batch.json', JSON.stringify({ Records: records }, null, 2));
    const io = memoryIo();

    const code = await runReplay(path, {}, io);

    expect(code).toBe(0);
    expect(io.out()).toContain('Records[2].body');
    expect(io.out()).toContain('Read 1 document: 3 applied');
  });

  it('skips events of another detail-type without failing', async () => {
    const notice = JSON.stringify({
      version: '0',
      id: '0b7a7e51-5d1e-4b69-9b2b-3a2f5b1b9f10',
      'detail-type': 'MediaConvert Job Engine Version Notice',
      source: 'aws.mediaconvert',
      account: '111122223333',
      time: '2024-12-03T15:00:00Z',
      region: 'us-west-2',
      resources: [],
      detail: {},
    });
    const path = writeInput('skip.jsonl', [notice, ...sampleLines()].join('\n'));
    const io = memoryIo();

    const code = await runReplay(path, {}, io);

    expect(code).toBe(0);
    expect(io.out()).toContain('skipped (NOT_A_JOB_STATE_CHANGE)');
    expect(io.out()).toContain('Read 15 lines: 11 applied, 2 duplicate, 1 stale, 1 skipped, 0 rejected.');
  });
});

describe('replay of bad input', () => {
  it('reports a bad line with its number, code and path, still reads the rest, and exits 1', async () => {
    const lines = sampleLines();
    const bad = JSON.parse(lines[3] ?? '') as { detail: { jobId?: string } };
    delete bad.detail.jobId;
    lines[3] = JSON.stringify(bad);
    const path = writeInput('bad-line.jsonl', lines.join('\n'));
    const io = memoryIo();

    const code = await runReplay(path, {}, io);

    expect(code).toBe(1);
    expect(io.err()).toContain('line 4: rejected [MISSING_FIELD detail.jobId]');
    expect(io.out()).toContain('Read 14 lines: 10 applied, 2 duplicate, 1 stale, 0 skipped, 1 rejected.');
    expect(rowOf(io.out(), COMPLETE_JOB)).toContain('COMPLETE');
    expect(rowOf(io.out(), ERROR_JOB)).toContain('ERROR');
  });

  it('reports the documented warning code 000000 as invalid JSON, with a hint', async () => {
    const lines = sampleLines();
    const at = completeIndex();
    lines[at] = completeWithZeroWarningCode();
    const path = writeInput('zero-code.jsonl', lines.join('\n'));
    const io = memoryIo();

    const code = await runReplay(path, { json: true }, io);

    expect(code).toBe(1);
    expect(io.err()).toContain(`line ${at + 1}: rejected [INVALID_JSON (top level)]`);
    expect(io.err()).toContain('hint: stopped at line 12, column');
    expect(io.err()).toContain('a number written with leading zeros (such as a warning code 000000)');
    const report = JSON.parse(io.out()) as JsonReport;
    expect(report.rejected).toEqual([
      expect.objectContaining({ where: 'line 12', code: 'INVALID_JSON', path: '' }),
    ]);
    // The same COMPLETE event is repeated later in the stream, so the job still completes.
    expect(report.jobs.find((job) => job.jobId === COMPLETE_JOB)?.status).toBe('COMPLETE');
  });

  it('reports a pretty-printed document that is not valid JSON once, with its line', async () => {
    const complete = JSON.parse(sampleLines()[completeIndex()] ?? '') as unknown;
    const text = JSON.stringify(complete, null, 2).replace('"code": 230004', '"code": 000000');
    const path = writeInput('pretty.json', text);
    const io = memoryIo();

    const code = await runReplay(path, {}, io);

    expect(code).toBe(1);
    expect(io.err()).toMatch(/^the document: rejected \[INVALID_JSON \(top level\)\]/);
    const stopped = text.split('\n').findIndex((line) => line.includes('000000')) + 1;
    expect(io.err()).toContain(`stopped at line ${stopped},`);
    expect(io.out()).toContain('Read 1 document: 0 applied, 0 duplicate, 0 stale, 0 skipped, 1 rejected.');
  });

  it('exits 2 for a file that does not exist', async () => {
    const io = memoryIo();

    const code = await runReplay(join(dir, 'missing.jsonl'), {}, io);

    expect(code).toBe(2);
    expect(io.err()).toContain('missing.jsonl: no such file.');
    expect(io.out()).toBe('');
  });
});

describe('replay --json', () => {
  it('prints the final states as JSON that parses', async () => {
    const io = memoryIo();

    const code = await runReplay(SAMPLE_STREAM, { json: true }, io);

    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as JsonReport;
    expect(report.counts).toMatchObject({ payloads: 14, applied: 11, rejected: 0 });
    const [complete, error] = report.jobs;
    expect(complete?.status).toBe('COMPLETE');
    expect(complete?.outputs.map((group) => group.type)).toEqual(['HLS_GROUP', 'FILE_GROUP']);
    expect(Object.keys(complete?.warnings ?? {})).toEqual(['230004']);
    expect(error?.status).toBe('ERROR');
    expect(error?.error?.code).toBe(3450);
  });
});
