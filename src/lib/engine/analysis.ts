/**
 * Static analysis of a compiled scenario with xstate/graph: the reachable states (node + flags),
 * states with no way on, and the maximum and minimum score over every path.
 * Max/min walk the adjacency map with memoisation instead of listing every path, so the cost
 * grows with the number of distinct states, not the number of paths.
 * Build-time and test-time only: the learner's browser gets the results in the course JSON.
 */
import { getAdjacencyMap, getSimplePaths } from 'xstate/graph';
import type { Scenario } from '../course/types';
import { holds, nodeIdOf, type RunEvent, type RunSnapshot } from './machine';
import { machineFor, nodeById } from './run';

/** Every event that could apply in a snapshot: the options of its decision, or step.next. */
export function candidateEvents(s: Scenario, snap: RunSnapshot): RunEvent[] {
  if (snap.status === 'done') return [];
  const node = nodeById(s, nodeIdOf(snap));
  if (node.kind === 'decision') return node.options.map((o) => ({ type: 'choice.select', optionId: o.id }) as const);
  if (node.kind === 'scene') return [{ type: 'step.next' }];
  return [];
}

/** A state is its node plus its flags; points do not change what can happen next. */
export const stateKey = (snap: RunSnapshot): string => `${nodeIdOf(snap)}|${snap.context.flags.join(',')}`;

export function adjacency(s: Scenario) {
  return getAdjacencyMap(machineFor(s), {
    events: (snap) => candidateEvents(s, snap).filter((e) => snap.can(e)),
    serializeState: (snap) => stateKey(snap),
  });
}

export interface ScenarioAnalysis {
  /** distinct reachable states (node + flags) */
  states: number;
  /** best and worst total points over all paths */
  max: number;
  min: number;
  /** reachable states that are not endings and have no way on */
  deadEnds: { node: string; flags: string[] }[];
  /** reachable states from which no ending can be reached (loops) */
  trapped: { node: string; flags: string[] }[];
  /** reachable states whose node's `expects` does not hold: a path whose story contradicts an earlier choice */
  contradicted: { node: string; flags: string[] }[];
  /** decisions on at least one path */
  decisions: string[];
  /** option ids along a path that earns the maximum */
  bestPath: string[];
  /** fewest and most decisions on a path from start to an ending */
  pathDecisions: { min: number; max: number };
  /** the decisions a player can meet, for playing many paths fast (see ChoiceGraph) */
  choices: ChoiceGraph;
}

/**
 * The reachable decision states of a scenario (node + flags, as in the adjacency map) with, for
 * each, the options offered there in authored order and the decision state each one leads to,
 * scenes passed through; `to` is null when the choice ends the scenario. Walking it gives the same
 * paths as the machine, without running an actor per step.
 */
export interface ChoiceGraph {
  start: string | null;
  states: Record<string, { node: string; options: { id: string; to: string | null }[] }>;
}

type AdjacencyMap = ReturnType<typeof adjacency>;

export function choiceGraph(s: Scenario, map: AdjacencyMap = adjacency(s)): ChoiceGraph {
  const entry = (key: string) => map[key as keyof AdjacencyMap];
  /** from a state, through any scenes, to the next decision state (null: the scenario has ended) */
  const settle = (key: string): string | null => {
    for (let k = key, n = 0; n <= s.nodes.length; n++) {
      const e = entry(k);
      if (e.state.status === 'done') return null;
      if (nodeById(s, nodeIdOf(e.state)).kind === 'decision') return k;
      const on = Object.values(e.transitions)[0];
      if (!on) return null; // a dead end: analyseScenario reports it
      k = stateKey(on.state);
    }
    return null;
  };
  const states: ChoiceGraph['states'] = {};
  for (const key of Object.keys(map)) {
    const e = entry(key);
    if (e.state.status === 'done') continue;
    const node = nodeById(s, nodeIdOf(e.state));
    if (node.kind !== 'decision') continue;
    const byOption = new Map(Object.values(e.transitions).map((t) => [(t.event as { optionId?: string }).optionId, t.state]));
    states[key] = {
      node: node.id,
      options: node.options.flatMap((o) => {
        const to = byOption.get(o.id);
        return to ? [{ id: o.id, to: settle(stateKey(to)) }] : [];
      }),
    };
  }
  const keys = Object.keys(map);
  return { start: keys.length ? settle(keys[0]) : null, states };
}

