/**
 * Static analysis of a compiled scenario: every state a learner can be in (node + the flags that
 * still matter there), and from it the score range over every path, dead ends, states with no way
 * to an ending, loops a learner can go round for ever, and the nodes, options and branches no
 * learner can reach under any combination of flags.
 *
 * The states. `stateGraph` walks the scenario's graph by hand, applying the rules of the machine
 * in machine.ts (a scene takes its first branch whose `when` holds; an option is offered when its
 * `when` holds and taken along its first branch whose `when` holds on the flags after its `sets`;
 * it adds its points and flags), breadth first from the start as xstate/graph's `getAdjacencyMap`
 * does, so it finds the same states, in the same order, with the same steps: the unit tests
 * compare the two on every fixture and on random scenarios. It is written by hand because building
 * an xstate machine and stepping it through every state costs about twenty times as much, and the
 * content check does it for every scenario of the library (issue 15: 1,000 scenarios within 2 s).
 * The player still plays the xstate machine; `adjacency` (xstate/graph) stays for the map and
 * for that comparison.
 *
 * Cost. A flag matters at a node only if some `when` or `expects` at that node or at a node
 * reachable from it reads it; the state key keeps those flags alone (`relevantFlags`). Flags that
 * nothing reads any more are dropped, so N decisions that each set an unread flag give N states,
 * not 2^N. This is exact, not an estimate: what can happen from a node depends only on the flags
 * read from there on, and flags are only ever added. Score range, step counts and "can end" are
 * then each one pass over the state graph.
 *
 * Loops. A learner who can come back to the same state (same node, same flags that matter) can go
 * round for ever: points pile up past any maximum and the saved path grows without end. Such a
 * cycle (a strongly connected part of the state graph, found with Tarjan's algorithm) is reported.
 * A node may still be met twice on one path when a flag changes in between (a bounded revisit).
 * "Can end" is computed backwards from the endings, so it does not depend on where a loop is
 * entered.
 *
 * Build-time and test-time only: the learner's browser gets the results in the course JSON.
 */
import { getAdjacencyMap, getSimplePaths } from 'xstate/graph';
import type { Branch, Condition, Scenario, ScenarioNode } from '../course/types';
import { holds, nodeIdOf, withFlags, type RunEvent, type RunSnapshot } from './machine';
import { machineFor, nodeById } from './run';

/** Every event that could apply in a snapshot: the options of its decision, or step.next. */
export function candidateEvents(s: Scenario, snap: RunSnapshot): RunEvent[] {
  if (snap.status === 'done') return [];
  const node = nodeById(s, nodeIdOf(snap));
  if (node.kind === 'decision') return node.options.map((o) => ({ type: 'choice.select', optionId: o.id }) as const);
  if (node.kind === 'scene') return [{ type: 'step.next' }];
  return [];
}

/** Adds the flags a condition reads. */
function addCondFlags(into: Set<string>, c: Condition | undefined): void {
  if (!c) return;
  if (c.all) for (const f of c.all) into.add(f);
  if (c.none) for (const f of c.none) into.add(f);
}

/** The flags each node's own conditions read: its `expects`, its branches, its options' `when` and branches. */
function flagsReadAt(n: ScenarioNode): Set<string> {
  const out = new Set<string>();
  addCondFlags(out, n.expects);
  if (n.kind === 'scene') for (const b of n.next) addCondFlags(out, b.when);
  if (n.kind === 'decision')
    for (const o of n.options) {
      addCondFlags(out, o.when);
      for (const b of o.next) addCondFlags(out, b.when);
    }
  return out;
}

/** The nodes a node's branches lead to, in order. */
function targetsOf(n: ScenarioNode): string[] {
  const out: string[] = [];
  if (n.kind === 'scene') for (const b of n.next) out.push(b.to);
  if (n.kind === 'decision') for (const o of n.options) for (const b of o.next) out.push(b.to);
  return out;
}

