/**
 * The course as the real-LMS tests play it: which scenarios a package holds, the paths each plan
 * takes, and what the course's own rules say the result must be (from the engine and the built
 * course data, never from the code under test in src/lib/lms).
 */
import type { FrameLocator } from '@playwright/test';
import { courseState, type CourseState } from '../../src/lib/engine/score';
import { playScenario } from '../e2e/scorm/play';
import { course, plan, runnerUpPath, scenario, worstPath } from '../e2e/scorm/plan';

export { course, plan, scenario, worstPath, runnerUpPath };

export const UNIT = 'client-care';

/** The scenario ids of a package, in the order of its home page. */
export const scenariosOf = (pkg: 'full' | 'unit'): string[] =>
  (pkg === 'full' ? course.units : course.units.filter((u) => u.id === UNIT)).flatMap((u) => u.scenarios);

/** The course state the engine gives for these paths, over a package's scenarios. */
export const stateIn = (pkg: 'full' | 'unit', paths: Record<string, string[]>): CourseState => courseState(course, { paths }, scenariosOf(pkg));

/** The course percentage a learner sees (and the gradebook must show). */
export const percentOf = (st: CourseState): number => Math.round(st.score.scaled * 100);

/** Plays each scenario along its path, from the home page and back to it. */
export async function playAll(view: FrameLocator, ids: string[], paths: Record<string, string[]>): Promise<void> {
  for (const id of ids) await playScenario(view, id, paths[id]);
}

/** Only these scenarios of a plan. */
export const pick = (paths: Record<string, string[]>, ids: string[]): Record<string, string[]> => Object.fromEntries(ids.map((id) => [id, paths[id]]));