export function analyseScenario(s: Scenario): ScenarioAnalysis {
  const map = adjacency(s);
  const pointsOf = (from: RunSnapshot, to: RunSnapshot) => to.context.points - from.context.points;
  const best = new Map<string, { max: number; min: number } | null>();
  /** for each state, the transition that leads to its maximum */
  const bestStep = new Map<string, { event: { type: string; optionId?: string }; to: string }>();
  /** fewest and most decisions from each state to an ending */
  const steps = new Map<string, { min: number; max: number } | null>();
  const inProgress = new Set<string>();
  const deadEnds: ScenarioAnalysis['deadEnds'] = [];
  const decisions = new Set<string>();

  const walk = (key: string): { max: number; min: number } | null => {
    if (best.has(key)) return best.get(key)!;
    if (inProgress.has(key)) return null; // a loop: contributes no path to an ending
    inProgress.add(key);
    const entry = map[key as keyof typeof map];
    let result: { max: number; min: number } | null = null;
    let count: { max: number; min: number } | null = null;
    if (entry.state.status === 'done') (result = { max: 0, min: 0 }), (count = { max: 0, min: 0 });
    else {
      const node = nodeById(s, nodeIdOf(entry.state));
      if (node.kind === 'decision') decisions.add(node.id);
      const transitions = Object.values(entry.transitions);
      if (transitions.length === 0) deadEnds.push({ node: node.id, flags: entry.state.context.flags });
      for (const t of transitions) {
        const sub = walk(stateKey(t.state));
        if (!sub) continue;
        const gain = pointsOf(entry.state, t.state);
        if (!result || gain + sub.max > result.max) bestStep.set(key, { event: t.event, to: stateKey(t.state) });
        const c = steps.get(stateKey(t.state));
        const d = t.event.type === 'choice.select' ? 1 : 0;
        if (c) count = count ? { max: Math.max(count.max, d + c.max), min: Math.min(count.min, d + c.min) } : { max: d + c.max, min: d + c.min };
        result = result
          ? { max: Math.max(result.max, gain + sub.max), min: Math.min(result.min, gain + sub.min) }
          : { max: gain + sub.max, min: gain + sub.min };
      }
    }
    inProgress.delete(key);
    best.set(key, result);
    steps.set(key, count);
    return result;
  };
  const keys = Object.keys(map);
  const root = walk(keys[0]);
  for (const k of keys) walk(k);
  const trapped = keys
    .filter((k) => best.get(k) === null && map[k as keyof typeof map].state.status !== 'done' && Object.keys(map[k as keyof typeof map].transitions).length > 0)
    .map((k) => ({ node: nodeIdOf(map[k as keyof typeof map].state), flags: map[k as keyof typeof map].state.context.flags }));
  const contradicted = keys.flatMap((k) => {
    const st = map[k as keyof typeof map].state;
    const node = nodeById(s, nodeIdOf(st));
    return node.expects && !holds(node.expects, st.context.flags) ? [{ node: node.id, flags: st.context.flags }] : [];
  });
  const bestPath: string[] = [];
  for (let k: string | undefined = keys[0], n = 0; k && n < keys.length; n++) {
    const step = bestStep.get(k);
    if (!step) break;
    if (step.event.type === 'choice.select' && step.event.optionId) bestPath.push(step.event.optionId);
    k = step.to;
  }
  return {
    pathDecisions: steps.get(keys[0]) ?? { min: 0, max: 0 },
    bestPath,
    states: keys.length,
    max: root?.max ?? 0,
    min: root?.min ?? 0,
    deadEnds,
    trapped,
    contradicted,
    decisions: [...decisions],
    choices: choiceGraph(s, map),
  };
}

/** Every path from the start to an ending, as option ids (tests and the bench; grows with paths). */
export function allPaths(s: Scenario): string[][] {
  const paths = getSimplePaths(machineFor(s), {
    events: (snap) => candidateEvents(s, snap).filter((e) => snap.can(e)),
    serializeState: (snap) => stateKey(snap),
    toState: (snap) => snap.status === 'done',
  });
  return paths.map((p) => p.steps.flatMap((st) => (st.event.type === 'choice.select' ? [st.event.optionId] : [])));
}
