/**
 * `npm run bench`: measures the built package against baselines measured
 * in the same run, prints a table and, as the last line, one JSON line of
 * figures. A benchmark, not a test: it never fails on a missed goal.
 *
 * Needs `node --expose-gc` and a build in dist/ (the npm script does both).
 */
import { cpus, loadavg } from 'node:os';
import { measureImportTime, type ImportFigures } from './import-time.js';
import { measureIngest, type IngestFigures } from './ingest.js';
import { loadLibrary } from './library.js';
import { measureActorHeap, measureFleetHeap, type HeapFigures } from './memory.js';
import { loadReconcileFigures, type ReconcileFigures } from './reconcile-figures.js';
import { grouped, range, round } from './stats.js';
import { createEventStream, type EventStream } from './stream.js';
import { renderTable } from './table.js';

/** The goals, as in docs/performance.md. */
const GOALS = {
  ingestRatio: 0.5,
  bytesPerJob: 1024,
  importRatio: 1.5,
} as const;

const HEAP_JOBS = 100_000;

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function describeStream(stream: EventStream): string {
  const parts = [...stream.byStatus].map(([status, n]) => `${status} ${grouped(n)}`);
  return [
    `${grouped(stream.texts.length)} deliveries of ${grouped(stream.expected.size)} jobs`,
    `(${grouped(stream.duplicates)} duplicates, ${grouped(stream.outOfOrder)} late,`,
    `mean ${grouped(stream.meanLength)} characters): ${parts.join(', ')}`,
  ].join(' ');
}

