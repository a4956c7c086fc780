/**
 * The handover from the boot (src/lib/boot/boot.ts), which starts the LMS session on a scenario's
 * address before the app runs, to the app's SCORM adapter (src/lib/boot/state.ts): Initialize is
 * called once per session, whoever calls it, and the adapter reads and reports everything else as
 * it always did. The LMS is the real scorm-again runtime.
 */
import { describe, expect, test } from 'vitest';
import { BOOT, bootOpening, bootSeed, takeBootInit, type BootState } from '../../../src/lib/boot/state';
import { API12_FUNCTIONS, API2004_FUNCTIONS, connect, newScorm12, newScorm2004, snapshot, windowChain, wrap, type FakeWindow } from './helpers';

/** What the boot leaves on the course's window after calling `fn` itself. */
function booted(win: FakeWindow, api: object, fn: string, init: BootState['init'], extra: Partial<BootState> = {}): BootState {
  const state: BootState = { id: 'friend-request', api, fn, init, ...extra };
  win[BOOT] = state;
  return state;
}

describe('the Initialize the boot called', () => {
  for (const [v, make, functions, init, getValue, suspend] of [
    ['1.2', newScorm12, API12_FUNCTIONS, 'LMSInitialize', 'LMSGetValue', 'cmi.suspend_data'],
    ['2004', newScorm2004, API2004_FUNCTIONS, 'Initialize', 'GetValue', 'cmi.suspend_data'],
  ] as const) {
    test(`SCORM ${v}: is taken by the adapter, which does not call it again, and the session works as before`, () => {
      const lms = wrap(make(), functions);
      const [top, frame] = windowChain(2);
      top![v === '1.2' ? 'API' : 'API_1484_11'] = lms.api;
      booted(frame!, lms.api, init, { value: lms.api[init]!('') });
      const { adapter, statuses } = connect(frame!);
      const launch = adapter.start();
      expect(launch.kind).toBe(v === '1.2' ? 'scorm12' : 'scorm2004');
      expect(adapter.notices).toEqual([]);
      expect(lms.count(init)).toBe(1);
      // the adapter still reads the launch itself
      expect(lms.calls.filter((c) => c.fn === getValue).length).toBeGreaterThan(2);
      adapter.save(snapshot({ suspendData: '2~2~abc~~0000000' }));
      expect(lms.setValues(suspend)).toEqual(['2~2~abc~~0000000']);
      expect(statuses.every((s) => s.state === 'ok')).toBe(true);
      // given once: a second take finds nothing
      expect(takeBootInit(lms.api, init, frame)).toBeNull();
    });
  }

  test('on another API object, or for another function, is not taken: the adapter calls Initialize itself', () => {
    const lms = wrap(newScorm12(), API12_FUNCTIONS);
    const other = wrap(newScorm12(), API12_FUNCTIONS);
    const [top, frame] = windowChain(2);
    top!.API = lms.api;
    booted(frame!, other.api, 'LMSInitialize', { value: other.api.LMSInitialize!('') });
    expect(takeBootInit(lms.api, 'Initialize', frame)).toBeNull();
    const { adapter } = connect(frame!);
    expect(adapter.start().kind).toBe('scorm12');
    expect(lms.count('LMSInitialize')).toBe(1);
  });

  test('refused: the same fall-back and notice as when the adapter is refused itself, and no second Initialize', () => {
    const notices = (withBoot: boolean) => {
      const lms = wrap(newScorm12(), API12_FUNCTIONS);
      lms.overrides.LMSInitialize = () => 'false';
      lms.overrides.LMSGetLastError = () => '101';
      const [top, frame] = windowChain(2);
      top!.API = lms.api;
      if (withBoot) booted(frame!, lms.api, 'LMSInitialize', { value: lms.api.LMSInitialize!('') });
      const { adapter } = connect(frame!);
      expect(adapter.start().kind).toBe('standalone');
      expect(lms.count('LMSInitialize')).toBe(1);
      return adapter.notices;
    };
    const own = notices(false);
    expect(own.join(' ')).toMatch(/it did not start: error 101/);
    expect(notices(true)).toEqual(own);
  });

  test('that threw: the same notice as a throw in the adapter', () => {
    const lms = wrap(newScorm12(), API12_FUNCTIONS);
    const [top, frame] = windowChain(2);
    top!.API = lms.api;
    booted(frame!, lms.api, 'LMSInitialize', { error: new Error('the LMS is away') });
    const { adapter } = connect(frame!);
    expect(adapter.start().kind).toBe('standalone');
    expect(adapter.notices.join(' ')).toMatch(/it did not start: LMSInitialize threw .*the LMS is away/);
    expect(lms.count('LMSInitialize')).toBe(0);
  });
});

describe("the boot's view", () => {
  const win = (state: Partial<BootState>) => ({ [BOOT]: { id: 'friend-request', ...state } });

  test('is carried on from only when the app has come to the same attempt: its seed, nothing played, the same scenario', () => {
    const w = win({ seed: 42, view: { scenes: 1, picked: 'b' } });
    expect(bootOpening('friend-request', 42, false, w)).toEqual({ scenes: 1, picked: 'b' });
    expect(bootOpening('friend-request', 43, false, w)).toBeNull();
    expect(bootOpening('friend-request', 42, true, w)).toBeNull();
    expect(bootOpening('client-blog', 42, false, w)).toBeNull();
    expect(bootOpening('friend-request', 42, false, win({ seed: 42 }))).toBeNull();
    expect(bootOpening('friend-request', 42, false, {})).toBeNull();
  });

  test("gives its seed to a new attempt only while it is on the screen", () => {
    expect(bootSeed(win({ seed: 7, view: { scenes: 0, picked: '' } }))).toBe(7);
    // drawn nothing (the launch was a review, the progress named this scenario…): the app draws its own seed
    expect(bootSeed(win({ seed: 7 }))).toBeUndefined();
    expect(bootSeed({})).toBeUndefined();
  });
});
