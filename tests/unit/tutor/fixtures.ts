/** The real Moodle 5.1 downloads in shared/fixtures/moodle-5.1 and the built course, for the tutor tests. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course } from '../../../src/lib/course/types';

/** shared/ sits beside the repository (a worktree or a CI clone); FIXTURES overrides. */
export const FIXTURES = process.env.MOODLE_FIXTURES ?? [join(process.cwd(), '../shared/fixtures/moodle-5.1'), join(process.cwd(), '../../shared/fixtures/moodle-5.1'), '/work/shared/fixtures/moodle-5.1'].find((d) => existsSync(d))!;
export const haveFixtures = !!FIXTURES && existsSync(join(FIXTURES, 'interactions-scorm12-cohort.txt'));

export const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) });
export const text = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/**
 * The course the fixtures were recorded with (version 1 as it stood when the cohort played it in
 * Moodle), frozen as built JSON: the content keeps changing, the recorded choices do not, so the
 * figures these tests check are computed against the course the learners actually met.
 */
export const RECORDED_COURSE = 'tests/fixtures/tutor/course-recorded.json';
let cached: Course | undefined;
export function course(): Course {
  return (cached ??= JSON.parse(readFileSync(RECORDED_COURSE, 'utf8')) as Course);
}

/** The 1.2 cohort as the fixture README describes it: learner → interaction records (played, in order). */
export function cohortRows(): Map<string, { id: string; response: string }[]> {
  const lines = text('interactions-scorm12-cohort.txt').trimEnd().split('\n');
  const out = new Map<string, { id: string; response: string }[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split('\t').map((c) => c.replace(/^"(.*)"$/, '$1'));
    const recs: { id: string; response: string }[] = [];
    for (let i = 7; i + 1 < cells.length; i += 4) if (cells[i]) recs.push({ id: cells[i], response: cells[i + 1] });
    out.set(cells[0], recs);
  }
  return out;
}
