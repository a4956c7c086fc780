/**
 * The course's one door to a learning management system: `connectLms` finds a SCORM 2004 or 1.2
 * API around the page and returns the matching face, or the standalone face (device storage)
 * when there is none. The UI never touches window.API.
 */
import { dialects } from './cmi';
import { findApi } from './discover';
import { memoryStorage } from './local';
import { ScormAdapter } from './scorm';
import { NO_LMS_NOTICE, StandaloneAdapter } from './standalone';
import { StatusHub } from './status';
import type { ConnectOptions, LmsAdapter, TimerHandle } from './types';
import { takeBootInit } from '../boot/state';

export type * from './types';
export { attachPageLifecycle, type LifecycleWindow } from './lifecycle';
export { clearLocalRecord, readLocalRecord, type LocalBackup, type LocalDecision, type LocalProgress, type LocalRecord } from './local';
export { findApi } from './discover';
export { interactionId } from './cmi';
export { isoDuration, isoTimestamp, scorm12ClockTime, scorm12Time } from './format';
export { NO_LMS_NOTICE } from './standalone';

export const DEFAULT_RETRY_DELAYS: readonly number[] = [250, 1000, 4000];

export const NO_STORAGE_NOTICE =
  'This browser does not let the course keep anything on this device: progress not sent to a learning management system is lost when the page closes.';

/** window.localStorage if the browser lets us use it (it throws when storage is blocked), else null. */
function deviceStorage(win: Window): Storage | null {
  try {
    const storage = win.localStorage;
    const probe = '__lms_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/**
 * Runs functions in later tasks, in order: MessageChannel messages, which hidden pages do not
 * throttle as they do timers (a page in a background tab still finishes its saves promptly).
 */
export function nextTask(): (fn: () => void) => void {
  if (typeof MessageChannel !== 'function') return (fn) => void globalThis.setTimeout(fn, 0);
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
}

export function connectLms(opts: ConnectOptions): LmsAdapter {
  const notices: string[] = [];
  let storage = opts.storage ?? deviceStorage(opts.window);
  if (!storage) {
    storage = memoryStorage();
    notices.push(NO_STORAGE_NOTICE);
  }
  const ctx = {
    storage,
    courseId: opts.courseId,
    now: opts.now ?? (() => Date.now()),
    hub: new StatusHub(),
    setTimeout: opts.setTimeout ?? ((fn: () => void, ms: number): TimerHandle => globalThis.setTimeout(fn, ms)),
    clearTimeout:
      opts.clearTimeout ?? ((h: TimerHandle): void => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>)),
    retryDelays: opts.retryDelays ?? DEFAULT_RETRY_DELAYS,
    defer: opts.defer ?? nextTask(),
  };
  const found = findApi(opts.window);
  if (!found) return new StandaloneAdapter(ctx, [...notices, NO_LMS_NOTICE]);
  const dialect = dialects[found.version];
  // on a scenario's address the boot may have started the session already (src/lib/boot/state.ts)
  return new ScormAdapter(found.api, dialect, ctx, notices, takeBootInit(found.api, dialect.fn.initialize, opts.window));
}
