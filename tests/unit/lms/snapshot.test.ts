/** What each SCORM version is told about the score and status, before and after the course is complete. */
import { describe, expect, it } from 'vitest';
import { dialects, readOnlyLaunch } from '../../../src/lib/lms/cmi';
import type { LmsSnapshot } from '../../../src/lib/lms/types';

const snap = (over: Partial<LmsSnapshot>): LmsSnapshot => ({ percent: 41, completed: false, passed: false, progress: 0.25, location: 'x', suspendData: '2~1~0~~abc', ...over });
const el = (pairs: readonly (readonly [string, string])[]) => Object.fromEntries(pairs);

describe('score and status', () => {
  it('no score part-way in either version: the gradebook shows nothing until it means something', () => {
    for (const d of [dialects.scorm12, dialects.scorm2004]) {
      const mid = el(d.snapshot(snap({})));
      expect(Object.keys(mid).filter((k) => k.includes('score')), d.version).toEqual([]);
    }
    expect(el(dialects.scorm12.snapshot(snap({})))['cmi.core.lesson_status']).toBe('incomplete');
    expect(el(dialects.scorm2004.snapshot(snap({})))['cmi.success_status']).toBe('unknown');
  });
  it('complete: the percentage out of 100 in both; 2004 scaled = raw / 100', () => {
    const done = snap({ completed: true, passed: true, percent: 79, progress: 1 });
    expect(el(dialects.scorm12.snapshot(done))).toMatchObject({ 'cmi.core.score.raw': '79', 'cmi.core.score.min': '0', 'cmi.core.score.max': '100', 'cmi.core.lesson_status': 'passed' });
    expect(el(dialects.scorm2004.snapshot(done))).toMatchObject({
      'cmi.score.raw': '79',
      'cmi.score.min': '0',
      'cmi.score.max': '100',
      'cmi.score.scaled': '0.79',
      'cmi.completion_status': 'completed',
      'cmi.success_status': 'passed',
    });
  });
  it('finished below the pass mark: failed in 1.2, completed and failed in 2004 (never part-way)', () => {
    const below = snap({ completed: true, passed: false, percent: 55, progress: 1 });
    expect(el(dialects.scorm12.snapshot(below))['cmi.core.lesson_status']).toBe('failed');
    expect(el(dialects.scorm2004.snapshot(below))).toMatchObject({ 'cmi.completion_status': 'completed', 'cmi.success_status': 'failed' });
  });
  it('exit is suspend whatever the state, so a learner who comes back finds their work', () => {
    for (const s of [snap({}), snap({ completed: true, passed: true, percent: 100, progress: 1 })]) {
      expect(el(dialects.scorm12.snapshot(s))['cmi.core.exit']).toBe('suspend');
      expect(el(dialects.scorm2004.snapshot(s))['cmi.exit']).toBe('suspend');
    }
  });
  it('read-only launches: review, browse, no-credit', () => {
    expect(readOnlyLaunch('normal', 'credit')).toBe(false);
    expect(readOnlyLaunch('', '')).toBe(false);
    expect(readOnlyLaunch('review', 'no-credit')).toBe(true);
    expect(readOnlyLaunch('browse', 'no-credit')).toBe(true);
    expect(readOnlyLaunch('normal', 'no-credit')).toBe(true);
  });
});
