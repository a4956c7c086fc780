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
