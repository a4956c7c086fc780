import type { Scenario } from '$lib/course/types';
import { ScenarioRun } from '$lib/engine/run';

/** Labels for the branch view: decisions 1, 2, 3… and endings A, B… in the map's order. */
export function learnerLabels(s: Scenario): Map<string, string> {
  const out = new Map<string, string>();
  let d = 0;
  let e = 0;
  for (const n of s.map?.nodes ?? []) {
    const kind = s.nodes.find((x) => x.id === n.id)?.kind;
    out.set(n.id, kind === 'ending' ? String.fromCharCode(65 + e++) : String(++d));
  }
  return out;
}

/** The decisions and the ending a finished path went through, in order. */
export function visitedAlong(s: Scenario, path: readonly string[]): string[] {
  const run = new ScenarioRun(s, () => 0);
  const out: string[] = [];
  for (const o of path) {
    run.skipScenes();
    out.push(run.node.id);
    run.choose(o);
  }
  run.skipScenes();
  out.push(run.node.id);
  return out;
}
