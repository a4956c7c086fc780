/**
 * Score range per ending: over every path from the start to an ending, the lowest and highest
 * total points, and how many paths end there. Walks the xstate/graph adjacency map (states are
 * node + flags, as in src/lib/engine/analysis.ts) with memoisation, so the cost grows with the
 * number of states, not paths. If the state graph has a loop, it falls back to listing the
 * simple paths, which is what `allPaths()` counts.
 * Build-time only.
 */
import type { Scenario } from '../course/types';
import { adjacency, stateKeyFor } from '../engine/analysis';
import { nodeIdOf } from '../engine/machine';

export interface ScoreRange {
  min: number;
  max: number;
  /** number of distinct paths (option sequences) that end here */
  paths: number;
}

/** ending id → its range, or null when no path reaches it */
export type EndingRanges = Record<string, ScoreRange | null>;

type Adjacency = ReturnType<typeof adjacency>;
type Entry = Adjacency[keyof Adjacency];

const add = (into: Map<string, ScoreRange>, ending: string, r: ScoreRange) => {
  const have = into.get(ending);
  into.set(ending, have ? { min: Math.min(have.min, r.min), max: Math.max(have.max, r.max), paths: have.paths + r.paths } : { ...r });
};

export function endingRanges(s: Scenario): EndingRanges {
  const map = adjacency(s);
  const stateKey = stateKeyFor(s);
  const keys = Object.keys(map);
  const entry = (k: string): Entry => map[k as keyof Adjacency];
  const steps = (k: string) =>
    Object.values(entry(k).transitions).map((t) => ({ to: stateKey(t.state), gain: t.state.context.points - entry(k).state.context.points }));

  // suffix ranges: from a state, per ending, the points still to earn
  const memo = new Map<string, Map<string, ScoreRange>>();
  const onStack = new Set<string>();
  let cyclic = false;
  const walk = (k: string): Map<string, ScoreRange> => {
    const known = memo.get(k);
    if (known) return known;
    const out = new Map<string, ScoreRange>();
    if (onStack.has(k)) {
      cyclic = true;
      return out;
    }
    if (entry(k).state.status === 'done') out.set(nodeIdOf(entry(k).state), { min: 0, max: 0, paths: 1 });
    else {
      onStack.add(k);
      for (const { to, gain } of steps(k)) for (const [ending, r] of walk(to)) add(out, ending, { min: r.min + gain, max: r.max + gain, paths: r.paths });
      onStack.delete(k);
    }
    memo.set(k, out);
    return out;
  };
  let totals = keys.length ? walk(keys[0]) : new Map<string, ScoreRange>();

  if (cyclic) {
    // memoised results are incomplete around a loop: list the simple paths instead
    totals = new Map();
    const onPath = new Set<string>();
    const dfs = (k: string, points: number) => {
      if (entry(k).state.status === 'done') return add(totals, nodeIdOf(entry(k).state), { min: points, max: points, paths: 1 });
      onPath.add(k);
      for (const { to, gain } of steps(k)) if (!onPath.has(to)) dfs(to, points + gain);
      onPath.delete(k);
    };
    dfs(keys[0], 0);
  }

  const out: EndingRanges = {};
  for (const n of s.nodes) if (n.kind === 'ending') out[n.id] = totals.get(n.id) ?? null;
  return out;
}

/** "2–6", or "4" when every path scores the same. */
export const formatRange = (r: { min: number; max: number }): string => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
