import { describe, expect, test } from 'vitest';
import { API2004_FUNCTIONS, at, cmiOf, connect, decision, newScorm2004, snapshot, threeDecisions, windowChain, wrap } from './helpers';

function rig(reportFailed = false) {
  const real = newScorm2004();
  const lms = wrap(real, API2004_FUNCTIONS);
  const [top, , frame] = windowChain(3);
  top!.API_1484_11 = lms.api;
  const r = connect(frame!, { reportFailed });
  return { real, lms, ...r };
}

const ISO_DURATION = /^PT(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?$/;

describe('SCORM 2004 face', () => {
  test('start: Initialize, completion_status incomplete, exit suspend', () => {
    const { real, lms, adapter } = rig();
    expect(adapter.start()).toMatchObject({ kind: 'scorm2004', entry: '', suspendData: '' });
    expect(lms.count('Initialize')).toBe(1);
    expect(real.cmi.completion_status).toBe('incomplete');
    expect(lms.setValues('cmi.exit')).toEqual(['suspend']);
    // an empty location is not sent when the LMS holds none (scorm-again refuses '' with 406)
    adapter.save(snapshot({ location: '' }));
    expect(lms.setValues('cmi.location')).toEqual([]);
  });

  test('three decisions: interactions in 2004 vocabulary, raw score as given plus scaled, one commit each', () => {
    const { real, lms, adapter, statuses, time } = rig();
    adapter.start();
    const commitsAtStart = lms.count('Commit');
    const steps = threeDecisions();
    for (const [i, { d, s }] of steps.entries()) {
      adapter.recordDecision(d, s);
      expect(lms.count('Commit')).toBe(commitsAtStart + i + 1);
    }
    const cmi = cmiOf(real);
    expect([0, 1, 2].map((n) => at(cmi, `interactions.${n}.id`))).toEqual(['friend-request.d1', 'friend-request.d2', 'group-post.d1']);
    expect([0, 1, 2].map((n) => at(cmi, `interactions.${n}.result`))).toEqual(['correct', 'incorrect', 'incorrect']);
    expect(lms.calls.some((c) => c.fn === 'SetValue' && c.args[1] === 'wrong')).toBe(false);
    expect(at(cmi, 'interactions.1.learner_response')).toBe('b');
    expect(at(cmi, 'interactions.1.correct_responses.0.pattern')).toBe('a');
    expect(at(cmi, 'interactions.1.correct_responses.1.pattern')).toBe('c');
    expect(at(cmi, 'interactions.1.weighting')).toBe('3');
    expect(at(cmi, 'interactions.0.description')).toBe('A client sends you a friend request. What do you do?');
    for (let n = 0; n < 3; n++) {
      expect(at(cmi, `interactions.${n}.type`)).toBe('choice');
      expect(at(cmi, `interactions.${n}.latency`)).toMatch(ISO_DURATION);
      expect(at(cmi, `interactions.${n}.timestamp`)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    }
    expect(at(cmi, 'interactions.0.latency')).toBe('PT1M5.2S');
    expect(at(cmi, 'interactions.1.latency')).toBe('PT1H2M3.5S');
    expect(at(cmi, 'interactions.2.latency')).toBe('PT0S');
    // id is the first element set for each interaction
    const firstInteractionSet = lms.calls.find((c) => c.fn === 'SetValue' && c.args[0]!.startsWith('cmi.interactions.1.'));
    expect(firstInteractionSet?.args[0]).toBe('cmi.interactions.1.id');

    expect(at(cmi, 'score.raw')).toBe('6');
    expect(at(cmi, 'score.min')).toBe('0');
    expect(at(cmi, 'score.max')).toBe('9');
    expect(Number(at(cmi, 'score.scaled'))).toBeCloseTo(6 / 9, 6);
    expect(at(cmi, 'progress_measure')).toBe('1');
    expect(at(cmi, 'completion_status')).toBe('completed');
    expect(at(cmi, 'success_status')).toBe('failed');
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:ab.gp:c');
    expect(at(cmi, 'location')).toBe('friend-request'); // clearing refused by scorm-again: kept as bookmark
    expect(lms.setValues('cmi.exit').at(-1)).toBe('normal');
    expect(lms.setValues('cmi.success_status')).toEqual(['unknown', 'unknown', 'failed']);
    expect(statuses.every((s) => s.state === 'ok')).toBe(true); // the refused clearing is not the learner's problem

    time.advance(90_000);
    adapter.finish(steps[2]!.s);
    expect(lms.setValues('cmi.session_time')).toEqual(['PT1M30S']);
    expect(lms.count('Terminate')).toBe(1);
    expect(at(cmiOf(real), 'session_time')).toBe('PT1M30S');
  });

  test('unfinished: success_status unknown, exit suspend; passed when completed and passed', () => {
    const { real, lms, adapter } = rig();
    adapter.start();
    adapter.save(snapshot({ completed: false, passed: true, scaled: 0.9 }));
    expect(real.cmi.success_status).toBe('unknown');
    expect(lms.setValues('cmi.exit').at(-1)).toBe('suspend');
    adapter.save(snapshot({ completed: true, passed: true, scaled: 0.9, progress: 1 }));
    expect(real.cmi.success_status).toBe('passed');
    expect(real.cmi.completion_status).toBe('completed');
  });

  test('a long prompt is cut to 250 characters for the description', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.recordDecision(decision({ prompt: 'word '.repeat(100) }), snapshot());
    const description = String(at(cmiOf(real), 'interactions.0.description'));
    expect(Array.from(description)).toHaveLength(250);
    expect(description.endsWith('…')).toBe(true);
  });

  test('a retried decision is journalled at the next index with the same id', () => {
    const { real, adapter } = rig();
    adapter.start();
    adapter.recordDecision(decision({ optionId: 'b', verdict: 'poor' }), snapshot());
    adapter.recordDecision(decision({ optionId: 'a' }), snapshot());
    expect(real.GetValue('cmi.interactions._count')).toBe('2');
    expect(real.GetValue('cmi.interactions.1.id')).toBe('friend-request.d1');
    expect(real.GetValue('cmi.interactions.0.learner_response')).toBe('b');
    expect(real.GetValue('cmi.interactions.1.learner_response')).toBe('a');
  });
});
