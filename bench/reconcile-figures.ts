/**
 * The reconciliation figures, from bench/reconcile.ts when it exists: how
 * many API calls the fleet reconciler makes against a naive poller.
 */
import { existsSync } from 'node:fs';

/** What bench/reconcile.ts reports. */
export interface ReconcileFigures {
  readonly reconcileCalls: number;
  readonly naiveCalls: number;
}

const MODULE = new URL('./reconcile.ts', import.meta.url);

function isFigures(value: unknown): value is ReconcileFigures {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { reconcileCalls?: unknown; naiveCalls?: unknown };
  return typeof v.reconcileCalls === 'number' && typeof v.naiveCalls === 'number';
}

/**
 * Runs `measureReconcile()` of bench/reconcile.ts, or returns `null` when
 * that file does not exist.
 *
 * @throws Error when the module exists but does not export a working
 *   `measureReconcile`.
 * @example
 * ```ts
 * const figures = await loadReconcileFigures();
 * if (figures === null) console.log('no reconciliation benchmark');
 * ```
 */
export async function loadReconcileFigures(): Promise<ReconcileFigures | null> {
  if (!existsSync(MODULE)) return null;
  const loaded: unknown = await import(MODULE.href);
  const measure =
    typeof loaded === 'object' && loaded !== null && 'measureReconcile' in loaded
      ? loaded.measureReconcile
      : undefined;
  if (typeof measure !== 'function') {
    throw new Error('bench/reconcile.ts does not export a measureReconcile function.');
  }
  const figures: unknown = await (measure as () => Promise<unknown>)();
  if (!isFigures(figures)) {
    throw new Error('measureReconcile() did not return { reconcileCalls, naiveCalls } numbers.');
  }
  return { reconcileCalls: figures.reconcileCalls, naiveCalls: figures.naiveCalls };
}
