/**
 * Finding the LMS's SCORM API object: the standard search (ADL's "API discovery"),
 * from the course's window up through its parents to the top, then from the opener and its parents.
 * SCORM 2004 (API_1484_11) is searched for first, in every place, so it wins when both exist.
 */

export type ScormVersion = 'scorm12' | 'scorm2004';

/** The LMS API: an object of synchronous functions. Its return values are checked, never trusted. */
export type RawApi = Record<string, unknown>;

export interface FoundApi {
  version: ScormVersion;
  api: RawApi;
}

/** The most parent hops followed from one starting window (ADL's reference code uses 500). */
export const MAX_HOPS = 500;

const PROBES: readonly { version: ScormVersion; name: string; init: string }[] = [
  { version: 'scorm2004', name: 'API_1484_11', init: 'Initialize' },
  { version: 'scorm12', name: 'API', init: 'LMSInitialize' },
];

/** Reads one property of a window that may be cross-origin; an access error reads as undefined. */
function peek(win: unknown, key: string): unknown {
  if (win === null || (typeof win !== 'object' && typeof win !== 'function')) return undefined;
  try {
    return (win as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function apiIn(win: unknown, name: string, init: string): RawApi | null {
  const candidate = peek(win, name);
  if (candidate === null || (typeof candidate !== 'object' && typeof candidate !== 'function')) return null;
  return typeof peek(candidate, init) === 'function' ? (candidate as RawApi) : null;
}

/** The window itself, then each parent up to the top (a window whose parent is itself or missing). */
function chain(start: unknown): unknown[] {
  const wins: unknown[] = [];
  let win = start;
  for (let hops = 0; hops <= MAX_HOPS && win != null && !wins.includes(win); hops++) {
    wins.push(win);
    const parent = peek(win, 'parent');
    if (parent == null || parent === win) break;
    win = parent;
  }
  return wins;
}

/** Every window the search visits, in order: self and parents, then the opener(s) and their parents. */
export function searchOrder(win: unknown): unknown[] {
  const own = chain(win);
  const top = own[own.length - 1];
  const openers = [peek(win, 'opener'), peek(peek(win, 'top') ?? top, 'opener')];
  const order = [...own];
  for (const opener of openers) {
    if (opener == null) continue;
    for (const w of chain(opener)) if (!order.includes(w)) order.push(w);
  }
  return order;
}

/** The LMS API nearest the course, SCORM 2004 preferred; null when there is none. */
export function findApi(win: unknown): FoundApi | null {
  const order = searchOrder(win);
  for (const probe of PROBES) {
    for (const w of order) {
      const api = apiIn(w, probe.name, probe.init);
      if (api) return { version: probe.version, api };
    }
  }
  return null;
}
