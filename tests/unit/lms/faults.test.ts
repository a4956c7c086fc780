import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectLms, readLocalRecord } from '../../../src/lib/lms';
import type { SaveStatus } from '../../../src/lib/lms/types';
import {
  API12_FUNCTIONS,
  API2004_FUNCTIONS,
  asWindow,
  at,
  cmiOf,
  connect,
  decision,
  memoryStorage,
  newScorm12,
  newScorm2004,
  snapshot,
  threeDecisions,
  windowChain,
  wrap,
} from './helpers';

function rig12(over: Parameters<typeof connect>[1] = {}) {
  const real = newScorm12();
  const lms = wrap(real, API12_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API = lms.api;
  return { real, lms, ...connect(frame!, over) };
}

function rig2004(over: Parameters<typeof connect>[1] = {}) {
  const real = newScorm2004();
  const lms = wrap(real, API2004_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API_1484_11 = lms.api;
  return { real, lms, ...connect(frame!, over) };
}

const states = (statuses: SaveStatus[]) => statuses.map((s) => (s.state === 'retrying' ? `retrying ${s.attempt}` : s.state));

afterEach(() => {
  vi.useRealTimers();
});

describe('launch faults', () => {
  test('Initialize returns "false": standalone face, the error in a notice, decisions kept on the device', () => {
    const { lms, adapter, storage } = rig2004();
    lms.overrides.Initialize = () => 'false';
    lms.overrides.GetLastError = () => '102';
    const launch = adapter.start();
    expect(launch.kind).toBe('standalone');
    expect(adapter.kind).toBe('standalone');
    expect(adapter.notices.join(' ')).toMatch(/error 102: .+/);
    expect(adapter.notices.join(' ')).toMatch(/saved on this device only/);
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'v1.fr:a' }));
    adapter.finish(snapshot({ suspendData: 'v1.fr:a' }));
    expect(lms.count('Terminate')).toBe(0);
    expect(lms.count('SetValue')).toBe(0);
    const record = readLocalRecord(storage, 'digital-boundaries');
    expect(record.decisions).toHaveLength(1);
    expect(record.progress?.suspendData).toBe('v1.fr:a');
  });

  test('LMSInitialize returns boolean false, or throws: standalone, nothing escapes', () => {
    const a = rig12();
    a.lms.overrides.LMSInitialize = () => false;
    expect(a.adapter.start().kind).toBe('standalone');
    const b = rig12();
    b.lms.overrides.LMSInitialize = () => {
      throw new Error('LMS exploded');
    };
    expect(() => b.adapter.start()).not.toThrow();
    expect(b.adapter.kind).toBe('standalone');
    expect(b.adapter.notices.join(' ')).toMatch(/LMS exploded/);
  });

  test('a save before start() starts the session (and falls back before, not during, the save)', () => {
    const { lms, adapter, storage } = rig12();
    lms.overrides.LMSInitialize = () => 'false';
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'early' }));
    expect(adapter.kind).toBe('standalone');
    expect(readLocalRecord(storage, 'digital-boundaries').decisions).toHaveLength(1);
  });
});

