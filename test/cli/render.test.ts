import { describe, expect, it } from 'vitest';
import { errorText, outputText, progressText, wrap } from '../../src/cli/render/describe.js';
import { createStyle, visibleWidth, wantsColour } from '../../src/cli/render/style.js';
import { renderTable } from '../../src/cli/render/table.js';
import { createInitialJobState, type JobState, type OutputGroup } from '../../src/index.js';

function group(type: string, fields: Partial<OutputGroup>): OutputGroup {
  return {
    type,
    playlistPaths: [],
    hlsManifest: null,
    dashManifest: null,
    smoothManifest: null,
    outputs: [],
    raw: {},
    ...fields,
  };
}

function file(path: string): OutputGroup['outputs'][number] {
  return { paths: [path], durationMs: null, video: null, raw: {} };
}

describe('renderTable', () => {
  it('aligns columns by visible width, ignoring colour codes, with multi-line cells', () => {
    const red = createStyle(true).red;

    const lines = renderTable([
      ['JOB', 'STATUS', 'OUTPUTS'],
      ['a', red('ERROR'), ['x', 'y']],
      ['bbbb', 'COMPLETE', '-'],
    ]);

    expect(lines.map((line) => line.replace(/\u001b\[\d+m/g, ''))).toEqual([
      'JOB   STATUS    OUTPUTS',
      'a     ERROR     x',
      '                y',
      'bbbb  COMPLETE  -',
    ]);
  });
});

describe('describe', () => {
  it('shows the main manifests of streaming groups and the media of file groups', () => {
    const cmaf = group('CMAF_GROUP', {
      playlistPaths: ['s3://b/o/main.mpd', 's3://b/o/main.m3u8'],
      hlsManifest: 's3://b/o/main.m3u8',
      dashManifest: 's3://b/o/main.mpd',
    });
    const files = group('FILE_GROUP', { outputs: [file('s3://b/o/a.mp4'), file('s3://b/o/b.mp4')] });
    const unknown = group('FUTURE_GROUP', {});

    expect(outputText(cmaf)).toBe('CMAF_GROUP s3://b/o/main.m3u8 s3://b/o/main.mpd');
    expect(outputText(files)).toBe('FILE_GROUP s3://b/o/a.mp4 (+1 more)');
    expect(outputText(unknown)).toBe('FUTURE_GROUP (paths unknown)');
  });

  it('shows an unknown percent as ?, never 0', () => {
    const state: JobState = { ...createInitialJobState('j'), status: 'PROGRESSING', phase: 'PROBING' };

    expect(progressText(state)).toBe('PROBING ?%');
  });

  it('does not repeat an error code the message already starts with', () => {
    expect(errorText({ code: 3450, message: '3450: Access denied.' })).toBe('3450: Access denied.');
    expect(errorText({ code: 1010, message: 'Bad input.' })).toBe('1010: Bad input.');
    expect(errorText({ code: 1999, message: null })).toBe('1999 (no message)');
  });

  it('wraps at spaces', () => {
    expect(wrap('3450: Error encountered when accessing', 20)).toEqual([
      '3450: Error',
      'encountered when',
      'accessing',
    ]);
  });
});

describe('colours', () => {
  it('follows the terminal, NO_COLOR and FORCE_COLOR', () => {
    const tty = { write: () => true, isTTY: true };
    const pipe = { write: () => true, isTTY: false };

    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(pipe, {})).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(visibleWidth(createStyle(true).bold('JOB'))).toBe(3);
  });
});
