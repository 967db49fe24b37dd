/**
 * Terminal colours, used only when the output is a terminal and the
 * environment does not ask for none (https://no-color.org).
 */
import type { CliOutput } from '../io.js';

/**
 * Wraps text in a colour, or returns it unchanged when colours are off.
 *
 * @example
 * ```ts
 * const paint: Paint = createStyle(true).green;
 * paint('COMPLETE');
 * ```
 */
export type Paint = (text: string) => string;

/**
 * The colours the renderers use.
 *
 * @example
 * ```ts
 * const style = createStyle(true);
 * io.stdout.write(`${style.green('COMPLETE')}\n`);
 * ```
 */
export interface Style {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

function sgr(open: number, close: number): Paint {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain: Paint = (text) => text;

/**
 * A {@link Style} that colours when `enabled`, and leaves text as it is otherwise.
 *
 * @example
 * ```ts
 * createStyle(false).red('ERROR'); // 'ERROR'
 * ```
 */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/**
 * Whether to colour `output`: `FORCE_COLOR` (other than `0`) turns colours
 * on, `NO_COLOR` (non-empty) or `TERM=dumb` turns them off, and otherwise
 * colours are used only when `output` is a terminal.
 *
 * @example
 * ```ts
 * const style = createStyle(wantsColour(io.stdout, io.env));
 * ```
 */
export function wantsColour(
  output: CliOutput,
  env: { readonly [name: string]: string | undefined },
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return output.isTTY === true;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The width of `text` on screen: its length without colour codes.
 *
 * @example
 * ```ts
 * visibleWidth(createStyle(true).red('ERROR')); // 5
 * ```
 */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}