describe('SetValue faults', () => {
  test('one element refused by the LMS (real 405): the others are set, status failing names it, no throw', () => {
    const { real, adapter, statuses } = rig12();
    adapter.start();
    const longLocation = 'x'.repeat(300); // 1.2 CMIString255: scorm-again refuses it
    expect(() => adapter.recordDecisions([decision()], snapshot({ location: longLocation, suspendData: 'v1.fr:a', completed: true, percent: 50, progress: 1 }))).not.toThrow();
    const last = statuses.at(-1)!;
    expect(last.state).toBe('failing');
    expect(last.state === 'failing' && last.message).toMatch(/cmi\.core\.lesson_location \(error 405: Incorrect Data Type\)/);
    const cmi = cmiOf(real);
    expect(at(cmi, 'interactions.0.id')).toBe('friend-request.d1');
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:a');
    expect(at(cmi, 'core.score.raw')).toBe('50');
    // the next good save clears the status
    adapter.save(snapshot({ location: 'ok', suspendData: 'v1.fr:a' }));
    expect(statuses.at(-1)).toEqual({ state: 'ok' });
  });

  test('an interaction id refused: the rest of that record is skipped, the score and progress still saved', () => {
    const { real, lms, adapter, statuses } = rig2004();
    adapter.start();
    lms.overrides.SetValue = (next, el, v) => (el!.endsWith('.id') ? false : next(el!, v!));
    adapter.recordDecisions([decision()], snapshot({ suspendData: 'v1.fr:a' }));
    expect(lms.calls.filter((c) => c.fn === 'SetValue' && c.args[0]!.startsWith('cmi.interactions.'))).toHaveLength(1);
    expect(real.cmi.suspend_data).toBe('v1.fr:a');
    expect(statuses.at(-1)?.state).toBe('failing');
    // the next decision goes to index 0 again (nothing was written there)
    lms.overrides.SetValue = undefined;
    adapter.recordDecisions([decision({ decisionId: 'd2' })], snapshot({ suspendData: 'v1.fr:ab' }));
    expect(real.GetValue('cmi.interactions.0.id')).toBe('friend-request.d2');
  });

  test('suspend_data over 4096 in 1.2: not sent, failing status, the rest saved and kept on the device', () => {
    const { real, lms, adapter, statuses, storage } = rig12();
    adapter.start();
    const big = 'z'.repeat(4097);
    adapter.recordDecisions([decision()], snapshot({ suspendData: big, location: 'friend-request' }));
    expect(lms.setValues('cmi.suspend_data')).toEqual([]);
    expect(real.cmi.core.lesson_location).toBe('friend-request');
    const last = statuses.at(-1)!;
    expect(last.state === 'failing' && last.message).toMatch(/too long for SCORM 1\.2 \(4097 of 4096 characters\)/);
    expect(readLocalRecord(storage, 'digital-boundaries').backup?.suspendData).toBe(big);
    // exactly 4096 is fine
    adapter.save(snapshot({ suspendData: 'z'.repeat(4096) }));
    expect(lms.setValues('cmi.suspend_data')).toHaveLength(1);
  });

  test('2004 takes 5000 characters but not 64001', () => {
    const { lms, adapter, statuses } = rig2004();
    adapter.start();
    adapter.save(snapshot({ suspendData: 'y'.repeat(5000) }));
    expect(lms.setValues('cmi.suspend_data')).toHaveLength(1);
    expect(statuses.every((s) => s.state === 'ok')).toBe(true);
    adapter.save(snapshot({ suspendData: 'y'.repeat(64001) }));
    expect(lms.setValues('cmi.suspend_data')).toHaveLength(1);
    expect(statuses.at(-1)?.state).toBe('failing');
  });
});

describe('Commit faults', () => {
  test('fails 3 times then recovers: retrying 1, 2, 3, then ok; the CMI has everything (vitest fake timers)', () => {
    vi.useFakeTimers();
    const real = newScorm2004();
    const lms = wrap(real, API2004_FUNCTIONS);
    const [top, frame] = windowChain(2);
    top!.API_1484_11 = lms.api;
    const adapter = connectLms({ window: asWindow(frame!), courseId: 'c', storage: memoryStorage(), defer: (fn) => fn() });
    const statuses: SaveStatus[] = [];
    adapter.onStatus((s) => statuses.push(s));
    adapter.start();
    let failures = 3;
    lms.overrides.Commit = (next) => (failures-- > 0 ? 'false' : next(''));
    lms.overrides.GetLastError = () => '391'; // asked only after a failure
    const [one, two] = threeDecisions();
    adapter.recordDecisions([one!.d], one!.s);
    expect(states(statuses)).toEqual(['retrying 1']);
    vi.advanceTimersByTime(249);
    expect(lms.count('Commit')).toBe(1); // the decision's
    vi.advanceTimersByTime(1);
    expect(states(statuses)).toEqual(['retrying 1', 'retrying 2']);
    // a decision while retrying: sent at once, its commit fails, no second timer
    adapter.recordDecisions([two!.d], two!.s);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(states(statuses)).toEqual(['retrying 1', 'retrying 2', 'ok']);
    expect(statuses[0]).toMatchObject({ state: 'retrying', attempt: 1, message: expect.stringMatching(/error 391/) });
    const cmi = cmiOf(real);
    expect(at(cmi, 'interactions.1.id')).toBe('friend-request.d2');
    expect(at(cmi, 'suspend_data')).toBe('v1.fr:ab');
    expect(vi.getTimerCount()).toBe(0);
  });

  test('fails 3 times then recovers with no save in between: retrying 1, 2, 3, ok', () => {
    const { lms, adapter, statuses, time } = rig12();
    adapter.start();
    let failures = 3;
    lms.overrides.LMSCommit = (next) => (failures-- > 0 ? 'false' : next(''));
    adapter.save(snapshot({ suspendData: 'v1' }));
    time.advance(250);
    time.advance(1000);
    expect(states(statuses)).toEqual(['retrying 1', 'retrying 2', 'retrying 3']);
    time.advance(4000);
    expect(states(statuses)).toEqual(['retrying 1', 'retrying 2', 'retrying 3', 'ok']);
  });

  test('retries run out: failing; the next save tries again', () => {
    const { lms, adapter, statuses, time } = rig12();
    adapter.start();
    lms.overrides.LMSCommit = () => 'false';
    adapter.save(snapshot({ suspendData: 'v1' }));
    time.advance(10_000);
    expect(states(statuses)).toEqual(['retrying 1', 'retrying 2', 'retrying 3', 'failing']);
    expect(time.pending()).toBe(0);
    lms.overrides.LMSCommit = undefined;
    adapter.save(snapshot({ suspendData: 'v2' }));
    expect(states(statuses).at(-1)).toBe('ok');
  });

  test('finish cancels a pending retry and still terminates once', () => {
    const { lms, adapter, time } = rig12();
    adapter.start();
    lms.overrides.LMSCommit = () => 'false';
    adapter.save(snapshot());
    expect(time.pending()).toBe(1);
    adapter.finish(snapshot());
    expect(time.pending()).toBe(0);
    expect(lms.count('LMSFinish')).toBe(1);
  });
});