/**
 * Per node, the flags read at that node or at any node reachable from it (conditions ignored):
 * the only flags that can change what happens from there on. A fixed point over the node graph.
 */
export function relevantFlags(s: Scenario): Map<string, Set<string>> {
  // plain loops: this runs for every scenario of the library, and closures and spreads here cost
  // V8's optimising compiler far more than they save
  const rel = new Map<string, Set<string>>();
  for (const n of s.nodes) rel.set(n.id, flagsReadAt(n));
  const edges: { from: Set<string>; to: Set<string>[] }[] = [];
  for (const n of s.nodes) {
    const to: Set<string>[] = [];
    for (const t of targetsOf(n)) {
      const r = rel.get(t);
      if (r) to.push(r);
    }
    edges.push({ from: rel.get(n.id)!, to });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { from, to } of edges)
      for (const t of to)
        for (const f of t)
          if (!from.has(f)) (from.add(f), (changed = true));
  }
  return rel;
}

const relevant = new WeakMap<Scenario, Map<string, Set<string>>>();
/** relevantFlags, once per scenario (the walk and the xstate paths both key their states by it). */
function relevantOf(s: Scenario): Map<string, Set<string>> {
  let r = relevant.get(s);
  if (!r) relevant.set(s, (r = relevantFlags(s)));
  return r;
}

/** A state's key: its node and the flags that still matter there, in the order they were set. */
function keyOf(rel: Map<string, Set<string>>, node: string, flags: readonly string[]): string {
  const r = rel.get(node);
  return `${node}|${flags.filter((f) => r?.has(f)).join(',')}`;
}

/** The state key of a snapshot (for xstate/graph). */
export function stateKeyFor(s: Scenario): (snap: RunSnapshot) => string {
  const rel = relevantOf(s);
  return (snap) => keyOf(rel, nodeIdOf(snap), snap.context.flags);
}

/** The flags of a key (those that matter at its node). */
const flagsOfKey = (key: string): string[] => {
  const f = key.slice(key.indexOf('|') + 1);
  return f ? f.split(',') : [];
};

export function adjacency(s: Scenario) {
  return getAdjacencyMap(machineFor(s), {
    events: (snap) => candidateEvents(s, snap).filter((e) => snap.can(e)),
    serializeState: stateKeyFor(s),
  });
}

/** A condition no set of flags satisfies: a flag both required and excluded. */
export const contradictory = (c: Condition | undefined): string[] => (c?.all ?? []).filter((f) => (c?.none ?? []).includes(f));

