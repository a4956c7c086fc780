import { describe, expect, test } from 'vitest';
import { attachPageLifecycle } from '../../../src/lib/lms';
import { API12_FUNCTIONS, at, cmiOf, connect, decision, newScorm12, snapshot, threeDecisions, windowChain, wrap } from './helpers';

function rig(reportFailed = false) {
  const real = newScorm12();
  const lms = wrap(real, API12_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API = lms.api;
  const r = connect(frame!, { reportFailed });
  return { real, lms, ...r };
}

const LATENCY_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;

describe('SCORM 1.2 face', () => {
  test('start: LMSInitialize, launch data, status incomplete on first launch', () => {
    const { real, lms, adapter } = rig();
    const launch = adapter.start();
    expect(adapter.kind).toBe('scorm12');
    expect(launch).toEqual({ kind: 'scorm12', entry: '', location: '', suspendData: '', learnerName: '', learnerId: '' });
    expect(lms.count('LMSInitialize')).toBe(1);
    expect(real.cmi.core.lesson_status).toBe('incomplete');
    expect(adapter.start()).toBe(launch); // idempotent
    expect(lms.count('LMSInitialize')).toBe(1);
  });

  test('start reads what the LMS holds on resume', () => {
    const real = newScorm12();
    real.loadFromJSON({
      core: { entry: 'resume', lesson_location: 'group-post', student_name: 'Doe, Jo', student_id: 'u42', lesson_status: 'incomplete' },
      suspend_data: 'v1.fr:ab',
    });
    const lms = wrap(real, API12_FUNCTIONS);
    const [top, frame] = windowChain(2);
    top!.API = lms.api;
    const { adapter } = connect(frame!);
    expect(adapter.start()).toEqual({
      kind: 'scorm12',
      entry: 'resume',
      location: 'group-post',
      suspendData: 'v1.fr:ab',
      learnerName: 'Doe, Jo',
      learnerId: 'u42',
    });
    expect(lms.setValues('cmi.core.lesson_status')).toEqual([]); // not reset to incomplete
  });

  test('three decisions: interactions, score as a percentage, status, location, suspend_data, one commit each', () => {
    const { real, lms, adapter, statuses, time } = rig();
    adapter.start();
    const commitsAtStart = lms.count('LMSCommit');
    const steps = threeDecisions();
    for (const [i, { d, s }] of steps.entries()) {
      adapter.recordDecision(d, s);
      expect(lms.count('LMSCommit')).toBe(commitsAtStart + i + 1);
    }
    const cmi = cmiOf(real);
    expect(at(cmi, 'interactions.0.id')).toBe('friend-request.d1');
    expect(at(cmi, 'interactions.1.id')).toBe('friend-request.d2');
    expect(at(cmi, 'interactions.2.id')).toBe('group-post.d1');
    for (let n = 0; n < 3; n++) {
      expect(at(cmi, `interactions.${n}.type`)).toBe('choice');
      expect(at(cmi, `interactions.${n}.id`)).toMatch(/^[A-Za-z0-9.-]+$/);
      expect(at(cmi, `interactions.${n}.latency`)).toMatch(LATENCY_12);
      expect(at(cmi, `interactions.${n}.time`)).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
    expect(at(cmi, 'interactions.0.student_response')).toBe('a');
    expect(at(cmi, 'interactions.0.result')).toBe('correct');
    expect(at(cmi, 'interactions.1.result')).toBe('wrong');
    expect(at(cmi, 'interactions.2.result')).toBe('wrong');
    expect(at(cmi, 'interactions.1.correct_responses.0.pattern')).toBe('a');
    expect(at(cmi, 'interactions.1.correct_responses.1.pattern')).toBe('c');
    expect(at(cmi, 'interactions.1.weighting')).toBe('3');
    // exactly what was sent, before scorm-again normalises it
    expect(lms.setValues('cmi.interactions.0.latency')).toEqual(['0000:01:05.20']);
    expect(lms.setValues('cmi.interactions.1.latency')).toEqual(['0001:02:03.50']);
    expect(lms.setValues('cmi.interactions.0.result')).toEqual(['correct']);
    expect(lms.calls.some((c) => /SetValue/.test(c.fn) && c.args[1] === 'incorrect')).toBe(false);

    // 6 of 9 points: 1.2 gets the percentage (67), min 0, max 100
    expect(at(cmi, 'core.score.raw')).toBe('67');
    expect(at(cmi, 'core.score.min')).toBe('0');
    expect(at(cmi, 'core.score.max')).toBe('100');
    // completed but not passed, reportFailed off: incomplete (a retry stays open), still suspended
    expect(at(cmi, 'core.lesson_status')).toBe('incomplete');
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:ab.gp:c');
    expect(lms.setValues('cmi.core.lesson_location')).toEqual(['friend-request', 'friend-request', '']);
    expect(lms.setValues('cmi.core.exit').at(-1)).toBe('suspend');
    expect(statuses.every((s) => s.state === 'ok')).toBe(true);

    // finishing: session time from start() on the injected clock, exit, commit, LMSFinish
    time.advance(65_200);
    adapter.finish(steps[2]!.s);
    expect(lms.setValues('cmi.core.session_time')).toEqual(['0000:01:05.20']);
    expect(lms.count('LMSFinish')).toBe(1);
    const finishIndex = lms.calls.findIndex((c) => c.fn === 'LMSFinish');
    expect(lms.calls[finishIndex - 1]?.fn).toBe('LMSCommit');
  });

  test("'failed' is never sent unless reportFailed; passed is", () => {
    const failedSnapshot = snapshot({ completed: true, passed: false, scaled: 0.4, progress: 1 });
    const quiet = rig(false);
    quiet.adapter.start();
    quiet.adapter.recordDecision(decision({ verdict: 'harmful' }), failedSnapshot);
    quiet.adapter.save(failedSnapshot);
    quiet.adapter.finish(failedSnapshot);
    expect(quiet.lms.calls.filter((c) => /SetValue/.test(c.fn) && c.args[1] === 'failed')).toEqual([]);
    expect(quiet.real.cmi.core.lesson_status).toBe('incomplete');

    const loud = rig(true);
    loud.adapter.start();
    loud.adapter.save(failedSnapshot);
    expect(loud.real.cmi.core.lesson_status).toBe('failed');
    expect(loud.lms.setValues('cmi.core.exit').at(-1)).toBe('');

    const pass = rig(false);
    pass.adapter.start();
    pass.adapter.finish(snapshot({ completed: true, passed: true, scaled: 0.9, progress: 1 }));
    expect(pass.real.cmi.core.lesson_status).toBe('passed');
    expect(pass.lms.setValues('cmi.core.exit').at(-1)).toBe('');
    expect(at(cmiOf(pass.real), 'core.score.raw')).toBe('90');
  });

  test('a retried scenario writes a new interaction with the same id (a journal)', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.recordDecision(decision({ optionId: 'b', verdict: 'poor' }), snapshot());
    adapter.recordDecision(decision({ optionId: 'a', verdict: 'best' }), snapshot());
    const cmi = cmiOf(real);
    expect(at(cmi, 'interactions.0.id')).toBe('friend-request.d1');
    expect(at(cmi, 'interactions.1.id')).toBe('friend-request.d1');
    expect(at(cmi, 'interactions.0.student_response')).toBe('b');
    expect(at(cmi, 'interactions.1.student_response')).toBe('a');
    expect(real.cmi.interactions.childArray.length).toBe(2);
  });

  test('LMSFinish exactly once: finish twice, then pagehide', () => {
    const { lms, adapter } = rig();
    adapter.start();
    const listeners = new Map<string, () => void>();
    const win = {
      addEventListener: (t: string, f: () => void) => void listeners.set(t, f),
      removeEventListener: (t: string) => void listeners.delete(t),
    };
    attachPageLifecycle(adapter, win, () => snapshot({ suspendData: 'late' }));
    adapter.finish(snapshot());
    adapter.finish(snapshot());
    listeners.get('pagehide')?.();
    listeners.get('pagehide')?.();
    expect(lms.count('LMSFinish')).toBe(1);
    // saves after the end reach no LMS and throw nothing
    expect(() => adapter.recordDecision(decision(), snapshot())).not.toThrow();
    expect(lms.count('LMSFinish')).toBe(1);
  });
});
