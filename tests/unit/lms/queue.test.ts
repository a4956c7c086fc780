/**
 * Saves off the interaction path (issue 11 §3.3): recordDecisions returns before the LMS is
 * called, the LMS is then called once per task, work queued while it is busy goes out together,
 * and the final save drains what is left into one Terminate. Also: standing down for another
 * window, and the device copy that outlives a damaged LMS copy.
 */
import { describe, expect, test } from 'vitest';
import { claimAttempt, type TabChannel } from '../../../src/lib/lms/tabs';
import { API12_FUNCTIONS, API2004_FUNCTIONS, connect, decision, newScorm12, newScorm2004, snapshot, threeDecisions, windowChain, wrap } from './helpers';

/** A hand-run task queue: the test runs the deferred LMS calls one task at a time. */
function tasks() {
  const queue: (() => void)[] = [];
  return {
    defer: (fn: () => void) => void queue.push(fn),
    /** runs one task; returns false when there was none */
    step: () => {
      const fn = queue.shift();
      fn?.();
      return fn !== undefined;
    },
    drain: () => {
      let n = 0;
      while (queue.length) (queue.shift()!(), n++);
      return n;
    },
    size: () => queue.length,
  };
}

function rig2004() {
  const t = tasks();
  const real = newScorm2004();
  const lms = wrap(real, API2004_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API_1484_11 = lms.api;
  return { t, real, lms, ...connect(frame!, { defer: t.defer }) };
}

describe('the save queue', () => {
  test('a decision returns before any LMS call; then one call per task, ending with one commit', () => {
    const { t, lms, adapter } = rig2004();
    adapter.start();
    const before = lms.calls.length;
    const [one] = threeDecisions();
    adapter.recordDecisions([one!.d], one!.s);
    expect(lms.calls.length).toBe(before); // nothing yet: the page goes on at once
    let tasksRun = 0;
    while (t.step()) {
      tasksRun++;
      // each task makes at most one call to the LMS
      expect(lms.calls.filter((c) => !/GetLastError|GetErrorString/.test(c.fn)).length - before).toBeLessThanOrEqual(tasksRun);
    }
    const calls = lms.calls.slice(before).map((c) => c.fn);
    expect(calls.at(-1)).toBe('Commit');
    expect(calls.filter((c) => c === 'Commit')).toHaveLength(1);
    // few calls: six for the interaction, the snapshot's elements, the session time, one commit
    expect(calls.length).toBeLessThanOrEqual(6 + 7 + 1 + 1);
  });

  test('decisions made while the LMS is busy go out together with one commit, in order', () => {
    const { t, real, lms, adapter } = rig2004();
    adapter.start();
    const steps = threeDecisions();
    adapter.recordDecisions([steps[0]!.d], steps[0]!.s);
    t.step(); // the first call of the first save
    adapter.recordDecisions([steps[1]!.d], steps[1]!.s);
    adapter.recordDecisions([steps[2]!.d], steps[2]!.s);
    t.drain();
    expect(lms.count('Commit')).toBe(2);
    expect([0, 1, 2].map((n) => real.GetValue(`cmi.interactions.${n}.id`))).toEqual(['friend-request.d1', 'friend-request.d2', 'group-post.d1']);
    // the second save sent only the newest snapshot
    expect(lms.setValues('cmi.suspend_data')).toEqual(['v1.fr:a', 'v1.fr:ab.gp:c']);
  });

  test('finish drains what is queued into the one final save: no commit, then Terminate', () => {
    const { t, real, lms, adapter } = rig2004();
    adapter.start();
    const [one, two] = threeDecisions();
    adapter.recordDecisions([one!.d], one!.s);
    t.step();
    t.step();
    adapter.recordDecisions([two!.d], two!.s);
    adapter.finish(two!.s);
    expect(lms.count('Commit')).toBe(0);
    expect(lms.calls.at(-1)?.fn).toBe('Terminate');
    expect(real.cmi.interactions.childArray.map((i) => (i as unknown as { id: string }).id)).toEqual(['friend-request.d1', 'friend-request.d2']);
    expect(real.cmi.suspend_data).toBe('v1.fr:ab');
    expect(t.drain()).toBeGreaterThanOrEqual(0);
    expect(lms.calls.at(-1)?.fn).toBe('Terminate'); // nothing after it
  });

  test('standing down: queued work is dropped, nothing more is written, and the session is not ended from here', () => {
    const { t, lms, adapter } = rig2004();
    adapter.start();
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'mine' }));
    adapter.standDown();
    t.drain();
    adapter.save(snapshot({ suspendData: 'later' }));
    adapter.finish(snapshot({ suspendData: 'last' }));
    t.drain();
    expect(lms.count('SetValue') + lms.count('Commit') + lms.count('Terminate')).toBe(0);
  });

  test('the device copy of this learner is offered back (to recover from a damaged LMS copy), not another learner\'s', () => {
    const real = newScorm12();
    real.loadFromJSON({ core: { student_id: 'u42', entry: 'resume' }, suspend_data: 'damaged' });
    const lms = wrap(real, API12_FUNCTIONS);
    const [top, frame] = windowChain(2);
    top!.API = lms.api;
    const first = connect(frame!);
    expect(first.adapter.deviceCopy()).toBeNull(); // not started: no learner yet
    first.adapter.start();
    first.adapter.save(snapshot({ suspendData: 'intact' }));
    expect(first.adapter.deviceCopy()).toMatchObject({ suspendData: 'intact' });

    const other = newScorm12();
    other.loadFromJSON({ core: { student_id: 'someone-else' } });
    const [top2, frame2] = windowChain(2);
    top2!.API = wrap(other, API12_FUNCTIONS).api;
    const second = connect(frame2!, { storage: first.storage });
    second.adapter.start();
    expect(second.adapter.deviceCopy()).toBeNull();
  });
});

