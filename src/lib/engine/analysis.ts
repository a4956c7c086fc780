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
 * V8. The content check runs all this for every scenario of the library, and on a generated
 * library of 1,000 a third of the check's CPU went to V8's optimising compiler, most of it on these
 * functions, many compiled two or three times (issue 15). So: states are numbered as the walk finds
 * them and the passes follow numbers through arrays, not keys through maps; a long pass is cut into
 * functions of their own (the optimising compiler's cost grows faster than a function's size); and
 * arrays that one pass or file hands to the next are built with push or Array.from, never
 * Array.prototype.map: V8's optimised map writes a holey array where the interpreter's writes a
 * packed one, and every function optimised on arrays of one kind is thrown away and compiled again
 * on meeting the other. The same holds for the scenario data (compile.ts, scenario-check.ts).
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

/** Each node id's first node: the node the player shows for the id (nodeById). */
function firstNodes(s: Scenario): Map<string, ScenarioNode> {
  const byId = new Map<string, ScenarioNode>();
  for (const n of s.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  return byId;
}

/**
 * The reached states in the order found, and for each step of each the index of the state it
 * leads to (`targets[i][j]` for `entries[i].steps[j]`): the passes of the analysis then follow
 * numbers through arrays, not keys through maps.
 */
interface Walk {
  entries: WalkEntry[];
  targets: number[][];
}

/**
 * The walk behind stateGraph. A state is numbered when it is first met as a step's end (breadth
 * first, the queue is the list of entries itself): the same order as queueing every step and
 * skipping, when dequeued, a key already met, since a first-in first-out queue dequeues keys in the
 * order they were queued.
 */
function walkStates(s: Scenario): Walk {
  // as in the machine, a node id written twice means its last node (compileScenario); as in
  // candidateEvents, the events offered are those of its first (nodeById). Scenarios with a doubled
  // node id are refused before analysis; this keeps the walk the machine's even then.
  const machineNode = new Map<string, ScenarioNode>();
  for (const n of s.nodes) machineNode.set(n.id, n);
  const shownNode = firstNodes(s);
  const at = (id: string, flags: string[], points: number): WalkState => {
    const n = machineNode.get(id);
    if (!n) throw new Error(`scenario "${s.id}" has no node "${id}"`);
    return { node: id, done: n.kind === 'ending', flags, points };
  };
  const rel = relevantOf(s);
  const index = new Map<string, number>();
  const entries: WalkEntry[] = [];
  const targets: number[][] = [];
  const add = (st: WalkState): number => {
    const key = keyOf(rel, st.node, st.flags);
    let i = index.get(key);
    if (i === undefined) {
      i = entries.length;
      index.set(key, i);
      entries.push({ key, state: st, steps: [] });
      targets.push([]);
    }
    return i;
  };
  add(at(s.start, [], 0));
  for (let q = 0; q < entries.length; q++) {
    const { state: st, steps } = entries[q];
    if (st.done) continue;
    const shown = shownNode.get(st.node)!;
    const m = machineNode.get(st.node)!;
    if (shown.kind === 'scene') {
      // step.next: the first branch whose condition holds; the context is unchanged
      if (m.kind === 'scene')
        for (const b of m.next)
          if (holds(b.when, st.flags)) {
            steps.push({ state: at(b.to, st.flags, st.points) });
            break;
          }
    } else if (shown.kind === 'decision' && m.kind === 'decision') {
      const tried: string[] = [];
      for (const o of shown.options) {
        // one event per option id (the machine's events are keyed by their content)
        if (tried.includes(o.id)) continue;
        tried.push(o.id);
        // choice.select: the first of the decision's transitions this event enables
        step: for (const p of m.options) {
          if (p.id !== o.id || !holds(p.when, st.flags)) continue;
          const flags = withFlags(st.flags, p.sets);
          for (const b of p.next)
            if (holds(b.when, flags)) {
              steps.push({ option: o.id, state: at(b.to, flags, st.points + p.points) });
              break step;
            }
        }
      }
    }
    const to = targets[q];
    for (const x of steps) to.push(add(x.state));
  }
  return { entries, targets };
}

/**
 * Every reachable state by key, in the order xstate/graph's `getAdjacencyMap` finds them with the
 * events of `candidateEvents` and the key of `stateKeyFor` (see the opening comment).
 */
export function stateGraph(s: Scenario): Map<string, WalkEntry> {
  return new Map(walkStates(s).entries.map((e) => [e.key, e]));
}

function choicesOf(s: Scenario, { entries, targets }: Walk, nodeOf: (id: string) => ScenarioNode): ChoiceGraph {
  /** from a state, through any scenes, to the next decision state (null: the scenario has ended) */
  const settle = (start: number): string | null => {
    for (let k = start, n = 0; n <= s.nodes.length * 2 + 1; n++) {
      const e = entries[k];
      if (e.state.done) return null;
      if (nodeOf(e.state.node).kind === 'decision') return e.key;
      if (!e.steps.length) return null; // a dead end: analyseScenario reports it
      k = targets[k][0];
    }
    return null;
  };
  const states: ChoiceGraph['states'] = {};
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.state.done) continue;
    const node = nodeOf(e.state.node);
    if (node.kind !== 'decision') continue;
    const options: { id: string; to: string | null }[] = [];
    for (const o of node.options) {
      // the step of this option: one per option id
      const j = e.steps.findIndex((t) => t.option === o.id);
      if (j >= 0) options.push({ id: o.id, to: settle(targets[i][j]) });
    }
    states[e.key] = { node: node.id, options };
  }
  return { start: entries.length ? settle(0) : null, states };
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

