/**
 * The size of a save in Moodle's SCORM 2004 player, for the longest record this course can make.
 * Moodle's 2004 player sends every interaction element again with every save, and at "Exit
 * activity" as one navigator.sendBeacon, which Chromium refuses once 64 KB are in flight; its
 * body is multipart form data (src/lib/lms/budget.ts). tests/lms proves the save lands in a real
 * Moodle; this keeps the budget when interactions grow.
 */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../../src/lib/content/check';
import type { Course } from '../../../src/lib/course/types';
import { allPaths } from '../../../src/lib/engine/analysis';
import { recordsOf } from '../../../src/lib/engine/score';
import { BEACON_LIMIT, moodle2004SaveBytes, MOODLE_2004_SAVE_BUDGET, worstRecords } from '../../../src/lib/lms/budget';

const report = checkContent('scenarios');
const course = report.course as Course;

/** The decisions of the longest path through every scenario: the most interactions one attempt records (rule "first"). */
function longestRecord() {
  return course.scenarios.flatMap((s) => recordsOf(s, allPaths(s).reduce((a, b) => (b.length > a.length ? b : a))).records);
}

describe("a SCORM 2004 save in Moodle's player", () => {
  it('stays well under the 64 KB a beacon may carry, with every scenario on its longest path', () => {
    const records = longestRecord();
    const bytes = moodle2004SaveBytes(records);
    expect(records.length).toBeGreaterThan(40);
    expect(bytes, `${records.length} interactions`).toBeLessThanOrEqual(MOODLE_2004_SAVE_BUDGET);
    // the checker's quick bound is a bound: never below the real longest record
    const bound = moodle2004SaveBytes(worstRecords(course.scenarios, (s) => report.analysis[s.id].pathDecisions.max));
    expect(bound).toBeGreaterThanOrEqual(bytes);
    expect(bound).toBeLessThanOrEqual(BEACON_LIMIT);
  });
});
