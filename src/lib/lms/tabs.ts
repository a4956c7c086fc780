/**
 * One window writes an attempt. When the same learner opens the same course again (a second tab,
 * a second LMS window), both would save their own progress over each other's, and both would
 * append interactions at the same indexes: the newest window wins and every older one stands
 * down. The older one hands over its latest progress code (it may know a decision the LMS had
 * not saved when the new window loaded) and tells its learner to carry on in the new window.
 *
 * Messages go over a BroadcastChannel (same origin: every window of the course, whichever frame
 * it sits in). Without BroadcastChannel there is no lock, as before.
 */

export interface TabChannel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export interface TabLockOptions {
  channel: TabChannel | null;
  /** the learner the attempt belongs to ('' without an LMS) */
  learner: string;
  /** this window's latest progress code, handed to the window that takes over */
  latestCode: () => string;
  /** another window took over: stop writing, tell the learner */
  onTakenOver: () => void;
  /** the window that stood down handed over its latest progress code */
  onHandover: (code: string) => void;
  /** a random id for this window */
  id?: string;
  /** when this window opened (ms); the newest claim wins, also when two windows open at once */
  at?: number;
}

type Message = { t: 'claim'; from: string; learner: string; at: number } | { t: 'yield'; from: string; to: string; learner: string; code: string };

function isMessage(v: unknown): v is Message {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (m.t === 'claim' || m.t === 'yield') && typeof m.from === 'string' && typeof m.learner === 'string';
}

/** Claims the attempt for this window; returns a function that lets go of it. */
export function claimAttempt(opts: TabLockOptions): () => void {
  const { channel } = opts;
  if (!channel) return () => undefined;
  const id = opts.id ?? Math.random().toString(36).slice(2);
  const at = opts.at ?? Date.now();
  /** a claim from a window opened after this one (ties: the larger id) */
  const newer = (m: { at: unknown; from: string }): boolean => typeof m.at === 'number' && (m.at > at || (m.at === at && m.from > id));
  let active = true;
  channel.onmessage = (event) => {
    const m = event.data;
    if (!isMessage(m) || m.learner !== opts.learner || m.from === id) return;
    if (m.t === 'claim' && active && newer(m)) {
      active = false;
      try {
        channel.postMessage({ t: 'yield', from: id, to: m.from, learner: opts.learner, code: opts.latestCode() } satisfies Message);
      } finally {
        opts.onTakenOver();
      }
    } else if (m.t === 'yield' && m.to === id && active && typeof m.code === 'string') {
      opts.onHandover(m.code);
    }
  };
  channel.postMessage({ t: 'claim', from: id, learner: opts.learner, at } satisfies Message);
  return () => {
    channel.onmessage = null;
    channel.close();
  };
}
