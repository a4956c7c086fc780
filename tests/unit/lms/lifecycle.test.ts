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

/** A hand-run "later": the test decides when the deferred checkpoint runs. */
function later() {
  const due = new Map<number, () => void>();
  let id = 0;
  return {
    set: (fn: () => void) => (due.set(++id, fn), id),
    clear: (h: unknown) => void due.delete(h as number),
    run: () => [...due.entries()].forEach(([k, f]) => (due.delete(k), f())),
    size: () => due.size,
  };
}

describe('attachPageLifecycle', () => {
  test('hidden: a checkpoint (session time, where the learner is, one commit) a task later; visible again: nothing', () => {
    const { lms, adapter } = rig();
    adapter.start();
    adapter.save(snapshot());
    const p = page();
    const l = later();
    attachPageLifecycle(adapter, p.win, () => snapshot({ location: 'friend-request' }), l);
    const commits = lms.count('Commit');
    p.document.visibilityState = 'hidden';
    p.fire('doc:visibilitychange');
    expect(lms.count('Commit')).toBe(commits); // not yet: a closing page would send it as a second beacon
    l.run();
    expect(lms.count('Commit')).toBe(commits + 1);
    expect(lms.setValues('cmi.location').at(-1)).toBe('friend-request');
    expect(lms.setValues('cmi.session_time')).toHaveLength(2);
    p.document.visibilityState = 'visible';
    p.fire('doc:visibilitychange');
    expect(l.size()).toBe(0);
    expect(lms.count('Commit')).toBe(commits + 1);
  });

  test('hidden then pagehide in the same task (closing): one save, Terminate, and the checkpoint never runs', () => {
    const { lms, adapter } = rig();
    adapter.start();
    const p = page();
    const l = later();
    attachPageLifecycle(adapter, p.win, () => snapshot({ suspendData: 'final' }), l);
    p.document.visibilityState = 'hidden';
    p.fire('doc:visibilitychange');
    p.fire('win:pagehide');
    expect(l.size()).toBe(0);
    expect(lms.count('Commit')).toBe(0);
    expect(lms.count('Terminate')).toBe(1);
  });

  test('pagehide: the final save and Terminate exactly once, with the current snapshot', () => {
    const { real, lms, adapter } = rig();
    adapter.start();
    const p = page();
    let current = snapshot({ suspendData: 'v1.fr:a', location: 'friend-request' });
    attachPageLifecycle(adapter, p.win, () => current, later());
    p.fire('win:pagehide');
    current = snapshot({ suspendData: 'later' });
    p.fire('win:pagehide');
    adapter.finish(current);
    p.document.visibilityState = 'hidden';
    p.fire('doc:visibilitychange'); // after the end: no commit on a terminated session
    expect(lms.count('Terminate')).toBe(1);
    expect(real.cmi.suspend_data).toBe('v1.fr:a');
    expect(lms.calls.at(-1)?.fn).toBe('Terminate');
    expect(lms.count('Commit')).toBe(0); // Terminate saves
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
