import { describe, expect, test } from 'vitest';
import { API2004_FUNCTIONS, at, cmiOf, connect, decision, newScorm2004, snapshot, threeDecisions, windowChain, wrap } from './helpers';

function rig(load?: Record<string, unknown>) {
  const real = newScorm2004();
  if (load) real.loadFromJSON(load);
  const lms = wrap(real, API2004_FUNCTIONS);
  const [top, , frame] = windowChain(3);
  top!.API_1484_11 = lms.api;
  const r = connect(frame!);
  return { real, lms, ...r };
}

describe('SCORM 2004 face', () => {
  test('start writes nothing; the first save: completion incomplete, success unknown, exit suspend, no score', () => {
    const { real, lms, adapter } = rig();
    expect(adapter.start()).toMatchObject({ kind: 'scorm2004', entry: '', suspendData: '', mode: 'normal', readOnly: false });
    expect(lms.count('SetValue')).toBe(0);
    adapter.save(snapshot({ progress: 0 }));
    expect(real.cmi.completion_status).toBe('incomplete');
    expect(real.cmi.success_status).toBe('unknown');
    expect(lms.setValues('cmi.exit')).toEqual(['suspend']);
    expect(lms.calls.filter((c) => c.fn === 'SetValue' && c.args[0]!.startsWith('cmi.score.'))).toEqual([]);
  });

  test('three decisions: six elements each with the points, the percentage once complete, one commit each', () => {
    const { real, lms, adapter, statuses, time } = rig();
    adapter.start();
    adapter.save(snapshot());
    const steps = threeDecisions();
    for (const [i, { d, s }] of steps.entries()) {
      adapter.recordDecisions([d], s);
      expect(lms.count('Commit')).toBe(i + 2);
    }
    const cmi = cmiOf(real);
    expect([0, 1, 2].map((n) => at(cmi, `interactions.${n}.id`))).toEqual(['friend-request.d1', 'friend-request.d2', 'group-post.d1']);
    expect([0, 1, 2].map((n) => `${at(cmi, `interactions.${n}.result`)}/${at(cmi, `interactions.${n}.weighting`)}`)).toEqual(['3/3', '1/3', '2/3']);
    expect(at(cmi, 'interactions.1.learner_response')).toBe('b');
    for (let n = 0; n < 3; n++) {
      expect(at(cmi, `interactions.${n}.type`)).toBe('choice');
      expect(at(cmi, `interactions.${n}.timestamp`)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    }
    // kept small: Moodle's 2004 player sends every interaction element again with every save
    const elements = new Set(lms.calls.filter((c) => c.fn === 'SetValue' && c.args[0]!.startsWith('cmi.interactions.1.')).map((c) => c.args[0]!.slice(19)));
    expect([...elements].sort()).toEqual(['id', 'learner_response', 'result', 'timestamp', 'type', 'weighting']);
    // id is the first element set for each interaction
    const firstInteractionSet = lms.calls.find((c) => c.fn === 'SetValue' && c.args[0]!.startsWith('cmi.interactions.1.'));
    expect(firstInteractionSet?.args[0]).toBe('cmi.interactions.1.id');

    // the score is the course percentage, and only once complete (Moodle grades from raw out of 100)
    expect(lms.setValues('cmi.score.raw')).toEqual(['67']);
    expect(at(cmi, 'score.min')).toBe('0');
    expect(at(cmi, 'score.max')).toBe('100');
    expect(at(cmi, 'score.scaled')).toBe('0.67');
    expect(at(cmi, 'progress_measure')).toBe('1');
    expect(at(cmi, 'completion_status')).toBe('completed');
    expect(lms.setValues('cmi.success_status')).toEqual(['unknown', 'failed']);
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:ab.gp:c');
    expect(at(cmi, 'location')).toBe('home');
    expect(lms.setValues('cmi.exit')).toEqual(['suspend']);
    expect(statuses.every((s) => s.state === 'ok')).toBe(true);

    time.advance(90_000);
    adapter.finish(steps[2]!.s);
    expect(lms.setValues('cmi.session_time').at(-1)).toBe('PT1M30S');
    expect(lms.count('Terminate')).toBe(1);
    expect(lms.calls.slice(-2).map((c) => c.fn)).toEqual(['SetValue', 'Terminate']); // Terminate saves: no Commit before it
    expect(at(cmiOf(real), 'session_time')).toBe('PT1M30S');
  });

  test('passed when completed and passed: scaled is raw / 100', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.save(snapshot({ completed: false, passed: false, percent: 88 }));
    expect(real.cmi.success_status).toBe('unknown');
    expect(real.cmi.score.raw).toBe('');
    adapter.save(snapshot({ completed: true, passed: true, percent: 79, progress: 1 }));
    expect(real.cmi.success_status).toBe('passed');
    expect(real.cmi.completion_status).toBe('completed');
    expect([real.cmi.score.raw, real.cmi.score.scaled]).toEqual(['79', '0.79']);
  });

  test('review mode (a finished attempt reopened): read what is there, write nothing, end the session', () => {
    const { lms, adapter } = rig({ mode: 'review', credit: 'no-credit', entry: 'resume', suspend_data: 'code', completion_status: 'completed' });
    expect(adapter.start()).toMatchObject({ mode: 'review', readOnly: true, suspendData: 'code' });
    adapter.save(snapshot());
    adapter.recordDecisions([decision()], snapshot());
    adapter.checkpoint(snapshot());
    adapter.finish(snapshot());
    expect(lms.count('SetValue') + lms.count('Commit')).toBe(0);
    expect(lms.count('Terminate')).toBe(1);
  });

  test('a replay that counts is journalled at the next index with the same id', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.recordDecisions([decision({ optionId: 'b', verdict: 'poor', points: 1 })], snapshot());
    adapter.recordDecisions([decision({ optionId: 'a' })], snapshot());
    expect(real.GetValue('cmi.interactions._count')).toBe('2');
    expect(real.GetValue('cmi.interactions.1.id')).toBe('friend-request.d1');
    expect(real.GetValue('cmi.interactions.0.learner_response')).toBe('b');
    expect(real.GetValue('cmi.interactions.1.learner_response')).toBe('a');
  });
});
