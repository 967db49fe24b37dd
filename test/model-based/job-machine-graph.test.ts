import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { createActor, type SnapshotFrom } from 'xstate';
import { describe, expect, it } from 'vitest';
import { jobMachine } from '../../src/machine/job-machine.js';
import { transitionJobState } from '../../src/machine/compiled.js';
import { createInitialJobState } from '../../src/state/initial-state.js';
import type { JobInput, JobState } from '../../src/model/index.js';
import { representativeInputs, stateKey } from './events.js';
import { declaredTransitions, stateNodeIds } from './machine-graph.js';

type JobSnapshot = SnapshotFrom<typeof jobMachine>;

const traversal = {
  input: { jobId: null },
  events: (snapshot: JobSnapshot) => representativeInputs(snapshot.context),
  serializeState: (snapshot: JobSnapshot) => stateKey(snapshot.value, snapshot.context),
};

/** Every edge of the graph, as the inputs of a path that ends by taking it. */
function pathsThroughEveryEdge(): JobInput[][] {
  const toState = new Map<string, JobInput[]>();
  for (const path of getShortestPaths(jobMachine, traversal)) {
    toState.set(traversal.serializeState(path.state), path.steps.slice(1).map((step) => step.event));
  }
  const paths: JobInput[][] = [];
  for (const [key, { transitions }] of Object.entries(getAdjacencyMap(jobMachine, traversal))) {
    const head = toState.get(key);
    if (head === undefined) throw new Error(`No path reaches ${key}.`);
    const edges: readonly { readonly event: JobInput }[] = Object.values(transitions);
    for (const { event } of edges) paths.push([...head, event]);
  }
  return paths;
}

function stateValueOf(state: JobState): unknown {
  return state.phase === null ? state.status : { [state.status]: state.phase };
}

function nodesOf(state: JobState): string[] {
  const status = `job.${state.status}`;
  return state.phase === null ? [status] : [status, `${status}.${state.phase}`];
}

describe('the job machine walked from its graph', () => {
  const paths = pathsThroughEveryEdge();

  it('agrees with the compiled fast path on every step of every path', () => {
    const covered = new Set<unknown>();
    const visited = new Set<string>(nodesOf(createInitialJobState(null)));

    for (const path of paths) {
      const actor = createActor(jobMachine, { input: { jobId: null } }).start();
      let compiled = createInitialJobState(null);
      for (const input of path) {
        const taken = jobMachine.getTransitionData(actor.getSnapshot(), input);
        for (const transition of taken) covered.add(transition);
        actor.send(input);
        compiled = transitionJobState(compiled, input);
        const snapshot = actor.getSnapshot();

        expect(compiled).toEqual(snapshot.context);
        expect(snapshot.value).toEqual(stateValueOf(compiled));
        for (const node of nodesOf(compiled)) visited.add(node);
      }
      actor.stop();
    }

    const declared = declaredTransitions();
    const missed = declared
      .filter((t) => !covered.has(t.definition))
      .map((t) => `${t.source} on ${t.eventType} #${t.index}`);
    expect(missed).toEqual([]);
    expect(covered.size).toBe(declared.length);
    expect([...visited].sort()).toEqual(stateNodeIds().sort());
  });

  it('counts the states and transitions it must cover from the machine itself', () => {
    const nodes = stateNodeIds();
    const transitions = declaredTransitions();

    expect(nodes).toHaveLength(8);
    expect(transitions.length).toBeGreaterThan(nodes.length);
    expect(paths.length).toBeGreaterThanOrEqual(transitions.length);
  });
});