describe('thrown exceptions and slow LMSs', () => {
  test('every API function throwing: nothing escapes, statuses say so', () => {
    const { lms, adapter, statuses, storage } = rig2004();
    adapter.start();
    for (const fn of API2004_FUNCTIONS) {
      lms.overrides[fn] = () => {
        throw new TypeError(`${fn} broke`);
      };
    }
    const [one] = threeDecisions();
    expect(() => adapter.recordDecisions([one!.d], one!.s)).not.toThrow();
    expect(() => adapter.save(one!.s)).not.toThrow();
    expect(() => adapter.checkpoint(one!.s)).not.toThrow();
    expect(() => adapter.finish(one!.s)).not.toThrow();
    expect(statuses.some((s) => s.state === 'failing' && /SetValue threw SetValue broke/.test(s.message))).toBe(true);
    expect(readLocalRecord(storage, 'digital-boundaries').backup?.suspendData).toBe('v1.fr:a');
  });

  test('a throwing status listener and a throwing storage do not break the save', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const { real, adapter } = rig12({ storage });
    adapter.onStatus(() => {
      throw new Error('listener bug');
    });
    adapter.start();
    expect(() => adapter.recordDecisions([decision()], snapshot({ suspendData: 'v1' }))).not.toThrow();
    expect(real.cmi.suspend_data).toBe('v1');
  });

  test('a slow LMS that calls back into the course mid-save: operations never interleave', () => {
    const { lms, adapter, time } = rig12();
    adapter.start();
    const callsAtStart = lms.calls.length;
    let nested = false;
    lms.overrides.LMSSetValue = (next, el, v) => {
      time.advance(2_000); // every call takes 2 s
      if (!nested && el === 'cmi.interactions.0.type') {
        nested = true;
        adapter.save(snapshot({ suspendData: 'from-the-callback', location: 'nested' })); // re-entrant
      }
      return next(el!, v!);
    };
    const [one] = threeDecisions();
    adapter.recordDecisions([one!.d], one!.s);
    const sets = lms.calls.filter((c) => c.fn === 'LMSSetValue' || c.fn === 'LMSCommit').map((c) => c.args[0] || c.fn);
    const firstCommit = sets.indexOf('LMSCommit', sets.indexOf('cmi.interactions.0.id'));
    const nestedStart = sets.lastIndexOf('cmi.suspend_data');
    expect(firstCommit).toBeLessThan(nestedStart); // the decision is complete and committed first
    expect(sets.slice(0, firstCommit).filter((e) => e.startsWith('cmi.interactions.0.'))).toHaveLength(8);
    expect(lms.setValues('cmi.suspend_data')).toEqual(['v1.fr:a', 'from-the-callback']);
    // the slow calls count in the session time: each save's session time is the time up to it
    adapter.finish(snapshot({ suspendData: 'from-the-callback' }));
    const [h, m, sec] = lms.setValues('cmi.core.session_time').at(-1)!.split(':').map(Number);
    const callsBefore = lms.calls.slice(callsAtStart).filter((c) => c.fn === 'LMSSetValue').length - 1;
    expect(h! * 3600 + m! * 60 + sec!).toBe(callsBefore * 2);
  });
});