export interface ScenarioAnalysis {
  /** distinct reachable states (node + the flags that matter there) */
  states: number;
  /** best and worst total points over all paths */
  max: number;
  min: number;
  /** reachable states that are not endings and have no way on */
  deadEnds: { node: string; flags: string[] }[];
  /** reachable states from which no ending can be reached */
  trapped: { node: string; flags: string[] }[];
  /** reachable states whose node's `expects` does not hold: a path whose story contradicts an earlier choice */
  contradicted: { node: string; flags: string[] }[];
  /** cycles of the state graph: a learner can come back to `node` with the same flags, round `cycle` (node ids, first = last) */
  loops: { node: string; flags: string[]; cycle: string[]; earns: boolean }[];
  /** decisions one path can meet twice (a way back that sets a flag in between): `cycle` is the way round, as node ids */
  revisits: { node: string; cycle: string[] }[];
  /** nodes that no path reaches, under any combination of flags */
  unreached: string[];
  /** options whose `when` holds in no state where their decision is reached */
  neverOffered: { node: string; option: string }[];
  /** branches of a `next` never taken: their `when` never holds there, or an earlier branch always applies */
  branchesNeverTaken: { node: string; option?: string; branch: number; reason: 'never-holds' | 'shadowed' }[];
  /** decision states where only one option is offered (no choice) */
  oneOffered: { node: string; flags: string[]; option: string }[];
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

/** One state of the walk: what a machine snapshot holds that the analysis reads. */
export interface WalkState {
  node: string;
  /** the node is an ending (the machine's snapshot is `done`) */
  done: boolean;
  flags: string[];
  points: number;
}

/** A reached state (the first one met with its key) and its steps, in the order the machine's events are tried. */
export interface WalkEntry {
  key: string;
  state: WalkState;
  /** `option`: the option chosen, for a decision's steps; `state`: where the step leads */
  steps: { option?: string; state: WalkState }[];
}

/** The walk's state key: the same key as `stateKeyFor` gives the machine's snapshot of that state. */
function walkKeyFor(s: Scenario): (st: WalkState) => string {
  const rel = relevantOf(s);
  return (st) => keyOf(rel, st.node, st.flags);
}

/**
 * Every reachable state by key, in the order xstate/graph's `getAdjacencyMap` finds them with the
 * events of `candidateEvents` and the key of `stateKeyFor` (see the opening comment).
 */
export function stateGraph(s: Scenario): Map<string, WalkEntry> {
  // as in the machine, a node id written twice means its last node (compileScenario); as in
  // candidateEvents, the events offered are those of its first (nodeById). Scenarios with a doubled
  // node id are refused before analysis; this keeps the walk the machine's even then.
  const machineNode = new Map(s.nodes.map((n) => [n.id, n]));
  const nodeOf = (id: string): ScenarioNode => {
    const n = machineNode.get(id);
    if (!n) throw new Error(`scenario "${s.id}" has no node "${id}"`);
    return n;
  };
  const at = (id: string, flags: string[], points: number): WalkState => ({ node: id, done: nodeOf(id).kind === 'ending', flags, points });
  const key = walkKeyFor(s);
  const graph = new Map<string, WalkEntry>();
  const queue: WalkState[] = [at(s.start, [], 0)];
  for (let q = 0; q < queue.length; q++) {
    const st = queue[q];
    const k = key(st);
    if (graph.has(k)) continue;
    const steps: WalkEntry['steps'] = [];
    graph.set(k, { key: k, state: st, steps });
    if (st.done) continue;
    const shown = nodeById(s, st.node);
    const m = nodeOf(st.node);
    if (shown.kind === 'scene') {
      // step.next: the first branch whose condition holds; the context is unchanged
      const b = m.kind === 'scene' ? m.next.find((x) => holds(x.when, st.flags)) : undefined;
      if (b) steps.push({ state: at(b.to, st.flags, st.points) });
    } else if (shown.kind === 'decision') {
      const tried = new Set<string>();
      for (const o of shown.options) {
        // one event per option id (the machine's events are keyed by their content)
        if (tried.has(o.id) || m.kind !== 'decision') continue;
        tried.add(o.id);
        // choice.select: the first of the decision's transitions this event enables
        for (const p of m.options) {
          if (p.id !== o.id || !holds(p.when, st.flags)) continue;
          const flags = withFlags(st.flags, p.sets);
          const b = p.next.find((x) => holds(x.when, flags));
          if (b) {
            steps.push({ option: o.id, state: at(b.to, flags, st.points + p.points) });
            break;
          }
        }
      }
    }
    for (const x of steps) queue.push(x.state);
  }
  return graph;
}

export function choiceGraph(s: Scenario, graph: Map<string, WalkEntry> = stateGraph(s)): ChoiceGraph {
  const key = walkKeyFor(s);
  const byId = new Map<string, ScenarioNode>();
  for (const n of s.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const nodeOf = (id: string) => byId.get(id) ?? nodeById(s, id);
  /** from a state, through any scenes, to the next decision state (null: the scenario has ended) */
  const settle = (start: string): string | null => {
    for (let k = start, n = 0; n <= s.nodes.length * 2 + 1; n++) {
      const e = graph.get(k)!;
      if (e.state.done) return null;
      if (nodeOf(e.state.node).kind === 'decision') return k;
      const on = e.steps[0];
      if (!on) return null; // a dead end: analyseScenario reports it
      k = key(on.state);
    }
    return null;
  };
  const states: ChoiceGraph['states'] = {};
  for (const [k, e] of graph) {
    if (e.state.done) continue;
    const node = nodeOf(e.state.node);
    if (node.kind !== 'decision') continue;
    const byOption = new Map(e.steps.map((t) => [t.option, t.state]));
    states[k] = {
      node: node.id,
      options: node.options.flatMap((o) => {
        const to = byOption.get(o.id);
        return to ? [{ id: o.id, to: settle(key(to)) }] : [];
      }),
    };
  }
  const first = graph.keys().next();
  return { start: first.done ? null : settle(first.value), states };
}

interface Step {
  to: string;
  gain: number;
  /** the option chosen, for a decision's steps */
  option?: string;
}

/** Strongly connected components with a cycle (Tarjan, iterative), each as its keys in discovery order. */
function cycles(keys: string[], out: Map<string, Step[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const root of keys) {
    if (index.has(root)) continue;
    const work: { k: string; i: number }[] = [{ k: root, i: 0 }];
    index.set(root, next), low.set(root, next++), stack.push(root), onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const steps = out.get(top.k) ?? [];
      if (top.i < steps.length) {
        const to = steps[top.i++].to;
        if (!index.has(to)) {
          index.set(to, next), low.set(to, next++), stack.push(to), onStack.add(to);
          work.push({ k: to, i: 0 });
        } else if (onStack.has(to)) low.set(top.k, Math.min(low.get(top.k)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].k, Math.min(low.get(work[work.length - 1].k)!, low.get(top.k)!));
      if (low.get(top.k) === index.get(top.k)) {
        const scc: string[] = [];
        for (let k = ''; k !== top.k; ) {
          k = stack.pop()!;
          onStack.delete(k);
          scc.push(k);
        }
        const selfLoop = scc.length === 1 && (out.get(scc[0]) ?? []).some((st) => st.to === scc[0]);
        if (scc.length > 1 || selfLoop) found.push(scc.sort((a, b) => index.get(a)! - index.get(b)!));
      }
    }
  }
  return found;
}

/** A shortest way round a cycle from `start` back to it, inside its component, as node ids. */
function roundTrip(start: string, within: Set<string>, out: Map<string, Step[]>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const { to } of out.get(queue[i]) ?? []) {
      if (!within.has(to)) continue;
      if (to === start) {
        const path = [to];
        for (let k = queue[i]; k !== start; k = prev.get(k)!) path.push(k);
        path.push(start);
        return path.reverse().map((k) => k.slice(0, k.indexOf('|')));
      }
      if (!prev.has(to)) (prev.set(to, queue[i]), queue.push(to));
    }
  }
  return [];
}

