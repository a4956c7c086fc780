/**
 * Page lifecycle: the last chance to save. `pagehide` (fired on close, reload and navigation,
 * unlike `unload` it is reliable on mobile and with the back/forward cache) saves, commits and
 * terminates exactly once; the page turning hidden only commits what is already set.
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
  adapter: Pick<LmsAdapter, 'finish' | 'flush'>,
  win: LifecycleWindow,
  getSnapshot: () => LmsSnapshot,
): () => void {
  let finished = false;
  const onPageHide = (): void => {
    if (finished) return;
    finished = true;
    try {
      adapter.finish(getSnapshot());
    } catch {
      // nothing can be done while the page goes away
    }
  };
  const onVisibility = (): void => {
    if (finished || win.document?.visibilityState !== 'hidden') return;
    try {
      adapter.flush();
    } catch {
      // the adapter reports its own failures
    }
  };
  const doc = win.document;
  const visibilityTarget: EventTargetLike =
    typeof doc?.addEventListener === 'function' && typeof doc.removeEventListener === 'function'
      ? (doc as EventTargetLike)
      : win;
  win.addEventListener('pagehide', onPageHide);
  visibilityTarget.addEventListener('visibilitychange', onVisibility);
  return () => {
    win.removeEventListener('pagehide', onPageHide);
    visibilityTarget.removeEventListener('visibilitychange', onVisibility);
  };
}
