/**
 * Node side of the SCORM browser tests: which path to play in each scenario, what the learner
 * sees along it, and what the LMS should hold afterwards, all from the engine and course data.
 */
import type { DecisionRecord, Scenario } from '../../../src/lib/course/types';
import { courseState, scenarioState, type CourseState } from '../../../src/lib/engine/score';
import { ScenarioRun } from '../../../src/lib/engine/run';
import { allPaths, course, scenario } from '../course';

export { course, scenario };

/** Every scenario of the course, in unit order (the order of the home page). */
export const scenarioOrder: string[] = course.units.flatMap((u) => u.scenarios).filter((id) => course.scenarios.some((s) => s.id === id));

const rawOf = (s: Scenario, path: string[]): number => scenarioState(s, path).score.raw;
const bestOf = (s: Scenario): string[] => s.bestPath ?? [];

/** The highest-scoring path that is not the best path (another way through, still good). */
export function runnerUpPath(s: Scenario): string[] {
  const best = bestOf(s).join('.');
  const others = allPaths(s).filter((p) => p.join('.') !== best);
  return others.reduce((a, b) => (rawOf(s, b) > rawOf(s, a) ? b : a), others[0] ?? bestOf(s));
}

/** The lowest-scoring path (ties: the longest, so more decisions are recorded). */
export function worstPath(s: Scenario): string[] {
  return allPaths(s).reduce((a, b) => {
    const d = rawOf(s, b) - rawOf(s, a);
    return d < 0 || (d === 0 && b.length > a.length) ? b : a;
  });
}

export type PlanName = 'mostly-best' | 'mostly-poor';

/**
 * A path for every scenario. "mostly-best": the best path, but another good one in every third
 * scenario; "mostly-poor": the worst path, but the best one in every fourth. The first should
 * pass the course and the second not (checked by the specs against the course's own rules).
 */
export function plan(name: PlanName): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  scenarioOrder.forEach((id, i) => {
    const s = scenario(id);
    if (name === 'mostly-best') paths[id] = i % 3 === 1 ? runnerUpPath(s) : bestOf(s);
    else paths[id] = i % 4 === 0 ? bestOf(s) : worstPath(s);
  });
  return paths;
}

export const stateOf = (paths: Record<string, string[]>): CourseState => courseState(course, { paths });

/** One thing the learner meets along a path, in order. */
export type Step =
  | { kind: 'scene' }
  | { kind: 'decision'; decisionId: string; optionId: string; optionText: string }
  | { kind: 'ending'; outcome: string };

/**
 * What the player shows along `path` from where `from` choices left it (a resumed run starts
 * at the node after its saved choices): scenes, decisions with the option to pick, the ending.
 */
export function stepsOf(id: string, path: string[], from = 0): Step[] {
  const run = new ScenarioRun(scenario(id), () => 0);
  for (const o of path.slice(0, from)) {
    run.skipScenes();
    run.choose(o);
  }
  const steps: Step[] = [];
  for (let i = from; ; ) {
    const node = run.node;
    if (node.kind === 'scene') {
      steps.push({ kind: 'scene' });
      run.next();
    } else if (node.kind === 'decision') {
      if (i >= path.length) return steps; // stops before this decision
      const option = run.options.find((o) => o.id === path[i])!;
      steps.push({ kind: 'decision', decisionId: node.id, optionId: option.id, optionText: option.text });
      run.choose(path[i++]);
    } else {
      steps.push({ kind: 'ending', outcome: node.outcome });
      return steps;
    }
  }
}

/** The decision records the engine makes along a path (what the adapter is handed). */
export function recordsOf(id: string, path: string[]): DecisionRecord[] {
  return scenarioState(scenario(id), path).records;
}
