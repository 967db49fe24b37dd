/**
 * The job machine's definition read as a graph: its state nodes, every
 * transition it declares, and the moves between leaf states they allow.
 * Read from `jobMachine` itself, never restated by hand.
 */
import type { AnyStateNode } from '@xstate/graph';
import { getStateNodes } from '@xstate/graph';
import type { TransitionDefinition } from 'xstate';
import { jobMachine } from '../../src/machine/job-machine.js';

/** A transition the machine declares, with where it is declared. */
export interface DeclaredTransition {
  /** The state node declaring it, e.g. `job.PROGRESSING.TRANSCODING`. */
  readonly source: string;
  readonly eventType: string;
  /** Its place among the candidates of that node for that event. */
  readonly index: number;
  readonly definition: TransitionDefinition<never, never>;
}

/** Every state node of the machine, the root excepted, by id. */
export function stateNodeIds(): string[] {
  return getStateNodes(jobMachine.root).map((node) => node.id);
}

/** Every transition the machine's state nodes declare. */
export function declaredTransitions(): DeclaredTransition[] {
  const out: DeclaredTransition[] = [];
  for (const node of [jobMachine.root, ...getStateNodes(jobMachine.root)]) {
    for (const [eventType, list] of node.transitions) {
      list.forEach((definition, index) => {
        out.push({
          source: node.id,
          eventType,
          index,
          definition: definition as unknown as TransitionDefinition<never, never>,
        });
      });
    }
  }
  return out;
}

function isLeaf(node: AnyStateNode): boolean {
  return Object.keys(node.states).length === 0;
}

/** The leaf a target node resolves to by following initial states. */
function resolveLeaf(node: AnyStateNode): AnyStateNode {
  let current = node;
  while (!isLeaf(current)) {
    const next = current.initial.target[0];
    if (next === undefined) throw new Error(`State node ${current.id} has no initial state.`);
    current = next;
  }
  return current;
}

/** `job.PROGRESSING.PROBING` to `PROGRESSING.PROBING`. */
export function leafKey(node: AnyStateNode): string {
  return node.path.join('.');
}

/**
 * The moves between distinct leaf states that some declared transition
 * allows, as `FROM->TO` keys such as `SUBMITTED->PROGRESSING.TRANSCODING`.
 * A leaf answers events with its own transitions and its ancestors'.
 */
export function legalMoves(): ReadonlySet<string> {
  const moves = new Set<string>();
  for (const leaf of getStateNodes(jobMachine.root).filter(isLeaf)) {
    for (let at: AnyStateNode | undefined = leaf; at !== undefined; at = at.parent) {
      for (const list of at.transitions.values()) {
        for (const transition of list) {
          const target = transition.target?.[0];
          if (target === undefined) continue;
          const to = leafKey(resolveLeaf(target));
          if (to !== leafKey(leaf)) moves.add(`${leafKey(leaf)}->${to}`);
        }
      }
    }
  }
  return moves;
}
