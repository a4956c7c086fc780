/**
 * Test helpers: the REAL scorm-again runtime as the LMS, seen through a thin wrapper that records
 * every call and lets a test change what one function does (faults); plain-object windows;
 * builders for decisions and snapshots.
 */
import { Scorm12API, Scorm2004API } from 'scorm-again';
import type { DecisionRecord } from '../../../src/lib/course/types';
import { connectLms } from '../../../src/lib/lms';
import { memoryStorage } from '../../../src/lib/lms/local';
import type { ConnectOptions, LmsAdapter, LmsSnapshot, SaveStatus } from '../../../src/lib/lms/types';

export { memoryStorage };

export const API12_FUNCTIONS = [
  'LMSInitialize',
  'LMSFinish',
  'LMSGetValue',
  'LMSSetValue',
  'LMSCommit',
  'LMSGetLastError',
  'LMSGetErrorString',
  'LMSGetDiagnostic',
] as const;
export const API2004_FUNCTIONS = [
  'Initialize',
  'Terminate',
  'GetValue',
  'SetValue',
  'Commit',
  'GetLastError',
  'GetErrorString',
  'GetDiagnostic',
] as const;

/** scorm-again kept local: no lmsCommitUrl (commits succeed in memory), no autocommit, silent. */
export const newScorm12 = (): Scorm12API => new Scorm12API({ autocommit: false, logLevel: 'NONE' });
export const newScorm2004 = (): Scorm2004API => new Scorm2004API({ autocommit: false, logLevel: 'NONE' });

export interface Call {
  fn: string;
  args: string[];
  result: unknown;
}

type Fn = (...args: string[]) => unknown;
/** Replaces one API function; `real` calls the scorm-again one. */
export type Override = (real: Fn, ...args: string[]) => unknown;

export interface WrappedApi {
  api: Record<string, Fn>;
  calls: Call[];
  overrides: Record<string, Override | undefined>;
  count(fn: string): number;
  /** the values passed to SetValue/LMSSetValue for one element, in order */
  setValues(element: string): string[];
}

/** The real scorm-again object behind a recording wrapper (not a mock: every call reaches it unless overridden). */
export function wrap(real: Scorm12API | Scorm2004API, functions: readonly string[]): WrappedApi {
  const calls: Call[] = [];
  const overrides: Record<string, Override | undefined> = {};
  const target = real as unknown as Record<string, Fn>; // scorm-again's API functions, by name
  const api: Record<string, Fn> = {};
  for (const name of functions) {
    const realFn: Fn = (...args) => target[name]!.apply(real, args);
    api[name] = (...args) => {
      const call: Call = { fn: name, args, result: undefined };
      calls.push(call);
      const o = overrides[name];
      call.result = o ? o(realFn, ...args) : realFn(...args);
      return call.result;
    };
  }
  return {
    api,
    calls,
    overrides,
    count: (fn) => calls.filter((c) => c.fn === fn).length,
    setValues: (element) => calls.filter((c) => /SetValue$/.test(c.fn) && c.args[0] === element).map((c) => c.args[1]!),
  };
}

/** The CMI as scorm-again would send it (write-only elements included). */
export function cmiOf(real: Scorm12API | Scorm2004API): Record<string, unknown> {
  return JSON.parse(JSON.stringify(real.cmi)) as Record<string, unknown>;
}

/** Deep property access on parsed JSON for assertions. */
export function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export interface FakeWindow {
  name: string;
  parent: FakeWindow;
  top: FakeWindow;
  opener: FakeWindow | null;
  [key: string]: unknown;
}

/** A chain of windows, outermost first: chain[0] is the top, chain[n-1] the course's frame. */
export function windowChain(depth: number, prefix = 'w'): FakeWindow[] {
  const wins: FakeWindow[] = [];
  for (let i = 0; i < depth; i++) {
    const w = { name: `${prefix}${i}`, opener: null } as FakeWindow;
    w.parent = i === 0 ? w : wins[i - 1]!;
    w.top = wins[0] ?? w;
    wins.push(w);
  }
  return wins;
}

export const asWindow = (w: FakeWindow): Window => w as unknown as Window; // plain object standing in for a browser window

export function decision(over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    scenarioId: 'friend-request',
    decisionId: 'd1',
    optionId: 'a',
    verdict: 'best',
    points: 3,
    maxPoints: 3,
    bestOptionIds: ['a'],
    citations: ['G-3.4-a'],
    latencyMs: 65_200,
    at: '2024-05-06T07:08:09.123Z',
    prompt: 'A client sends you a friend request. What do you do?',
    ...over,
  };
}

export function snapshot(over: Partial<LmsSnapshot> = {}): LmsSnapshot {
  return {
    percent: 0,
    completed: false,
    passed: false,
    progress: 0,
    location: 'home',
    suspendData: '',
    ...over,
  };
}

/** A controllable clock and timer queue (no global fake timers needed). */
export function fakeTime(start = 1_700_000_000_000) {
  let t = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    advance(ms: number) {
      const until = t + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, v]) => v.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].fn();
      }
      t = until;
    },
    setTimeout: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    pending: () => timers.size,
  };
}

export interface Rig {
  adapter: LmsAdapter;
  statuses: SaveStatus[];
  storage: Storage;
  time: ReturnType<typeof fakeTime>;
}

/**
 * connectLms on a window, with a fake clock, recording statuses. The LMS is called at once
 * (`defer` runs its function straight away), so a test sees each save's calls when it returns;
 * tests of the queue pass a `defer` of their own.
 */
export function connect(win: FakeWindow, over: Partial<ConnectOptions> = {}): Rig {
  const time = fakeTime();
  const storage = over.storage ?? memoryStorage();
  const adapter = connectLms({
    window: asWindow(win),
    courseId: 'digital-boundaries',
    defer: (fn) => fn(),
    storage,
    now: time.now,
    setTimeout: time.setTimeout,
    clearTimeout: time.clearTimeout,
    ...over,
  });
  const statuses: SaveStatus[] = [];
  adapter.onStatus((s) => statuses.push(s));
  return { adapter, statuses, storage, time };
}

/** Three decisions through one scenario and into a second, as the course would report them. */
export function threeDecisions(): { d: DecisionRecord; s: LmsSnapshot }[] {
  return [
    {
      d: decision({ decisionId: 'd1', optionId: 'a', verdict: 'best', points: 3, latencyMs: 65_200 }),
      s: snapshot({ percent: 33, progress: 0.2, location: 'friend-request', suspendData: 'v1.fr:a' }),
    },
    {
      d: decision({ decisionId: 'd2', optionId: 'b', verdict: 'poor', points: 1, bestOptionIds: ['a', 'c'], latencyMs: 3_723_500 }),
      s: snapshot({ percent: 44, progress: 0.5, location: 'friend-request', suspendData: 'v1.fr:ab' }),
    },
    {
      d: decision({ scenarioId: 'group-post', decisionId: 'd1', optionId: 'c', verdict: 'acceptable', points: 2, bestOptionIds: ['b'], latencyMs: 0 }),
      s: snapshot({ percent: 67, progress: 1, completed: true, passed: false, location: 'home', suspendData: 'v1.fr:ab.gp:c' }),
    },
  ];
}
