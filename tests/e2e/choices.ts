/** Option texts along a path, played through the engine, so browser tests pick what a learner reads. */
import type { Scenario } from '../../src/lib/course/types';
import { ScenarioRun } from '../../src/lib/engine/run';

export function optionTextsAlong(s: Scenario, path: readonly string[]): string[] {
  const run = new ScenarioRun(s);
  return path.map((o) => {
    run.skipScenes();
    const text = run.options.find((x) => x.id === o)!.text;
    run.choose(o);
    return text;
  });
}
