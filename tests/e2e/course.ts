/** The built course and engine helpers for browser tests (Node side). */
import { readFileSync } from 'node:fs';
import type { Course } from '../../src/lib/course/types';
import { allPaths } from '../../src/lib/engine/analysis';
import { scenarioState } from '../../src/lib/engine/score';
import { ScenarioRun } from '../../src/lib/engine/run';

export const course = JSON.parse(readFileSync('src/lib/generated/course.json', 'utf8')) as Course;
export const scenario = (id: string) => course.scenarios.find((s) => s.id === id)!;
export { allPaths, scenarioState };

/** Option texts along a path, so the browser test clicks what a learner reads. */
export function optionTexts(id: string, path: string[]): string[] {
  const run = new ScenarioRun(scenario(id));
  return path.map((o) => {
    run.skipScenes();
    const text = run.options.find((x) => x.id === o)!.text;
    run.choose(o);
    return text;
  });
}

