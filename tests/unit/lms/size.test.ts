/**
 * The size of a save in Moodle's SCORM 2004 player, for the longest record this course can make.
 * Moodle's 2004 player sends every interaction element again with every save, and at "Exit
 * activity" as one navigator.sendBeacon, which Chromium refuses once 64 KB are in flight; its
 * body is multipart form data (about 90 bytes of framing per element, plus the element's name in
 * Moodle's "cmi__interactions__N__id" form, plus the value). tests/lms proves the save lands in a
 * real Moodle; this keeps the budget when interactions grow.
 */
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../../src/lib/content/check';
import type { Course } from '../../../src/lib/course/types';
import { allPaths } from '../../../src/lib/engine/analysis';
import { recordsOf } from '../../../src/lib/engine/score';
import { dialects } from '../../../src/lib/lms/cmi';
import { snapshot } from './helpers';

const report = checkContent('scenarios');
const course = report.course as Course;

/** Bytes of one element in Chromium's multipart body: boundary line, Content-Disposition with the name, blank line, value, CRLF. */
const part = (name: string, value: string): number => 44 + `Content-Disposition: form-data; name="${name}"`.length + 4 + new TextEncoder().encode(value).length + 2;
const moodleName = (element: string): string => element.replace(/\./g, '__');

/** The decisions of the longest path through every scenario: the most interactions one attempt records (rule "first"). */
function longestRecord() {
  return course.scenarios.flatMap((s) => recordsOf(s, allPaths(s).reduce((a, b) => (b.length > a.length ? b : a))).records);
}

describe("a SCORM 2004 save in Moodle's player", () => {
  it('stays well under the 64 KB a beacon may carry, with every scenario on its longest path', () => {
    const records = longestRecord();
    const at = new Date(2026, 11, 1, 9, 0, 0);
    let bytes = 0;
    records.forEach((d, n) => {
      for (const [el, v] of dialects.scorm2004.interaction(n, d, at)) bytes += part(moodleName(el), v);
    });
    const done = snapshot({ completed: true, passed: true, percent: 100, progress: 1, location: 'research-data', suspendData: 'x'.repeat(1000) });
    for (const [el, v] of [...dialects.scorm2004.snapshot(done), dialects.scorm2004.sessionTime(3_600_000)]) bytes += part(moodleName(el), v);
    // what Moodle adds: total time, the navigation request, its own "unloading" field
    bytes += part('cmi__total_time', 'PT10H0M0S') + part('adl__nav__request', '_none_') + part('unloading', '1');
    expect(records.length).toBeGreaterThan(40);
    expect(bytes, `${records.length} interactions`).toBeLessThanOrEqual(48 * 1024);
  });
});
