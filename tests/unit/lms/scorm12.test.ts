import { describe, expect, test } from 'vitest';
import { attachPageLifecycle } from '../../../src/lib/lms';
import { API12_FUNCTIONS, at, cmiOf, connect, decision, newScorm12, snapshot, threeDecisions, windowChain, wrap } from './helpers';

function rig(load?: Record<string, unknown>) {
  const real = newScorm12();
  if (load) real.loadFromJSON(load);
  const lms = wrap(real, API12_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API = lms.api;
  const r = connect(frame!);
  return { real, lms, ...r };
}

const LATENCY_12 = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;

describe('SCORM 1.2 face', () => {
  test('start: LMSInitialize and the launch data, nothing written', () => {
    const { lms, adapter } = rig();
    const launch = adapter.start();
    expect(adapter.kind).toBe('scorm12');
    expect(launch).toEqual({ kind: 'scorm12', entry: '', location: '', suspendData: '', learnerName: '', learnerId: '', mode: 'normal', readOnly: false });
    expect(lms.count('LMSInitialize')).toBe(1);
    expect(lms.count('LMSSetValue') + lms.count('LMSCommit')).toBe(0);
    expect(adapter.start()).toBe(launch); // idempotent
    expect(lms.count('LMSInitialize')).toBe(1);
  });

  test('start reads what the LMS holds on resume', () => {
    const { adapter } = rig({
      core: { entry: 'resume', lesson_location: 'group-post', student_name: 'Doe, Jo', student_id: 'u42', lesson_status: 'incomplete' },
      suspend_data: 'v1.fr:ab',
    });
    expect(adapter.start()).toMatchObject({ entry: 'resume', location: 'group-post', suspendData: 'v1.fr:ab', learnerName: 'Doe, Jo', learnerId: 'u42', readOnly: false });
  });

  test('the first save: status incomplete, exit suspend, the progress code, one commit; no score part-way', () => {
    const { real, lms, adapter } = rig();
    adapter.start();
    adapter.save(snapshot({ suspendData: '2~1~abc~~x', progress: 0 }));
    expect(real.cmi.core.lesson_status).toBe('incomplete');
    expect(lms.setValues('cmi.core.exit')).toEqual(['suspend']);
    expect(real.cmi.suspend_data).toBe('2~1~abc~~x');
    expect(lms.count('LMSCommit')).toBe(1);
    expect(lms.setValues('cmi.core.score.raw')).toEqual([]);
  });

  test('three decisions: interactions with points, the score once complete, one commit each, nothing set twice', () => {
    const { real, lms, adapter, statuses, time } = rig();
    adapter.start();
    adapter.save(snapshot());
    const steps = threeDecisions();
    for (const [i, { d, s }] of steps.entries()) {
      time.advance(10_000);
      adapter.recordDecisions([d], s);
      expect(lms.count('LMSCommit')).toBe(i + 2);
    }
    const cmi = cmiOf(real);
    expect([0, 1, 2].map((n) => at(cmi, `interactions.${n}.id`))).toEqual(['friend-request.d1', 'friend-request.d2', 'group-post.d1']);
    for (let n = 0; n < 3; n++) {
      expect(at(cmi, `interactions.${n}.type`)).toBe('choice');
      expect(at(cmi, `interactions.${n}.latency`)).toMatch(LATENCY_12);
      expect(at(cmi, `interactions.${n}.time`)).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
    expect(at(cmi, 'interactions.0.student_response')).toBe('a');
    // the points each decision earned, out of the most it could
    expect([0, 1, 2].map((n) => `${at(cmi, `interactions.${n}.result`)}/${at(cmi, `interactions.${n}.weighting`)}`)).toEqual(['3/3', '1/3', '2/3']);
    expect(at(cmi, 'interactions.1.correct_responses.0.pattern')).toBe('a');
    expect(at(cmi, 'interactions.1.correct_responses.1.pattern')).toBe('c');
    expect(lms.setValues('cmi.interactions.0.latency')).toEqual(['0000:01:05.20']);
    expect(lms.setValues('cmi.interactions.1.latency')).toEqual(['0001:02:03.50']);
    expect(lms.calls.some((c) => /SetValue/.test(c.fn) && ['incorrect', 'wrong', 'correct'].includes(c.args[1]!))).toBe(false);

    // the score only once complete: 67% of the course, min 0, max 100; finished below the pass mark: failed
    expect(lms.setValues('cmi.core.score.raw')).toEqual(['67']);
    expect(at(cmi, 'core.score.min')).toBe('0');
    expect(at(cmi, 'core.score.max')).toBe('100');
    expect(lms.setValues('cmi.core.lesson_status')).toEqual(['incomplete', 'failed']);
    expect(lms.setValues('cmi.core.exit')).toEqual(['suspend']); // once: it never changes
    expect(lms.setValues('cmi.core.lesson_location')).toEqual(['home', 'friend-request', 'home']);
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:ab.gp:c');
    // the session time goes with every save
    expect(lms.setValues('cmi.core.session_time')).toEqual(['0000:00:00.00', '0000:00:10.00', '0000:00:20.00', '0000:00:30.00']);
    expect(statuses.every((s) => s.state === 'ok')).toBe(true);

    // finishing: session time, then LMSFinish, which saves: no separate commit
    time.advance(35_200);
    adapter.finish(steps[2]!.s);
    expect(lms.setValues('cmi.core.session_time').at(-1)).toBe('0000:01:05.20');
    expect(lms.count('LMSFinish')).toBe(1);
    expect(lms.calls.at(-1)?.fn).toBe('LMSFinish');
    expect(lms.calls.at(-2)).toMatchObject({ fn: 'LMSSetValue', args: ['cmi.core.session_time', '0000:01:05.20'] });
  });

  test('passed: status passed and the percentage; exit stays suspend so a learner who comes back finds their work', () => {
    const { real, lms, adapter } = rig();
    adapter.start();
    adapter.finish(snapshot({ completed: true, passed: true, percent: 90, progress: 1 }));
    expect(real.cmi.core.lesson_status).toBe('passed');
    expect(lms.setValues('cmi.core.exit')).toEqual(['suspend']);
    expect(at(cmiOf(real), 'core.score.raw')).toBe('90');
  });

  test('review mode: read what is there, write nothing, end the session', () => {
    const { lms, adapter } = rig({ core: { entry: '', lesson_mode: 'review', credit: 'no-credit', lesson_status: 'passed' }, suspend_data: 'code' });
    const launch = adapter.start();
    expect(launch).toMatchObject({ mode: 'review', readOnly: true, suspendData: 'code' });
    adapter.save(snapshot({ suspendData: 'other' }));
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'other' }));
    adapter.checkpoint(snapshot());
    adapter.finish(snapshot());
    expect(lms.count('LMSSetValue') + lms.count('LMSCommit')).toBe(0);
    expect(lms.count('LMSFinish')).toBe(1);
  });

  test('no-credit or browse mode is read-only too', () => {
    expect(rig({ core: { lesson_mode: 'normal', credit: 'no-credit' } }).adapter.start().readOnly).toBe(true);
    expect(rig({ core: { lesson_mode: 'browse', credit: 'credit' } }).adapter.start().readOnly).toBe(true);
  });

  test('a replay that counts is a new interaction with the same id (a journal)', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.recordDecisions([decision({ optionId: 'b', verdict: 'poor', points: 1 })], snapshot());
    adapter.recordDecisions([decision({ optionId: 'a', verdict: 'best' }), decision({ decisionId: 'd2' })], snapshot());
    const cmi = cmiOf(real);
    expect([0, 1, 2].map((n) => `${at(cmi, `interactions.${n}.id`)}=${at(cmi, `interactions.${n}.student_response`)}`)).toEqual([
      'friend-request.d1=b',
      'friend-request.d1=a',
      'friend-request.d2=a',
    ]);
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
    expect(() => adapter.recordDecisions([decision()], snapshot())).not.toThrow();
    expect(lms.count('LMSFinish')).toBe(1);
  });
});