function printResults(
  ingest: IngestFigures,
  stream: EventStream,
  fleetHeap: HeapFigures,
  actorHeap: HeapFigures,
  imports: ImportFigures,
  reconcile: ReconcileFigures | null,
  reconcileNote: string,
): void {
  const rows: string[][] = [
    ['Measure', 'Library', 'Baseline', 'Ratio', 'Goal', ''],
    [
      'Ingest throughput',
      `${grouped(ingest.eventsPerSecond)} events/s`,
      `${grouped(ingest.baselineEventsPerSecond)} events/s`,
      ingest.ingestRatio.toFixed(2),
      `>= ${GOALS.ingestRatio}`,
      verdict(ingest.ingestRatio >= GOALS.ingestRatio),
    ],
    [
      'Retained heap per unfinished job',
      `${grouped(fleetHeap.bytesPerJob)} B`,
      `${grouped(actorHeap.bytesPerJob)} B`,
      (fleetHeap.bytesPerJob / actorHeap.bytesPerJob).toFixed(2),
      `<= ${grouped(GOALS.bytesPerJob)} B`,
      verdict(fleetHeap.bytesPerJob <= GOALS.bytesPerJob),
    ],
    [
      'Import time',
      `${imports.importMs.toFixed(1)} ms`,
      `${imports.xstateImportMs.toFixed(1)} ms`,
      imports.importRatio.toFixed(2),
      `<= ${GOALS.importRatio}`,
      verdict(imports.importRatio <= GOALS.importRatio),
    ],
  ];
  if (reconcile !== null) {
    rows.push([
      'Reconciliation API calls',
      grouped(reconcile.reconcileCalls),
      grouped(reconcile.naiveCalls),
      reconcile.naiveCalls === 0
        ? '-'
        : (reconcile.reconcileCalls / reconcile.naiveCalls).toFixed(2),
      '-',
      '',
    ]);
  }
  log('');
  log(renderTable(rows));
  log('');
  log('Baselines: ingest = JSON.parse plus a minimal reducer (status and percent by job id);');
  log(`heap = the same jobs as started xstate actors of jobMachine; import = xstate alone.`);
  if (reconcile !== null) {
    log('Reconciliation: one reconciler pass against one GetJob per job (bench/reconcile.ts).');
  }
  log('');
  log('Details');
  log(`  stream: ${describeStream(stream)}`);
  log(
    `  ingest: median of ${ingest.rounds} rounds after warm-up;` +
      ` fleet ${range(ingest.fleetRounds, grouped)},` +
      ` baseline ${range(ingest.baselineRounds, grouped)} events/s`,
  );
  log(
    `  ingest: fleet ended ${ingest.correctJobs} of ${ingest.jobs} jobs in their final status,` +
      ` baseline ${ingest.baselineCorrectJobs};` +
      ` fleet outcomes ${[...ingest.outcomes].map(([k, n]) => `${k} ${grouped(n)}`).join(', ')}`,
  );
  log(
    `  heap: ${grouped(fleetHeap.jobs)} fleet jobs retain ${grouped(fleetHeap.retainedBytes)} B` +
      ` (filled in ${grouped(fleetHeap.fillMs)} ms); ${grouped(actorHeap.jobs)} actors retain` +
      ` ${grouped(actorHeap.retainedBytes)} B (filled in ${grouped(actorHeap.fillMs)} ms)`,
  );
  log(
    `  import: median of ${imports.samples} children each; CPU time of the import: core` +
      ` ${imports.importCpuMs.toFixed(1)} ms, xstate ${imports.xstateCpuMs.toFixed(1)} ms` +
      ` (ratio ${(imports.importCpuMs / imports.xstateCpuMs).toFixed(2)})`,
  );
  log(
    `  import: whole child less a bare node (${imports.bareWallMs.toFixed(1)} ms):` +
      ` core ${imports.importWallMs.toFixed(1)} ms, xstate ${imports.xstateWallMs.toFixed(1)} ms`,
  );
  if (reconcile === null) log(`  reconciliation: ${reconcileNote}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const lib = await loadLibrary();
  log(
    `mediaconvert-job-tracker benchmark: Node ${process.version}, ${cpus().length} CPUs,` +
      ` load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}, ${new Date().toISOString()}`,
  );

  // Heap first, while the heap holds nothing else; a small fill warms the code up.
  log(`Measuring retained heap (${grouped(HEAP_JOBS)} jobs each)...`);
  measureFleetHeap(lib, 2_000);
  const fleetHeap = measureFleetHeap(lib, HEAP_JOBS);
  const actorHeap = measureActorHeap(lib, HEAP_JOBS);

  log('Measuring ingest throughput...');
  const stream = createEventStream({ jobs: 1000, eventsPerJob: 100 });
  const ingest = measureIngest(lib, stream);

  log('Measuring import time...');
  const imports = measureImportTime(15);

  log('Measuring reconciliation...');
  let reconcile: ReconcileFigures | null = null;
  let reconcileNote = 'bench/reconcile.ts is not there; its figures are left out.';
  try {
    reconcile = await loadReconcileFigures();
  } catch (error) {
    // The other figures still count: report the failure and leave these out.
    const reason = error instanceof Error ? error.message : String(error);
    reconcileNote = `it failed (${reason}); its figures are left out.`;
  }

  printResults(ingest, stream, fleetHeap, actorHeap, imports, reconcile, reconcileNote);
  log(`  took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  log('');
  const figures: Record<string, number> = {
    eventsPerSecond: Math.round(ingest.eventsPerSecond),
    baselineEventsPerSecond: Math.round(ingest.baselineEventsPerSecond),
    ingestRatio: round(ingest.ingestRatio, 3),
    bytesPerJob: Math.round(fleetHeap.bytesPerJob),
    actorBytesPerJob: Math.round(actorHeap.bytesPerJob),
    heapRatio: round(fleetHeap.bytesPerJob / actorHeap.bytesPerJob, 3),
    importMs: round(imports.importMs, 2),
    xstateImportMs: round(imports.xstateImportMs, 2),
    importRatio: round(imports.importRatio, 3),
  };
  if (reconcile !== null) {
    figures.reconcileCalls = reconcile.reconcileCalls;
    figures.naiveCalls = reconcile.naiveCalls;
  }
  log(JSON.stringify(figures));
}

await main();
