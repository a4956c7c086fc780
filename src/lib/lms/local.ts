/**
 * What the course keeps on the learner's device (localStorage or whatever Storage it is given):
 *  - `<courseId>:backup`    the last progress code, in every face, so a decision made while the LMS
 *                           is failing is never lost;
 *  - `<courseId>:progress`  the standalone face's progress (no LMS);
 *  - `<courseId>:decisions` the standalone face's decisions, compact, for a CPD record later.
 * Every read tolerates missing or damaged data; every write reports failure instead of throwing.
 */
import type { DecisionRecord, Verdict } from '../course/types';
import { errorText } from './status';
import type { LmsKind, LmsSnapshot } from './types';

export interface LocalProgress {
  suspendData: string;
  location: string;
  /** ms since the epoch */
  updated: number;
  completed: boolean;
  passed: boolean;
  /** the course percentage 0–100 */
  percent: number;
  progress: number;
}

/** A decision as kept on the device: the DecisionRecord without what the course data can restore. */
export type LocalDecision = Pick<
  DecisionRecord,
  'scenarioId' | 'decisionId' | 'optionId' | 'verdict' | 'points' | 'maxPoints' | 'latencyMs' | 'at'
>;

export interface LocalBackup {
  suspendData: string;
  location: string;
  /** ms since the epoch of the last local write */
  updated: number;
  /** the LMS learner id it belongs to ('' when written without an LMS) */
  learnerId: string;
  kind: LmsKind;
  /** what the LMS last acknowledged with a successful commit, and when */
  confirmed?: { suspendData: string; at: number };
}

export interface LocalRecord {
  progress: LocalProgress | null;
  decisions: LocalDecision[];
  backup: LocalBackup | null;
}

/** Oldest decisions are dropped beyond this, so retried scenarios cannot fill the device. */
export const MAX_LOCAL_DECISIONS = 2000;

export function localKeys(courseId: string): { backup: string; progress: string; decisions: string } {
  return { backup: `${courseId}:backup`, progress: `${courseId}:progress`, decisions: `${courseId}:decisions` };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const VERDICTS: readonly string[] = ['best', 'acceptable', 'poor', 'harmful'];
const KINDS: readonly string[] = ['scorm12', 'scorm2004', 'standalone'];

function readJson(storage: Storage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** Runs a storage write; returns null, or the reason it failed (quota, storage disabled…). */
function tryWrite(write: () => void): string | null {
  try {
    write();
    return null;
  } catch (e) {
    return errorText(e);
  }
}

export function readProgress(storage: Storage, courseId: string): LocalProgress | null {
  const v = readJson(storage, localKeys(courseId).progress);
  if (!isObj(v)) return null;
  return {
    suspendData: str(v.suspendData),
    location: str(v.location),
    updated: num(v.updated),
    completed: v.completed === true,
    passed: v.passed === true,
    // copies written before the percentage was kept have the scaled score
    percent: typeof v.percent === 'number' ? num(v.percent) : Math.round(num(v.scaled) * 100),
    progress: num(v.progress),
  };
}

export function writeProgress(storage: Storage, courseId: string, s: LmsSnapshot, updated: number): string | null {
  const p: LocalProgress = {
    suspendData: s.suspendData,
    location: s.location,
    updated,
    completed: s.completed,
    passed: s.passed,
    percent: s.percent,
    progress: s.progress,
  };
  return tryWrite(() => storage.setItem(localKeys(courseId).progress, JSON.stringify(p)));
}

/** Stored as tuples to stay compact: [scenario, decision, option, verdict, points, max, latencyMs, at]. */
type DecisionTuple = [string, string, string, string, number, number, number, string];

function fromTuple(t: unknown): LocalDecision | null {
  if (!Array.isArray(t) || t.length < 8) return null;
  const verdict = str(t[3]);
  if (!VERDICTS.includes(verdict)) return null;
  return {
    scenarioId: str(t[0]),
    decisionId: str(t[1]),
    optionId: str(t[2]),
    verdict: verdict as Verdict,
    points: num(t[4]),
    maxPoints: num(t[5]),
    latencyMs: num(t[6]),
    at: str(t[7]),
  };
}

function readTuples(storage: Storage, courseId: string): unknown[] {
  const v = readJson(storage, localKeys(courseId).decisions);
  return Array.isArray(v) ? v : [];
}

export function readDecisions(storage: Storage, courseId: string): LocalDecision[] {
  return readTuples(storage, courseId)
    .map(fromTuple)
    .filter((d): d is LocalDecision => d !== null);
}

export function appendDecision(storage: Storage, courseId: string, d: DecisionRecord): string | null {
  const tuple: DecisionTuple = [d.scenarioId, d.decisionId, d.optionId, d.verdict, d.points, d.maxPoints, d.latencyMs, d.at];
  const list = [...readTuples(storage, courseId), tuple].slice(-MAX_LOCAL_DECISIONS);
  return tryWrite(() => storage.setItem(localKeys(courseId).decisions, JSON.stringify(list)));
}

export function readBackup(storage: Storage, courseId: string): LocalBackup | null {
  const v = readJson(storage, localKeys(courseId).backup);
  if (!isObj(v)) return null;
  const kind = str(v.kind);
  const backup: LocalBackup = {
    suspendData: str(v.suspendData),
    location: str(v.location),
    updated: num(v.updated),
    learnerId: str(v.learnerId),
    kind: (KINDS.includes(kind) ? kind : 'standalone') as LmsKind,
  };
  if (isObj(v.confirmed)) backup.confirmed = { suspendData: str(v.confirmed.suspendData), at: num(v.confirmed.at) };
  return backup;
}

export function writeBackup(storage: Storage, courseId: string, backup: LocalBackup): string | null {
  return tryWrite(() => storage.setItem(localKeys(courseId).backup, JSON.stringify(backup)));
}

/** Everything this course keeps on the device (for a CPD record, or to show before clearing). */
export function readLocalRecord(storage: Storage, courseId: string): LocalRecord {
  return {
    progress: readProgress(storage, courseId),
    decisions: readDecisions(storage, courseId),
    backup: readBackup(storage, courseId),
  };
}

/** Forgets everything this course kept on the device. Never throws. */
export function clearLocalRecord(storage: Storage, courseId: string): void {
  for (const key of Object.values(localKeys(courseId))) {
    try {
      storage.removeItem(key);
    } catch {
      // storage blocked: nothing was kept there either
    }
  }
}

/** A Storage that lives only as long as the page: used when the browser refuses localStorage. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key: string) => map.get(key) ?? null,
    key: (i: number) => [...map.keys()][i] ?? null,
    removeItem: (key: string) => void map.delete(key),
    setItem: (key: string, value: string) => void map.set(key, String(value)),
  };
}