/*
 * analyseScenario is cut into the parts below, each a function of its own: one function holding
 * them all took V8's optimising compiler longer to compile than the analysis took to run, on every
 * library of some size (a tenth of a second per compile, several compiles per check).
 */

type Range = { max: number; min: number; dMax: number; dMin: number; best: Step | null };

/**
 * The node graph (every branch of every node, conditions ignored) has no cycle. A loop of the
 * state graph, or a path that meets a node twice, follows a cycle of this graph; without one there
 * is neither, and the searches for them are not run.
 */
function nodeGraphAcyclic(s: Scenario): boolean {
  const to = new Map<string, string[]>();
  for (const n of s.nodes) {
    const list = to.get(n.id) ?? to.set(n.id, []).get(n.id)!;
    for (const t of targetsOf(n)) list.push(t);
  }
  // depth first, iteratively: 1 = on the current path, 2 = done
  const mark = new Map<string, 1 | 2>();
  for (const root of to.keys()) {
    if (mark.has(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    mark.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = to.get(top.id) ?? [];
      if (top.i < next.length) {
        const t = next[top.i++];
        const m = mark.get(t);
        if (m === 1) return false;
        if (m === undefined) (mark.set(t, 1), stack.push({ id: t, i: 0 }));
      } else (mark.set(top.id, 2), stack.pop());
    }
  }
  return true;
}

/** Which states can still reach an ending: backwards from the endings. */
function statesThatCanEnd(keys: string[], out: Map<string, Step[]>, isDone: (k: string) => boolean): Set<string> {
  const into = new Map<string, string[]>();
  for (const [k, steps] of out) for (const { to } of steps) (into.get(to) ?? into.set(to, []).get(to)!).push(k);
  const canEnd = new Set(keys.filter(isDone));
  for (const queue = [...canEnd]; queue.length; )
    for (const from of into.get(queue.pop()!) ?? []) if (!canEnd.has(from)) (canEnd.add(from), queue.push(from));
  return canEnd;
}

const nodeOfKey = (k: string) => k.slice(0, k.indexOf('|'));

/** A decision met twice on one path: from one of its states, another state of the same decision is reachable. */
function revisitsOf(keys: string[], out: Map<string, Step[]>, isDone: (k: string) => boolean, nodeOf: (id: string) => ScenarioNode): ScenarioAnalysis['revisits'] {
  const revisits: ScenarioAnalysis['revisits'] = [];
  const byNode = new Map<string, Set<string>>();
  for (const k of keys)
    if (!isDone(k) && nodeOf(nodeOfKey(k)).kind === 'decision') (byNode.get(nodeOfKey(k)) ?? byNode.set(nodeOfKey(k), new Set()).get(nodeOfKey(k))!).add(k);
  /** the way from `from` to another state of its decision, as node ids, or null */
  const wayBack = (from: string, targets: Set<string>): string[] | null => {
    const prev = new Map<string, string>([[from, '']]);
    for (const queue = [from], i = { n: 0 }; i.n < queue.length; i.n++)
      for (const { to } of out.get(queue[i.n]) ?? []) {
        if (prev.has(to)) continue;
        prev.set(to, queue[i.n]);
        if (targets.has(to)) {
          const path: string[] = [];
          for (let k = to; k; k = prev.get(k)!) path.unshift(nodeOfKey(k));
          return path;
        }
        queue.push(to);
      }
    return null;
  };
  for (const [node, states] of byNode)
    for (const from of states) {
      // a decision reached in one state only cannot be met again on a path with no loop
      if (states.size < 2) break;
      const way = wayBack(from, states);
      if (way) {
        revisits.push({ node, cycle: way });
        break;
      }
    }
  return revisits;
}

/** Score range and decision counts: one memoised pass (a loop's back edge is ignored: loops are reported); and a path that earns the maximum. */
function scoreRange(keys: string[], out: Map<string, Step[]>, isDone: (k: string) => boolean, canEnd: Set<string>): { root: Range | null; bestPath: string[] } {
  const memo = new Map<string, Range | null>();
  const onPath = new Set<string>();
  const walk = (k: string): Range | null => {
    if (memo.has(k)) return memo.get(k)!;
    if (onPath.has(k)) return null;
    let r: Range | null = null;
    if (isDone(k)) r = { max: 0, min: 0, dMax: 0, dMin: 0, best: null };
    else if (canEnd.has(k)) {
      onPath.add(k);
      for (const st of out.get(k)!) {
        const sub = walk(st.to);
        if (!sub) continue;
        const d = st.option ? 1 : 0;
        if (!r) r = { max: st.gain + sub.max, min: st.gain + sub.min, dMax: d + sub.dMax, dMin: d + sub.dMin, best: st };
        else {
          if (st.gain + sub.max > r.max) (r.max = st.gain + sub.max), (r.best = st);
          r.min = Math.min(r.min, st.gain + sub.min);
          r.dMax = Math.max(r.dMax, d + sub.dMax);
          r.dMin = Math.min(r.dMin, d + sub.dMin);
        }
      }
      onPath.delete(k);
    }
    // around a loop a partial result depends on where the loop was entered; the loop is an error
    // then, and memoising keeps the pass linear whatever the graph
    memo.set(k, r);
    return r;
  };
  const root = keys.length ? walk(keys[0]) : null;
  const bestPath: string[] = [];
  const seen = new Set<string>();
  for (let k: string | undefined = keys[0]; k && !seen.has(k); ) {
    seen.add(k);
    const step: Step | null | undefined = walk(k)?.best;
    if (!step) break;
    if (step.option) bestPath.push(step.option);
    k = step.to;
  }
  return { root, bestPath };
}

type StateFindings = Pick<ScenarioAnalysis, 'deadEnds' | 'trapped' | 'contradicted' | 'oneOffered' | 'unreached' | 'neverOffered' | 'branchesNeverTaken'> & { reachedNodes: Set<string> };

/** What each reachable state shows: dead ends, trapped states, broken stories; what is used at all. */
function stateFindings(s: Scenario, graph: Map<string, WalkEntry>, out: Map<string, Step[]>, canEnd: Set<string>, nodeOf: (id: string) => ScenarioNode): StateFindings {
  const deadEnds: ScenarioAnalysis['deadEnds'] = [];
  const trapped: ScenarioAnalysis['trapped'] = [];
  const contradicted: ScenarioAnalysis['contradicted'] = [];
  const oneOffered: ScenarioAnalysis['oneOffered'] = [];
  const reachedNodes = new Set<string>();
  const offered = new Set<string>();
  /** an option's list of branches as text, written once per list */
  const nextKeys = new Map<Branch[], string>();
  const nextKey = (next: Branch[]) => nextKeys.get(next) ?? nextKeys.set(next, JSON.stringify(next)).get(next)!;
  /** "node|option|branch" → taken; "…|holds" → its condition held when evaluated */
  const branchUse = new Set<string>();
  const useBranches = (where: string, next: Branch[], flags: readonly string[]) => {
    let taken = false;
    next.forEach((b, i) => {
      if (!holds(b.when, flags)) return;
      branchUse.add(`${where}|${i}|holds`);
      if (!taken) (branchUse.add(`${where}|${i}`), (taken = true));
    });
  };
  for (const [k, e] of graph) {
    const node = nodeOf(e.state.node);
    const flags = e.state.flags;
    const shown = flagsOfKey(k);
    reachedNodes.add(node.id);
    if (node.expects && !holds(node.expects, flags)) contradicted.push({ node: node.id, flags: shown });
    if (e.state.done) continue;
    if (out.get(k)!.length === 0) deadEnds.push({ node: node.id, flags: shown });
    else if (!canEnd.has(k)) trapped.push({ node: node.id, flags: shown });
    if (node.kind === 'scene') useBranches(node.id, node.next, flags);
    if (node.kind === 'decision') {
      const here = node.options.filter((o) => holds(o.when, flags));
      here.forEach((o) => (offered.add(`${node.id}|${o.id}`), useBranches(`${node.id}|${nextKey(o.next)}`, o.next, withFlags(flags, o.sets))));
      if (here.length === 1) oneOffered.push({ node: node.id, flags: shown, option: here[0].id });
    }
  }
  const unreached = s.nodes.filter((n) => !reachedNodes.has(n.id)).map((n) => n.id);
  const neverOffered: ScenarioAnalysis['neverOffered'] = [];
  const branchesNeverTaken: ScenarioAnalysis['branchesNeverTaken'] = [];
  const checkBranches = (where: string, next: Branch[], node: string, option?: string) =>
    next.forEach((_, i) => {
      if (!branchUse.has(`${where}|${i}`))
        branchesNeverTaken.push({ node, ...(option ? { option } : {}), branch: i, reason: branchUse.has(`${where}|${i}|holds`) ? 'shadowed' : 'never-holds' });
    });
  const checked = new Set<string>();
  for (const n of s.nodes) {
    if (!reachedNodes.has(n.id)) continue;
    if (n.kind === 'scene') checkBranches(n.id, n.next, n.id);
    if (n.kind === 'decision')
      for (const o of n.options) {
        if (!offered.has(`${n.id}|${o.id}`)) neverOffered.push({ node: n.id, option: o.id });
        // options that share one list of branches (a YAML anchor, or the same list written twice) are
        // judged together: a branch is dead only if no option using the list takes it
        else if (!checked.has(`${n.id}|${nextKey(o.next)}`)) {
          checked.add(`${n.id}|${nextKey(o.next)}`);
          checkBranches(`${n.id}|${nextKey(o.next)}`, o.next, n.id, o.id);
        }
      }
  }
  return { deadEnds, trapped, contradicted, oneOffered, unreached, neverOffered, branchesNeverTaken, reachedNodes };
}

/** The state graph with each step's points, keyed as the walk keys states. */
function stepsOf(graph: Map<string, WalkEntry>, key: (st: WalkState) => string): Map<string, Step[]> {
  const out = new Map<string, Step[]>();
  for (const [k, e] of graph)
    out.set(
      k,
      e.steps.map((t) => ({ to: key(t.state), gain: t.state.points - e.state.points, ...(t.option ? { option: t.option } : {}) })),
    );
  return out;
}

export function analyseScenario(s: Scenario): ScenarioAnalysis {
  const graph = stateGraph(s);
  const keys = [...graph.keys()];
  const isDone = (k: string) => graph.get(k)!.state.done;
  const byId = new Map<string, ScenarioNode>();
  for (const n of s.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  const nodeOf = (id: string) => byId.get(id) ?? nodeById(s, id);

  const out = stepsOf(graph, walkKeyFor(s));
  const canEnd = statesThatCanEnd(keys, out, isDone);
  const acyclic = nodeGraphAcyclic(s);
  const loops = acyclic
    ? []
    : cycles(keys, out).map((scc) => {
        const at = scc[0];
        const within = new Set(scc);
        const earns = scc.some((k) => out.get(k)!.some((st) => within.has(st.to) && st.gain > 0));
        return { node: at.slice(0, at.indexOf('|')), flags: flagsOfKey(at), cycle: roundTrip(at, within, out), earns };
      });
  const revisits = acyclic || loops.length ? [] : revisitsOf(keys, out, isDone, nodeOf);
  const { root, bestPath } = scoreRange(keys, out, isDone, canEnd);
  const f = stateFindings(s, graph, out, canEnd, nodeOf);

  return {
    pathDecisions: root ? { min: root.dMin, max: root.dMax } : { min: 0, max: 0 },
    bestPath,
    states: keys.length,
    max: root?.max ?? 0,
    min: root?.min ?? 0,
    deadEnds: f.deadEnds,
    trapped: f.trapped,
    contradicted: f.contradicted,
    loops,
    revisits,
    unreached: f.unreached,
    neverOffered: f.neverOffered,
    branchesNeverTaken: f.branchesNeverTaken,
    oneOffered: f.oneOffered,
    decisions: s.nodes.filter((n) => n.kind === 'decision' && f.reachedNodes.has(n.id)).map((n) => n.id),
    choices: choiceGraph(s, graph),
  };
}

/** Every path from the start to an ending, as option ids (tests and the bench; grows with paths). */
export function allPaths(s: Scenario): string[][] {
  const paths = getSimplePaths(machineFor(s), {
    events: (snap) => candidateEvents(s, snap).filter((e) => snap.can(e)),
    serializeState: stateKeyFor(s),
    toState: (snap) => snap.status === 'done',
  });
  return paths.map((p) => p.steps.flatMap((st) => (st.event.type === 'choice.select' ? [st.event.optionId] : [])));
}
