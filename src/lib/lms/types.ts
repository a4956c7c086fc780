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
  /** the course percentage 0–100 (whole number), as the learner sees it: the LMS's score and grade */
  percent: number;
  /** every scenario in the package finished */
  completed: boolean;
  /** completed and percent >= passMark */
  passed: boolean;
  /** 0..1: scenarios finished / scenarios in the package */
  progress: number;
  /** current scenario id, or "home" */
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
  /** the LMS's mode: "normal", "review" or "browse" (a preview); '' when it does not say */
  mode: string;
  /**
   * The LMS opened the attempt for review or preview (mode "review"/"browse", or credit
   * "no-credit"): the course shows what is there and writes nothing.
   */
  readOnly: boolean;
}

export type SaveStatus =
  | { state: 'ok' }
  | { state: 'retrying'; attempt: number; message: string }
  | { state: 'failing'; message: string };

export interface LmsAdapter {
  readonly kind: LmsKind;
  /** Initialize + read entry, mode, location, suspend_data, learner. Writes nothing. Call once, first. */
  start(): LmsLaunch;
  /**
   * Decisions that count (interactions, appended to the LMS's journal) + the snapshot, then ONE
   * commit. Queued: the LMS is called after this returns, a call at a time, so a slow LMS never
   * holds up the page.
   */
  recordDecisions(decisions: DecisionRecord[], s: LmsSnapshot): void;
  /** the snapshot only (a practice decision, "Try again", the launch), one commit, queued the same way */
  save(s: LmsSnapshot): void;
  /** the page was hidden: session time and the snapshot, one commit (lands even if the page never comes back) */
  checkpoint(s: LmsSnapshot): void;
  /** final save with session time and exit, then Terminate/LMSFinish exactly once (later calls are no-ops) */
  finish(s: LmsSnapshot): void;
  /** another window of the same attempt took over: write nothing more, and never end the LMS session from here */
  standDown(): void;
  /** the progress code this device last kept for this learner and course, if any (to recover from a damaged LMS copy) */
  deviceCopy(): { suspendData: string; location: string; updated: number } | null;
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
  /** defaults to window.localStorage when reachable, else an in-memory store */
  storage?: Storage;
  /** ms clock; defaults to Date.now */
  now?: () => number;
  /** defaults to the global setTimeout / clearTimeout */
  setTimeout?: (fn: () => void, ms: number) => TimerHandle;
  clearTimeout?: (handle: TimerHandle) => void;
  /** commit retry delays in ms; defaults to 250, 1000, 4000 */
  retryDelays?: readonly number[];
  /** runs a function in a later task (default: a MessageChannel message, not throttled in hidden pages); tests may run it at once */
  defer?: (fn: () => void) => void;
}
