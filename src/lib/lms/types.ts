/**
 * The one LMS interface the course talks to. The UI never touches window.API:
 * it calls an LmsAdapter, and the adapter reports what it is given (it never computes scores).
 * Pure types: no Svelte, no browser API beyond the DOM type names.
 */
import type { DecisionRecord } from '../course/types';

export type { DecisionRecord };

export type LmsKind = 'scorm12' | 'scorm2004' | 'standalone';

/** What the course computed, handed to the adapter. */
export interface LmsSnapshot {
  scoreRaw: number;
  scoreMin: number;
  scoreMax: number;
  /** 0..1 */
  scaled: number;
  /** every scenario in the package finished */
  completed: boolean;
  /** scaled*100 >= passMark (only meaningful when completed) */
  passed: boolean;
  /** 0..1 */
  progress: number;
  /** current scenario id ('' on home) */
  location: string;
  /** the course's own compact progress code (opaque to the adapter) */
  suspendData: string;
}

export interface LmsLaunch {
  kind: LmsKind;
  entry: 'ab-initio' | 'resume' | '';
  location: string;
  suspendData: string;
  learnerName: string;
  learnerId: string;
}

export type SaveStatus =
  | { state: 'ok' }
  | { state: 'retrying'; attempt: number; message: string }
  | { state: 'failing'; message: string };

export interface LmsAdapter {
  readonly kind: LmsKind;
  /** Initialize + read entry, location, suspend_data, learner. Call once, first. */
  start(): LmsLaunch;
  /** interaction + score + status + location + suspend_data, then ONE commit */
  recordDecision(d: DecisionRecord, s: LmsSnapshot): void;
  /** same minus the interaction (scenario retried, location change…), one commit */
  save(s: LmsSnapshot): void;
  /** commit what has already been set, nothing else (page hidden); no-op without an LMS */
  flush(): void;
  /** final save, session_time, exit, commit, Terminate/LMSFinish exactly once (later calls are no-ops) */
  finish(s: LmsSnapshot): void;
  /** subscribe to save status; returns the unsubscribe function */
  onStatus(cb: (s: SaveStatus) => void): () => void;
  /** human-readable notices for the learner */
  readonly notices: string[];
}

export type TimerHandle = unknown;

export interface ConnectOptions {
  /** the course's own window: the LMS API is looked for from here */
  window: Window;
  courseId: string;
  /** percentage 0-100 (kept for the record; the course decides `passed`) */
  passMark: number;
  /** SCORM 1.2: report "failed" below the pass mark (otherwise "incomplete", so a retry stays open) */
  reportFailed: boolean;
  /** defaults to window.localStorage when reachable, else an in-memory store */
  storage?: Storage;
  /** ms clock; defaults to Date.now */
  now?: () => number;
  /** defaults to the global setTimeout / clearTimeout */
  setTimeout?: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** commit retry delays in ms; defaults to 250, 1000, 4000 */
  retryDelays?: readonly number[];
}