describe('the device backup', () => {
  /** An LMS that keeps only what was committed: a new scorm-again per session, loaded from the last good commit. */
  function lmsServer(learnerId = 'u42') {
    let stored = { suspend_data: '', location: '' };
    let commitsFail = false;
    return {
      failCommits(on: boolean) {
        commitsFail = on;
      },
      stored: () => stored,
      session(storage: Storage) {
        const real = newScorm2004();
        real.loadFromJSON({ learner_id: learnerId, suspend_data: stored.suspend_data, location: stored.location, entry: stored.suspend_data ? 'resume' : 'ab-initio' });
        const lms = wrap(real, API2004_FUNCTIONS);
        lms.overrides.Commit = (next) => {
          if (commitsFail) return 'false';
          const r = next('');
          stored = { suspend_data: real.cmi.suspend_data, location: real.cmi.location };
          return r;
        };
        lms.overrides.Terminate = (next) => (commitsFail ? 'false' : next(''));
        const [top, frame] = windowChain(2);
        top!.API_1484_11 = lms.api;
        return { real, lms, ...connect(frame!, { storage }) };
      },
    };
  }

  test('a decision made while commits fail is offered back at the next launch, with a notice', () => {
    const server = lmsServer();
    const storage = memoryStorage();
    const first = server.session(storage);
    first.adapter.start();
    const [one, two] = threeDecisions();
    first.adapter.recordDecisions([one!.d], one!.s); // reaches the LMS
    server.failCommits(true);
    first.adapter.recordDecisions([two!.d], two!.s); // never does
    first.adapter.finish(two!.s);
    expect(server.stored().suspend_data).toBe('v1.fr:a');

    server.failCommits(false);
    const second = server.session(storage);
    const launch = second.adapter.start();
    expect(launch.suspendData).toBe('v1.fr:ab');
    expect(launch.entry).toBe('resume');
    expect(second.adapter.notices.join(' ')).toMatch(/had not reached the learning management system; it has been restored/);
    // once the course saves it, the LMS has it and the offer is not repeated
    second.adapter.save(two!.s);
    second.adapter.finish(two!.s);
    const third = server.session(storage);
    expect(third.adapter.start().suspendData).toBe('v1.fr:ab');
    expect(third.adapter.notices).toEqual([]);
  });

  test('from an empty LMS too (every commit failed)', () => {
    const server = lmsServer();
    const storage = memoryStorage();
    server.failCommits(true);
    const first = server.session(storage);
    first.adapter.start();
    first.adapter.recordDecisions([decision()], snapshot({ suspendData: 'v1.fr:a', location: 'friend-request' }));
    server.failCommits(false);
    const launch = server.session(storage).adapter.start();
    expect(launch).toMatchObject({ suspendData: 'v1.fr:a', location: 'friend-request', entry: 'resume' });
  });

  test('not offered to another learner, nor over newer LMS data', () => {
    const storage = memoryStorage();
    const server = lmsServer('u42');
    const first = server.session(storage);
    first.adapter.start();
    server.failCommits(true);
    first.adapter.save(snapshot({ suspendData: 'mine' }));
    server.failCommits(false);
    expect(lmsServer('someone-else').session(storage).adapter.start().suspendData).toBe('');
    // the learner carried on elsewhere: the LMS now has data this device never confirmed
    const elsewhere = lmsServer('u42');
    elsewhere.session(memoryStorage()).adapter.save(snapshot({ suspendData: 'other-device' }));
    expect(elsewhere.session(storage).adapter.start().suspendData).toBe('other-device');
  });
});

describe('malformed input from the course', () => {
  test('a missing snapshot or decision is reported, never thrown, in every face', () => {
    const broken = null as unknown as ReturnType<typeof snapshot>; // a UI bug handing over nothing
    const scorm = rig12();
    scorm.adapter.start();
    expect(() => scorm.adapter.recordDecisions(null as unknown as ReturnType<typeof decision>[], broken)).not.toThrow();
    expect(() => scorm.adapter.save(broken)).not.toThrow();
    expect(() => scorm.adapter.finish(broken)).not.toThrow();
    expect(scorm.statuses.at(-1)?.state).toBe('failing');
    expect(scorm.lms.count('LMSFinish')).toBe(1); // the session still ends
    const [win] = windowChain(1);
    const alone = connect(win!);
    expect(() => alone.adapter.recordDecisions([decision()], broken)).not.toThrow();
    expect(() => alone.adapter.finish(broken)).not.toThrow();
    expect(alone.statuses.at(-1)?.state).toBe('failing');
  });
});
