/** What each SCORM version is told about the score, before and after the course is complete. */
import { describe, expect, it } from 'vitest';
import { dialects } from '../../../src/lib/lms/cmi';
import type { LmsSnapshot } from '../../../src/lib/lms/types';

const snap = (over: Partial<LmsSnapshot>): LmsSnapshot => ({
  scoreRaw: 20, scoreMin: 10, scoreMax: 60, scaled: 0.2, completed: false, passed: false, progress: 0.25, location: 'x', suspendData: '1~1~~abc', ...over,
});
const el = (pairs: readonly (readonly [string, string])[]) => Object.fromEntries(pairs);

describe('score reporting', () => {
  it('SCORM 2004 sends score.scaled only once complete, so the LMS cannot judge a part-way score as failed', () => {
    const mid = el(dialects.scorm2004.snapshot(snap({}), false));
    expect(mid).not.toHaveProperty('cmi.score.scaled');
    expect(mid['cmi.success_status']).toBe('unknown');
    expect(mid['cmi.score.raw']).toBe('20');
    const done = el(dialects.scorm2004.snapshot(snap({ completed: true, passed: true, scaled: 0.9 }), false));
    expect(done['cmi.score.scaled']).toBe('0.9');
    expect(done['cmi.success_status']).toBe('passed');
  });
  it('SCORM 1.2 never says failed below the pass mark unless the course opts in', () => {
    const below = el(dialects.scorm12.snapshot(snap({ completed: true, passed: false, scaled: 0.5 }), false));
    expect(below['cmi.core.lesson_status']).toBe('incomplete');
  });
});
