/** The built course and engine helpers for browser tests (Node side). */
import { readFileSync } from 'node:fs';
import type { Course } from '../../src/lib/course/types';
import { allPaths } from '../../src/lib/engine/analysis';
import { scenarioState } from '../../src/lib/engine/score';
import { optionTextsAlong } from './choices';

export const course = JSON.parse(readFileSync('src/lib/generated/course.json', 'utf8')) as Course;
export const scenario = (id: string) => course.scenarios.find((s) => s.id === id)!;
export { allPaths, scenarioState };

/** Option texts along a path, so the browser test clicks what a learner reads. */
export const optionTexts = (id: string, path: string[]): string[] => optionTextsAlong(scenario(id), path);

