/**
 * Save status fan-out, shared by every face of one connection (so listeners registered before
 * start() keep hearing after a fall-back to standalone). A listener that throws is ignored.
 */
import type { SaveStatus } from './types';

export class StatusHub {
  private readonly listeners = new Set<(s: SaveStatus) => void>();
  private last: SaveStatus = { state: 'ok' };

  get current(): SaveStatus {
    return this.last;
  }

  subscribe(cb: (s: SaveStatus) => void): () => void {
    this.listeners.add(cb);
    return () => void this.listeners.delete(cb);
  }

  /** Tells every listener; an "ok" right after an "ok" is not news and is not repeated. */
  emit(s: SaveStatus): void {
    if (s.state === 'ok' && this.last.state === 'ok') return;
    this.last = s;
    for (const cb of [...this.listeners]) {
      try {
        cb(s);
      } catch {
        // a broken listener must not stop the save or the other listeners
      }
    }
  }
}

/** An exception as a short text for a status message. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message || e.name : String(e));

/** The last line of defence: nothing thrown inside (a bug, a malformed snapshot) leaves the adapter. */
export function guarded(hub: StatusHub, body: () => void): void {
  try {
    body();
  } catch (e) {
    hub.emit({ state: 'failing', message: `Saving stopped unexpectedly (${errorText(e)}).` });
  }
}
