/**
 * What the learner has seen so far in the current scenario, rebuilt from the path with the engine:
 * the scenes passed and each decision with the option chosen. The player uses it to step back
 * (read-only) and to keep the situation in view at a decision.
 */
import type { Artefact, DecisionNode, Option, Scenario, SceneNode } from '$lib/course/types';
import { ScenarioRun } from '$lib/engine/run';

export type PastStep =
  | { kind: 'scene'; node: SceneNode }
  | { kind: 'decision'; node: DecisionNode; offered: Option[]; option: Option; points: number; maxPoints: number };

/**
 * Steps before the current one: every decision on the path and the scenes before it, then the
 * scenes after the last decision up to `current` (null while that decision's feedback is showing).
 */
export function stepsSoFar(s: Scenario, path: readonly string[], current: string | null): PastStep[] {
  const run = new ScenarioRun(s, () => 0);
  const out: PastStep[] = [];
  const scenesUntil = (stop: string | null) => {
    while (run.node.kind === 'scene' && run.node.id !== stop) {
      out.push({ kind: 'scene', node: run.node });
      run.next();
    }
  };
  for (const optionId of path) {
    scenesUntil(null);
    const node = run.node;
    if (node.kind !== 'decision') break;
    const offered = run.options;
    const option = offered.find((o) => o.id === optionId);
    if (!option) break;
    const r = run.choose(optionId);
    out.push({ kind: 'decision', node, offered, option, points: r.points, maxPoints: r.maxPoints });
  }
  if (current !== null) scenesUntil(current);
  return out;
}

/**
 * The situation at a decision: the scenes since the previous decision (the key facts) and the
 * latest thing seen on screen, a scene's artefact or the last consequence's, unless the decision
 * shows its own.
 */
export function situationAt(steps: PastStep[], node: DecisionNode): { scenes: SceneNode[]; artefact?: Artefact; lastConsequence?: Option } {
  const lastDecision = steps.findLastIndex((s) => s.kind === 'decision');
  const scenes = steps.slice(lastDecision + 1).flatMap((s) => (s.kind === 'scene' ? [s.node] : []));
  let artefact = node.artefact;
  for (let i = steps.length - 1; !artefact && i >= 0; i--) {
    const s = steps[i];
    artefact = s.kind === 'scene' ? s.node.artefact : s.option.artefact;
  }
  const prev = steps[lastDecision];
  return { scenes, artefact, lastConsequence: prev?.kind === 'decision' ? prev.option : undefined };
}
