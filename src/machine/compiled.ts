/**
 * The job machine compiled into a lookup table, so trackers and fleets can
 * apply an input with a few property reads instead of running an actor.
 * The table is read from `jobMachine` itself when the first input is
 * applied (not at import, which stays quick): every target, guard and
 * action comes from the machine's definition, and their implementations
 * are the same functions the machine calls.
 *
 * @internal
 */
import type { JobInput, JobInputType } from '../model/input.js';
import type { JobState } from '../model/job-state.js';
import type { JobPhase, JobStatus } from '../model/status.js';
import { jobMachine } from './job-machine.js';
import { actions, guards } from './lifecycle.js';

type Step = (state: JobState, input: JobInput) => JobState;
type Check = (state: JobState, input: JobInput) => boolean;

interface Leaf {
  readonly status: JobStatus;
  readonly phase: JobPhase | null;
  readonly entry: readonly Step[];
}

interface Candidate {
  readonly guard: Check | null;
  readonly target: Leaf | null;
  readonly actions: readonly Step[];
}

/** The parts of an xstate state node the compiler reads. */
interface NodeView {
  readonly id: string;
  readonly type: string;
  readonly parent?: NodeView | undefined;
  readonly states: Readonly<Record<string, NodeView>>;
  readonly entry: readonly unknown[];
  readonly on: Readonly<Record<string, readonly TransitionView[]>>;
  readonly initial?: { readonly target: readonly NodeView[] } | undefined;
}

interface TransitionView {
  readonly target?: readonly NodeView[] | undefined;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
}

function named(ref: unknown): { type: string; params: unknown } {
  if (typeof ref === 'string') return { type: ref, params: undefined };
  if (typeof ref === 'object' && ref !== null && 'type' in ref && typeof ref.type === 'string') {
    return { type: ref.type, params: 'params' in ref ? ref.params : undefined };
  }
  throw new Error('The job machine may only use named guards and actions.');
}

function compileAction(ref: unknown): Step {
  const { type, params } = named(ref);
  const impl = (actions as Record<string, (s: JobState, i: JobInput, p: never) => JobState>)[type];
  if (impl === undefined) throw new Error(`The job machine names an unknown action "${type}".`);
  return (state, input) => impl(state, input, params as never);
}

function compileGuard(ref: unknown): Check | null {
  if (ref === undefined) return null;
  const { type, params } = named(ref);
  const impl = (guards as Record<string, (s: JobState, i: JobInput, p: never) => boolean>)[type];
  if (impl === undefined) throw new Error(`The job machine names an unknown guard "${type}".`);
  return (state, input) => impl(state, input, params as never);
}

/** Candidates by status, then phase (`null` outside PROGRESSING), then input type. */
type Table = ReadonlyMap<
  JobStatus,
  ReadonlyMap<JobPhase | null, ReadonlyMap<JobInputType, readonly Candidate[]>>
>;

function compile(): Table {
  const root = jobMachine.root as unknown as NodeView;
  const leaves = new Map<NodeView, Leaf>();

  const collectLeaves = (node: NodeView): void => {
    const children = Object.values(node.states);
    if (children.length === 0) {
      const path = node.id.split('.').slice(1);
      const status = path[0] as JobStatus;
      const phase = (path[1] ?? null) as JobPhase | null;
      leaves.set(node, {
        status,
        phase,
        entry: node.entry.map(compileAction),
      });
      return;
    }
    for (const child of children) collectLeaves(child);
  };
  collectLeaves(root);

  const resolve = (node: NodeView): Leaf => {
    let current = node;
    while (current.initial !== undefined && Object.keys(current.states).length > 0) {
      const next = current.initial.target[0];
      if (next === undefined) break;
      current = next;
    }
    const leaf = leaves.get(current);
    if (leaf === undefined) throw new Error(`Cannot resolve the state node "${node.id}".`);
    return leaf;
  };

  const compiled = new Map<JobStatus, Map<JobPhase | null, Map<JobInputType, Candidate[]>>>();
  for (const [node, leaf] of leaves) {
    const byEvent = new Map<JobInputType, Candidate[]>();
    for (let at: NodeView | undefined = node; at !== undefined; at = at.parent) {
      for (const [name, transitions] of Object.entries(at.on)) {
        const eventType = name as JobInputType;
        const list = byEvent.get(eventType) ?? [];
        for (const transition of transitions) {
          const targetNode = transition.target?.[0];
          list.push({
            guard: compileGuard(transition.guard),
            target: targetNode === undefined ? null : resolve(targetNode),
            actions: transition.actions.map(compileAction),
          });
        }
        byEvent.set(eventType, list);
      }
    }
    let byPhase = compiled.get(leaf.status);
    if (byPhase === undefined) {
      byPhase = new Map();
      compiled.set(leaf.status, byPhase);
    }
    byPhase.set(leaf.phase, byEvent);
  }
  return compiled;
}

let table: Table | null = null;

/**
 * Applies one input to a state by the job machine's rules and returns the
 * next state (the same object when nothing changed). Pure.
 *
 * @internal
 */
export function transitionJobState(state: JobState, input: JobInput): JobState {
  table ??= compile();
  const candidates = table.get(state.status)?.get(state.phase)?.get(input.type);
  if (candidates === undefined) return state;
  for (const candidate of candidates) {
    if (candidate.guard !== null && !candidate.guard(state, input)) continue;
    let next = state;
    for (const action of candidate.actions) next = action(next, input);
    const target = candidate.target;
    if (target !== null && (target.status !== state.status || target.phase !== state.phase)) {
      for (const action of target.entry) next = action(next, input);
    }
    return next;
  }
  return state;
}