/** `best`: the index of the step that earns the maximum, -1 at an ending */
type Range = { max: number; min: number; dMax: number; dMin: number; best: number };

/**
 * The node graph (every branch of every node, conditions ignored) has no cycle. A loop of the
 * state graph, or a path that meets a node twice, follows a cycle of this graph; without one there
 * is neither, and the searches for them are not run.
 */
function nodeGraphAcyclic(s: Scenario): boolean {
  // the nodes of one id are one vertex; a branch to no node leads nowhere and closes no cycle
  const at = new Map<string, number>();
  for (const n of s.nodes) if (!at.has(n.id)) at.set(n.id, at.size);
  const next: number[][] = [];
  for (let i = 0; i < at.size; i++) next.push([]);
  for (const n of s.nodes) {
    const list = next[at.get(n.id)!];
    for (const t of targetsOf(n)) {
      const j = at.get(t);
      if (j !== undefined) list.push(j);
    }
  }
  // depth first, iteratively: 1 = on the current path, 2 = done
  const mark = new Uint8Array(next.length);
  const stack: number[] = [];
  const pos: number[] = [];
  for (let root = 0; root < next.length; root++) {
    if (mark[root]) continue;
    mark[root] = 1;
    stack.push(root);
    pos.push(0);
    while (stack.length) {
      const top = stack.length - 1;
      const list = next[stack[top]];
      if (pos[top] < list.length) {
        const t = list[pos[top]++];
        if (mark[t] === 1) return false;
        if (!mark[t]) (mark[t] = 1), stack.push(t), pos.push(0);
      } else (mark[stack[top]] = 2), stack.pop(), pos.pop();
    }
  }
  return true;
}

