/**
 * How `watch` and `demo` show a job as it goes: on a terminal, a progress
 * bar and two lines of counts redrawn in place (cli-progress); elsewhere
 * (CI, pipes, files), one plain line per change.
 */
import cliProgress from 'cli-progress';
import type { JobState } from '../../index.js';
import type { CliIo, CliOutput } from '../io.js';
import { statusPaint } from '../render/describe.js';
import type { Style } from '../render/style.js';
import { eventsBrief, eventsText, pollsText, type FollowTally } from './follow-tally.js';

/**
 * A live picture of one job.
 *
 * @example
 * ```ts
 * const view = createLiveView(io, { style, tally: () => tally.snapshot(), elapsedMs, events: false });
 * for await (const state of watchJob(options, { Id })) view.show(state);
 * view.stop();
 * ```
 */
export interface LiveView {
  /** Whether the view redraws in place (a terminal), so its counts stay on screen. */
  readonly redraws: boolean;
  /** Shows a new state of the job. */
  show(state: JobState): void;
  /** Redraws the counts (a terminal only; plain output prints on `show`). */
  refresh(): void;
  /** Writes a line of its own, above the live lines on a terminal. */
  log(line: string): void;
  /** Stops redrawing and leaves the last picture on screen. */
  stop(): void;
}

/**
 * What a live view shows besides the state.
 *
 * @example
 * ```ts
 * const options: LiveViewOptions = { style, tally: t.snapshot, elapsedMs: () => 0, events: true };
 * ```
 */
export interface LiveViewOptions {
  readonly style: Style;
  readonly tally: () => FollowTally;
  /** Milliseconds since following started, for plain lines. */
  readonly elapsedMs: () => number;
  /** Whether events are read besides polls, so their counts are worth a line. */
  readonly events: boolean;
}

const BAR_SIZE = 30;

/** A terminal stream cli-progress can redraw on. */
function redrawable(output: CliOutput): output is CliOutput & NodeJS.WritableStream {
  const candidate = output as { isTTY?: unknown; cursorTo?: unknown; moveCursor?: unknown };
  return (
    candidate.isTTY === true &&
    typeof candidate.cursorTo === 'function' &&
    typeof candidate.moveCursor === 'function'
  );
}

/**
 * `41%` or ` ?%`: an unknown percent is shown as unknown, never 0.
 *
 * @example
 * ```ts
 * percentText(null); // ' ?%'
 * ```
 */
export function percentText(percent: number | null): string {
  return percent === null ? ' ?%' : `${String(percent).padStart(2)}%`;
}

/**
 * The phase, the attempt and what the phase reported: `TRANSCODING`,
 * `UPLOADING (attempt 2)`, or `-` outside `PROGRESSING`.
 *
 * @example
 * ```ts
 * phaseText(state); // 'TRANSCODING'
 * ```
 */
export function phaseText(state: JobState): string {
  if (state.status !== 'PROGRESSING') return '-';
  const attempt = state.attempt > 0 ? ` (attempt ${state.attempt + 1})` : '';
  return `${state.phase ?? 'phase ?'}${attempt}`;
}

/**
 * The percent to draw: the job's while `PROGRESSING`, 100 once `COMPLETE`,
 * `null` (unknown) otherwise.
 *
 * @example
 * ```ts
 * shownPercent(state); // 41
 * ```
 */
export function shownPercent(state: JobState): number | null {
  if (state.status === 'COMPLETE') return 100;
  return state.status === 'PROGRESSING' ? state.progress.jobPercent : null;
}

/**
 * A bar for an unknown percent: a dotted track with a `?` in the middle.
 *
 * @example
 * ```ts
 * unknownBar(9); // '····?····'
 * ```
 */
export function unknownBar(size: number): string {
  const side = Math.max(0, Math.floor((size - 1) / 2));
  return `${'·'.repeat(side)}?${'·'.repeat(Math.max(0, size - 1 - side))}`;
}

function plainView(io: CliIo, options: LiveViewOptions): LiveView {
  let last = '';
  return {
    redraws: false,
    show: (state) => {
      const seconds = (options.elapsedMs() / 1000).toFixed(1).padStart(6);
      const paint = statusPaint(state.status, options.style);
      const status = options.style.bold(paint(state.status.padEnd(11)));
      const line = `${status} ${phaseText(state).padEnd(12)} ${percentText(shownPercent(state))}`;
      if (line === last) return;
      last = line;
      const tally = options.tally();
      const events = options.events ? `${eventsBrief(tally.events)}; ` : '';
      io.stdout.write(`[${seconds}s] ${line} | ${events}polls ${tally.polls.total}\n`);
    },
    refresh: () => undefined,
    log: (line) => {
      io.stdout.write(`${line}\n`);
    },
    stop: () => undefined,
  };
}

function terminalView(stream: NodeJS.WritableStream, options: LiveViewOptions): LiveView {
  let known = false;
  const bars = new cliProgress.MultiBar({
    stream,
    fps: 12,
    hideCursor: true,
    clearOnComplete: false,
    linewrap: false,
    barsize: BAR_SIZE,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    formatBar: (progress, barOptions) =>
      known
        ? cliProgress.Format.BarFormat(progress, barOptions)
        : unknownBar(barOptions.barsize ?? BAR_SIZE),
  });
  const progress = bars.create(100, 0, { status: 'SUBMITTED'.padEnd(11), pct: ' ?%', phase: '-' }, {
    format: '{status} |{bar}| {pct}  {phase}',
  });
  const events = options.events ? bars.create(1, 0, { text: '' }, { format: '  {text}' }) : null;
  const polls = bars.create(1, 0, { text: '' }, { format: '  {text}' });
  const refresh = (): void => {
    const tally = options.tally();
    events?.update(0, { text: eventsText(tally.events) });
    polls.update(0, { text: pollsText(tally) });
  };
  return {
    redraws: true,
    show: (state) => {
      const percent = shownPercent(state);
      known = percent !== null;
      const paint = statusPaint(state.status, options.style);
      progress.update(percent ?? 0, {
        status: options.style.bold(paint(state.status.padEnd(11))),
        pct: percentText(percent),
        phase: phaseText(state),
      });
      refresh();
    },
    refresh,
    log: (line) => bars.log(`${line}\n`),
    stop: () => {
      refresh();
      bars.stop();
    },
  };
}

/**
 * A redrawn view on a terminal, plain lines elsewhere.
 *
 * @example
 * ```ts
 * const view = createLiveView(io, {
 *   style, tally: () => t.snapshot(), elapsedMs: () => 0, events: true,
 * });
 * ```
 */
export function createLiveView(io: CliIo, options: LiveViewOptions): LiveView {
  return redrawable(io.stdout) ? terminalView(io.stdout, options) : plainView(io, options);
}