/** Two windows' channels joined as a BroadcastChannel joins them (each message reaches the others, later). */
function channels(n: number): { ends: TabChannel[]; flush: () => void } {
  const pending: (() => void)[] = [];
  const ends: TabChannel[] = [];
  for (let i = 0; i < n; i++) {
    const end: TabChannel = {
      onmessage: null,
      postMessage: (data) => {
        for (const other of ends) if (other !== end) pending.push(() => other.onmessage?.({ data: structuredClone(data) }));
      },
      close: () => undefined,
    };
    ends.push(end);
  }
  return { ends, flush: () => { while (pending.length) pending.shift()!(); } };
}

describe('one window writes the attempt', () => {
  test('the newer window of the same learner takes over; the older stands down and hands over its latest code', () => {
    const { ends, flush } = channels(3);
    const log: string[] = [];
    claimAttempt({ channel: ends[0]!, learner: 'u1', latestCode: () => 'code-of-old', onTakenOver: () => log.push('old stands down'), onHandover: () => log.push('old adopts?!'), id: 'old', at: 1 });
    flush();
    claimAttempt({ channel: ends[1]!, learner: 'u2', latestCode: () => 'x', onTakenOver: () => log.push('other learner stands down?!'), onHandover: () => undefined, id: 'other', at: 2 });
    flush();
    expect(log).toEqual([]); // a different learner is not the same attempt
    claimAttempt({ channel: ends[2]!, learner: 'u1', latestCode: () => 'code-of-new', onTakenOver: () => log.push('new stands down?!'), onHandover: (code) => log.push(`new adopts ${code}`), id: 'new', at: 3 });
    flush();
    expect(log).toEqual(['old stands down', 'new adopts code-of-old']);
  });

  test('two windows opening at once (each hears the other\'s claim): exactly one stands down, the older', () => {
    const { ends, flush } = channels(2);
    const log: string[] = [];
    claimAttempt({ channel: ends[0]!, learner: '', latestCode: () => 'A', onTakenOver: () => log.push('A stands down'), onHandover: (c) => log.push(`A adopts ${c}`), id: 'a', at: 5 });
    claimAttempt({ channel: ends[1]!, learner: '', latestCode: () => 'B', onTakenOver: () => log.push('B stands down'), onHandover: (c) => log.push(`B adopts ${c}`), id: 'b', at: 6 });
    flush();
    expect(log).toEqual(['A stands down', 'B adopts A']);
  });

  test('without BroadcastChannel there is no lock (and nothing breaks)', () => {
    expect(() => claimAttempt({ channel: null, learner: '', latestCode: () => '', onTakenOver: () => undefined, onHandover: () => undefined })()).not.toThrow();
  });

  test('with a real BroadcastChannel', async () => {
    const a = new BroadcastChannel('course:attempt') as unknown as TabChannel;
    const b = new BroadcastChannel('course:attempt') as unknown as TabChannel;
    const seen: string[] = [];
    const releaseA = claimAttempt({ channel: a, learner: '', latestCode: () => 'A', onTakenOver: () => seen.push('A stands down'), onHandover: () => undefined, at: 1 });
    const releaseB = claimAttempt({ channel: b, learner: '', latestCode: () => 'B', onTakenOver: () => seen.push('B stands down'), onHandover: (c) => seen.push(`B adopts ${c}`), at: 2 });
    await new Promise((ok) => setTimeout(ok, 50));
    releaseA();
    releaseB();
    expect(seen).toEqual(['A stands down', 'B adopts A']);
  });
});
