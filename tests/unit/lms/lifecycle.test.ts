import { describe, expect, test } from 'vitest';
import { attachPageLifecycle } from '../../../src/lib/lms';
import { API2004_FUNCTIONS, connect, newScorm2004, snapshot, windowChain, wrap } from './helpers';

/** Just enough of a window and document to dispatch the two events. */
function page() {
  const on = new Map<string, Set<() => void>>();
  const target = (prefix: string) => ({
    addEventListener: (t: string, f: () => void) => void (on.get(prefix + t) ?? on.set(prefix + t, new Set()).get(prefix + t)!).add(f),
    removeEventListener: (t: string, f: () => void) => void on.get(prefix + t)?.delete(f),
  });
  const document = { visibilityState: 'visible', ...target('doc:') };
  const win = { ...target('win:'), document };
  const fire = (key: string) => [...(on.get(key) ?? [])].forEach((f) => f());
  return { win, document, fire, listeners: () => [...on.values()].reduce((n, s) => n + s.size, 0) };
}

function rig() {
  const real = newScorm2004();
  const lms = wrap(real, API2004_FUNCTIONS);
  const [top, frame] = windowChain(2);
  top!.API_1484_11 = lms.api;
  return { real, lms, ...connect(frame!) };
}

describe('attachPageLifecycle', () => {
  test('hidden: one commit only; visible again: nothing', () => {
    const { lms, adapter } = rig();
    adapter.start();
    const p = page();
    attachPageLifecycle(adapter, p.win, () => snapshot());
    const sets = lms.count('SetValue');
    const commits = lms.count('Commit');
    p.document.visibilityState = 'hidden';
    p.fire('doc:visibilitychange');
    expect(lms.count('Commit')).toBe(commits + 1);
    expect(lms.count('SetValue')).toBe(sets);
    p.document.visibilityState = 'visible';
    p.fire('doc:visibilitychange');
    expect(lms.count('Commit')).toBe(commits + 1);
  });

  test('pagehide: save, commit and Terminate exactly once, with the current snapshot', () => {
    const { real, lms, adapter } = rig();
    adapter.start();
    const p = page();
    let current = snapshot({ suspendData: 'v1.fr:a', location: 'friend-request' });
    attachPageLifecycle(adapter, p.win, () => current);
    p.fire('win:pagehide');
    current = snapshot({ suspendData: 'later' });
    p.fire('win:pagehide');
    adapter.finish(current);
    p.document.visibilityState = 'hidden';
    p.fire('doc:visibilitychange'); // after the end: no commit on a terminated session
    expect(lms.count('Terminate')).toBe(1);
    expect(real.cmi.suspend_data).toBe('v1.fr:a');
    const last = lms.calls.slice(-3).map((c) => c.fn);
    expect(last).toEqual(['SetValue', 'Commit', 'Terminate']); // session_time, commit, terminate
  });

  test('detach removes the listeners; a throwing snapshot getter does not escape', () => {
    const { adapter } = rig();
    adapter.start();
    const p = page();
    const detach = attachPageLifecycle(adapter, p.win, () => {
      throw new Error('UI bug');
    });
    expect(p.listeners()).toBe(2);
    expect(() => p.fire('win:pagehide')).not.toThrow();
    detach();
    expect(p.listeners()).toBe(0);
  });
});