/** Which states can still reach an ending: backwards from the endings. */
function statesThatCanEnd({ entries, targets }: Walk): boolean[] {
  const into: number[][] = [];
  const canEnd: boolean[] = [];
  for (const e of entries) into.push([]), canEnd.push(e.state.done);
  for (let i = 0; i < targets.length; i++) for (const t of targets[i]) into[t].push(i);
  const queue: number[] = [];
  for (let i = 0; i < canEnd.length; i++) if (canEnd[i]) queue.push(i);
  while (queue.length)
    for (const from of into[queue.pop()!])
      if (!canEnd[from]) (canEnd[from] = true), queue.push(from);
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
function scoreRange({ entries, targets }: Walk, canEnd: boolean[]): { root: Range | null; bestPath: string[] } {
  const memo: (Range | null)[] = [];
  const known = new Uint8Array(entries.length);
  const onPath = new Uint8Array(entries.length);
  const walk = (k: number): Range | null => {
    if (known[k]) return memo[k];
    if (onPath[k]) return null;
    let r: Range | null = null;
    const e = entries[k];
    if (e.state.done) r = { max: 0, min: 0, dMax: 0, dMin: 0, best: -1 };
    else if (canEnd[k]) {
      onPath[k] = 1;
      for (let j = 0; j < e.steps.length; j++) {
        const sub = walk(targets[k][j]);
        if (!sub) continue;
        const st = e.steps[j];
        const gain = st.state.points - e.state.points;
        const d = st.option ? 1 : 0;
        if (!r) r = { max: gain + sub.max, min: gain + sub.min, dMax: d + sub.dMax, dMin: d + sub.dMin, best: j };
        else {
          if (gain + sub.max > r.max) (r.max = gain + sub.max), (r.best = j);
          r.min = Math.min(r.min, gain + sub.min);
          r.dMax = Math.max(r.dMax, d + sub.dMax);
          r.dMin = Math.min(r.dMin, d + sub.dMin);
        }
      }
      onPath[k] = 0;
    }
    // around a loop a partial result depends on where the loop was entered; the loop is an error
    // then, and memoising keeps the pass linear whatever the graph
    memo[k] = r;
    known[k] = 1;
    return r;
  };
  const root = entries.length ? walk(0) : null;
  const bestPath: string[] = [];
  const seen = new Uint8Array(entries.length);
  for (let k = 0; entries.length && !seen[k]; ) {
    seen[k] = 1;
    const best = walk(k)?.best ?? -1;
    if (best < 0) break;
    const option = entries[k].steps[best].option;
    if (option) bestPath.push(option);
    k = targets[k][best];
  }
  return { root, bestPath };
}

type StateFindings = Pick<ScenarioAnalysis, 'deadEnds' | 'trapped' | 'contradicted' | 'oneOffered' | 'unreached' | 'neverOffered' | 'branchesNeverTaken'> & { reachedNodes: Set<string> };

/**
 * The names a node's options and branches are recorded under (see stateFindings), made once per
 * node instead of once per state: `${node}|${option}` for an option offered, `${where}|${branch}`
 * for a branch taken and `…|holds` for a branch whose condition held, where `where` is the node's
 * id for a scene's branches and `${node}|${its list of branches as text}` for an option's.
 */
interface UseNames {
  offered: string[];
  /** per option (one entry for a scene): the branch names, and whether any branch has a condition */
  taken: string[][];
  held: string[][];
  conditional: boolean[];
}

/** What the reached states use: nodes, options offered, and branches taken or whose condition held (by the names of UseNames). */
interface Use {
  reachedNodes: Set<string>;
  offered: Set<string>;
  /** "node|option|branch" → taken; "…|holds" → its condition held when evaluated */
  branchUse: Set<string>;
  /** an option's list of branches as text, written once per list */
  nextKey: (next: Branch[]) => string;
  names: Map<ScenarioNode, UseNames>;
}

function useNames(node: ScenarioNode, nextKey: (next: Branch[]) => string): UseNames {
  const u: UseNames = { offered: [], taken: [], held: [], conditional: [] };
  const list = (where: string, next: Branch[]) => {
    const taken: string[] = [];
    const held: string[] = [];
    for (let i = 0; i < next.length; i++) taken.push(`${where}|${i}`), held.push(`${where}|${i}|holds`);
    u.taken.push(taken);
    u.held.push(held);
    u.conditional.push(next.some((x) => x.when));
  };
  if (node.kind === 'scene') list(node.id, node.next);
  if (node.kind === 'decision') for (const o of node.options) list(`${node.id}|${nextKey(o.next)}`, o.next), u.offered.push(`${node.id}|${o.id}`);
  return u;
}

/** Notes the branches of a list that hold on these flags, and the first of them as taken. */
function useBranches(use: Use, taken: string[], held: string[], next: Branch[], flags: readonly string[]): void {
  let first = true;
  for (let i = 0; i < next.length; i++) {
    if (!holds(next[i].when, flags)) continue;
    use.branchUse.add(held[i]);
    if (first) use.branchUse.add(taken[i]), (first = false);
  }
}

/*
 * stateFindings is cut in two, each pass a function of its own, for the reason given above
 * analyseScenario's parts: one function holding both took V8's optimising compiler about as long
 * as the whole analysis of a thousand scenarios took to run.
 */

/** What each reachable state shows: dead ends, trapped states, broken stories, one option offered; and what it uses. */
function statePass({ entries, targets }: Walk, canEnd: boolean[], nodeOf: (id: string) => ScenarioNode, use: Use): Pick<ScenarioAnalysis, 'deadEnds' | 'trapped' | 'contradicted' | 'oneOffered'> {
  const deadEnds: ScenarioAnalysis['deadEnds'] = [];
  const trapped: ScenarioAnalysis['trapped'] = [];
  const contradicted: ScenarioAnalysis['contradicted'] = [];
  const oneOffered: ScenarioAnalysis['oneOffered'] = [];
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const node = nodeOf(e.state.node);
    const flags = e.state.flags;
    use.reachedNodes.add(node.id);
    if (node.expects && !holds(node.expects, flags)) contradicted.push({ node: node.id, flags: flagsOfKey(e.key) });
    if (e.state.done) continue;
    if (targets[k].length === 0) deadEnds.push({ node: node.id, flags: flagsOfKey(e.key) });
    else if (!canEnd[k]) trapped.push({ node: node.id, flags: flagsOfKey(e.key) });
    if (node.kind !== 'scene' && node.kind !== 'decision') continue;
    let u = use.names.get(node);
    if (!u) use.names.set(node, (u = useNames(node, use.nextKey)));
    if (node.kind === 'scene') useBranches(use, u.taken[0], u.held[0], node.next, flags);
    else {
      let here = 0;
      let only = '';
      for (let i = 0; i < node.options.length; i++) {
        const o = node.options[i];
        if (!holds(o.when, flags)) continue;
        here++;
        only = o.id;
        use.offered.add(u.offered[i]);
        // a list with no condition takes its first branch whatever the flags: they need not be made
        useBranches(use, u.taken[i], u.held[i], o.next, u.conditional[i] ? withFlags(flags, o.sets) : flags);
      }
      if (here === 1) oneOffered.push({ node: node.id, flags: flagsOfKey(e.key), option: only });
    }
  }
  return { deadEnds, trapped, contradicted, oneOffered };
}

