/**
 * The course JSON the app imports, from a check that passed: each scenario gets its score range,
 * strongest path and path lengths (from the state analysis), and loses its source file name.
 * Shared by scripts/build-content.ts (npm run build) and the dev server's live preview (vite-plugin.ts).
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Course } from '../course/types';
import type { CheckReport } from './check';
import { drawPortrait } from '../portraits/draw';
import { learnerMap } from '../map/learner';
import { readingMinutes } from '../cpd/time';

export const DEFAULT_COURSE_JSON = 'src/lib/generated/course.json';

export function courseJson(r: CheckReport): Course {
  if (!r.course || r.errors.length) throw new Error('only a course with no error is built');
  const course: Course = structuredClone(r.course);
  for (const s of course.scenarios) {
    const a = r.analysis[s.id];
    s.score = { min: a.min, max: a.max };
    s.bestPath = a.bestPath;
    s.pathDecisions = a.pathDecisions;
    delete s.file;
  }
  return course;
}

/**
 * What the player adds to each scenario at build time: portraits drawn once per person (they travel
 * with their scenario), the measured reading time, and the learner's branch map (laid out here so
 * elkjs never reaches the learner).
 */
export async function forPlayer(course: Course): Promise<Course> {
  for (const s of course.scenarios) {
    for (const p of s.people ?? []) p.svg = drawPortrait(p.portrait);
    s.readMinutes = readingMinutes(s);
    s.map = await learnerMap(s);
  }
  return course;
}

/** Writes the course JSON; returns false when the file already held exactly this. */
export function writeCourseJson(course: Course, out: string): boolean {
  const text = JSON.stringify(course);
  if (existsSync(out) && readFileSync(out, 'utf8') === text) return false;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  return true;
}
