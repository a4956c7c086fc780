/**
 * Page lifecycle: the saves that must not depend on the page's last moments.
 *  - The page turning hidden (tab switched, window minimised, phone locked, and also the first
 *    step of closing) saves a checkpoint: the session time and where the learner is, committed.
 *    It runs one task later: when the page is closing, `pagehide` follows in the same task and
 *    cancels it, so a closing page sends one save, not two (an LMS that sends saves made while its
 *    page unloads as beacons, as Moodle does, has 64 KB for all of them together).
 *  - `pagehide` (close, reload, navigation; unlike `unload` it is reliable on mobile and with the
 *    back/forward cache) sends the final save and ends the session, exactly once.
 */
import type { LmsAdapter, LmsSnapshot } from './types';

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export interface LifecycleWindow extends EventTargetLike {
  document?: Partial<EventTargetLike> & { visibilityState?: string };
}

/** Returns a function that removes the listeners again. */
export function attachPageLifecycle(
  adapter: Pick<LmsAdapter, 'finish' | 'checkpoint'>,
  win: LifecycleWindow,
  getSnapshot: () => LmsSnapshot,
  later: { set: (fn: () => void) => unknown; clear: (handle: unknown) => void } = {
    set: (fn) => globalThis.setTimeout(fn, 0),
    clear: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  },
): () => void {
  let finished = false;
  let pending: unknown = null;
  const cancel = (): void => {
    if (pending === null) return;
    later.clear(pending);
    pending = null;
  };
  const onPageHide = (): void => {
    cancel();
    if (finished) return;
    finished = true;
    try {
      adapter.finish(getSnapshot());
    } catch {
      // nothing can be done while the page goes away
    }
  };
  const onVisibility = (): void => {
    if (finished || win.document?.visibilityState !== 'hidden' || pending !== null) return;
    pending = later.set(() => {
      pending = null;
      if (finished) return;
      try {
        adapter.checkpoint(getSnapshot());
      } catch {
        // the adapter reports its own failures
      }
    });
  };
  const doc = win.document;
  const visibilityTarget: EventTargetLike =
    typeof doc?.addEventListener === 'function' && typeof doc.removeEventListener === 'function'
      ? (doc as EventTargetLike)
      : win;
  win.addEventListener('pagehide', onPageHide);
  visibilityTarget.addEventListener('visibilitychange', onVisibility);
  return () => {
    cancel();
    win.removeEventListener('pagehide', onPageHide);
    visibilityTarget.removeEventListener('visibilitychange', onVisibility);
  };
}