/** What no reachable state uses: nodes, options, branches. */
function unusedPass(s: Scenario, use: Use): Pick<ScenarioAnalysis, 'unreached' | 'neverOffered' | 'branchesNeverTaken'> {
  const { reachedNodes, offered, branchUse, nextKey } = use;
  const unreached: string[] = [];
  for (const n of s.nodes) if (!reachedNodes.has(n.id)) unreached.push(n.id);
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
  return { unreached, neverOffered, branchesNeverTaken };
}

/** What each reachable state shows: dead ends, trapped states, broken stories; what is used at all. */
function stateFindings(s: Scenario, walk: Walk, canEnd: boolean[], nodeOf: (id: string) => ScenarioNode): StateFindings {
  const nextKeys = new Map<Branch[], string>();
  const use: Use = {
    reachedNodes: new Set(),
    offered: new Set(),
    branchUse: new Set(),
    nextKey: (next) => nextKeys.get(next) ?? nextKeys.set(next, JSON.stringify(next)).get(next)!,
    names: new Map(),
  };
  return { ...statePass(walk, canEnd, nodeOf, use), ...unusedPass(s, use), reachedNodes: use.reachedNodes };
}

/** The state graph with each step's points, keyed as the walk keys states (for the searches of loops). */
function stepsOf({ entries, targets }: Walk): Map<string, Step[]> {
  const out = new Map<string, Step[]>();
  entries.forEach((e, i) =>
    out.set(
      e.key,
      e.steps.map((t, j) => ({ to: entries[targets[i][j]].key, gain: t.state.points - e.state.points, ...(t.option ? { option: t.option } : {}) })),
    ),
  );
  return out;
}

/** Loops of the state graph, and decisions one path meets twice: searched only where the node graph has a cycle. */
function loopsOf(s: Scenario, walk: Walk, nodeOf: (id: string) => ScenarioNode): Pick<ScenarioAnalysis, 'loops' | 'revisits'> {
  if (nodeGraphAcyclic(s)) return { loops: [], revisits: [] };
  const keys = walk.entries.map((e) => e.key);
  const done = new Set(walk.entries.filter((e) => e.state.done).map((e) => e.key));
  const isDone = (k: string) => done.has(k);
  const out = stepsOf(walk);
  const loops = cycles(keys, out).map((scc) => {
    const at = scc[0];
    const within = new Set(scc);
    const earns = scc.some((k) => out.get(k)!.some((st) => within.has(st.to) && st.gain > 0));
    return { node: at.slice(0, at.indexOf('|')), flags: flagsOfKey(at), cycle: roundTrip(at, within, out), earns };
  });
  return { loops, revisits: loops.length ? [] : revisitsOf(keys, out, isDone, nodeOf) };
}

function reachedDecisions(s: Scenario, reached: Set<string>): string[] {
  const out: string[] = [];
  for (const n of s.nodes) if (n.kind === 'decision' && reached.has(n.id)) out.push(n.id);
  return out;
}

export function analyseScenario(s: Scenario): ScenarioAnalysis {
  const walk = walkStates(s);
  const byId = firstNodes(s);
  const nodeOf = (id: string) => byId.get(id) ?? nodeById(s, id);
  const canEnd = statesThatCanEnd(walk);
  const { loops, revisits } = loopsOf(s, walk, nodeOf);
  const { root, bestPath } = scoreRange(walk, canEnd);
  const f = stateFindings(s, walk, canEnd, nodeOf);

  return {
    pathDecisions: root ? { min: root.dMin, max: root.dMax } : { min: 0, max: 0 },
    bestPath,
    states: walk.entries.length,
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
    decisions: reachedDecisions(s, f.reachedNodes),
    choices: choicesOf(s, walk, nodeOf),
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
