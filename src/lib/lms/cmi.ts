/**
 * What the course writes to the LMS, element by element, in each SCORM version's own vocabulary.
 * Pure: given a decision or snapshot, returns the (element, value) pairs in the order to set them.
 * The adapter reports what it is given: no score is computed here, only re-expressed.
 */
import type { DecisionRecord } from '../course/types';
import type { ScormVersion } from './discover';
import { isoDuration, isoTimestamp, scorm12ClockTime, scorm12Time } from './format';
import type { LmsSnapshot } from './types';

export type Pair = readonly [element: string, value: string];

export interface Dialect {
  version: ScormVersion;
  /** the API's function names */
  fn: {
    initialize: string;
    terminate: string;
    getValue: string;
    setValue: string;
    commit: string;
    getLastError: string;
    getErrorString: string;
  };
  el: {
    entry: string;
    location: string;
    suspendData: string;
    learnerName: string;
    learnerId: string;
    /** the status set to "incomplete" on first launch */
    status: string;
    interactionCount: string;
    exit: string;
  };
  /** most characters of suspend_data the version allows (the SPM) */
  suspendLimit: number;
  /** statuses meaning "never started": replaced by incomplete on launch */
  freshStatuses: readonly string[];
  interaction(n: number, d: DecisionRecord, at: Date): Pair[];
  /** score, progress, location, suspend_data, status and exit, in that order */
  snapshot(s: LmsSnapshot, reportFailed: boolean): Pair[];
  sessionTime(ms: number): Pair;
}

/** SCORM 2004 localized_string_type SPM for cmi.interactions.n.description. */
export const DESCRIPTION_SPM = 250;

/**
 * `<scenarioId>.<decisionId>`: stable, so the same decision has the same id in every attempt and
 * every version; only letters, digits, '-' and '.' (valid as a 1.2 CMIIdentifier and a 2004
 * long_identifier_type).
 */
export function interactionId(d: Pick<DecisionRecord, 'scenarioId' | 'decisionId'>): string {
  const id = `${d.scenarioId}.${d.decisionId}`.replace(/[^A-Za-z0-9.-]+/g, '-');
  return id.replace(/^[.-]+/, '') || 'decision';
}

/** Plain text, whitespace collapsed, at most `max` characters (code points) with an ellipsis when cut. */
export function clip(text: string, max = DESCRIPTION_SPM): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

const clamp = (x: number, lo: number, hi: number): number => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo);

/** A real number as SCORM wants it: plain decimal, at most 7 decimal places (2004 real(10,7)). */
export function decimal(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const r = Math.round(x * 1e7) / 1e7;
  return Object.is(r, -0) ? '0' : String(r);
}

const correct = (d: DecisionRecord): boolean => d.verdict === 'best';

export const scorm12: Dialect = {
  version: 'scorm12',
  fn: {
    initialize: 'LMSInitialize',
    terminate: 'LMSFinish',
    getValue: 'LMSGetValue',
    setValue: 'LMSSetValue',
    commit: 'LMSCommit',
    getLastError: 'LMSGetLastError',
    getErrorString: 'LMSGetErrorString',
  },
  el: {
    entry: 'cmi.core.entry',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    learnerName: 'cmi.core.student_name',
    learnerId: 'cmi.core.student_id',
    status: 'cmi.core.lesson_status',
    interactionCount: 'cmi.interactions._count',
    exit: 'cmi.core.exit',
  },
  suspendLimit: 4096,
  freshStatuses: ['not attempted', ''],
  interaction(n, d, at) {
    const p = `cmi.interactions.${n}.`;
    const pairs: Pair[] = [
      [p + 'id', interactionId(d)],
      [p + 'type', 'choice'],
      [p + 'student_response', d.optionId],
    ];
    // each best option is a correct answer on its own: one pattern per option, not "choose them all"
    d.bestOptionIds.forEach((id, k) => pairs.push([p + `correct_responses.${k}.pattern`, id]));
    pairs.push(
      // 1.2's vocabulary is correct/wrong/unanticipated/neutral: "incorrect" is 2004's.
      [p + 'result', correct(d) ? 'correct' : 'wrong'],
      [p + 'weighting', decimal(d.maxPoints)],
      [p + 'latency', scorm12Time(d.latencyMs)],
      [p + 'time', scorm12ClockTime(at)],
    );
    return pairs;
  },
  snapshot(s, reportFailed) {
    // SCORM 1.2 cmi.core.score.raw/min/max are CMIDecimal limited to 0..100 (LMSs and scorm-again
    // reject anything else), and many 1.2 LMSs show raw as a percentage whatever min/max say.
    // So 1.2 gets the score as a percentage: raw = round(scaled*100), min 0, max 100. The course's
    // own raw points go to SCORM 2004 only, where raw/min/max are unbounded and scaled is separate.
    const status = !s.completed ? 'incomplete' : s.passed ? 'passed' : reportFailed ? 'failed' : 'incomplete';
    return [
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
      ['cmi.core.score.raw', String(Math.round(clamp(s.scaled, 0, 1) * 100))],
      ['cmi.core.lesson_location', s.location],
      ['cmi.suspend_data', s.suspendData],
      ['cmi.core.lesson_status', status],
      // '' (normal) only when the LMS was told the attempt is over (passed/failed). A completed but
      // unpassed attempt reported as "incomplete" (reportFailed off) stays suspended, so the learner
      // comes back to their results and can retry scenarios instead of starting from nothing.
      ['cmi.core.exit', status === 'incomplete' ? 'suspend' : ''],
    ];
  },
  sessionTime: (ms) => ['cmi.core.session_time', scorm12Time(ms)],
};

export const scorm2004: Dialect = {
  version: 'scorm2004',
  fn: {
    initialize: 'Initialize',
    terminate: 'Terminate',
    getValue: 'GetValue',
    setValue: 'SetValue',
    commit: 'Commit',
    getLastError: 'GetLastError',
    getErrorString: 'GetErrorString',
  },
  el: {
    entry: 'cmi.entry',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    learnerName: 'cmi.learner_name',
    learnerId: 'cmi.learner_id',
    status: 'cmi.completion_status',
    interactionCount: 'cmi.interactions._count',
    exit: 'cmi.exit',
  },
  suspendLimit: 64000,
  freshStatuses: ['not attempted', 'unknown', ''],
  interaction(n, d, at) {
    const p = `cmi.interactions.${n}.`;
    // id first: 2004 rejects any other interaction element before the id is set (error 408).
    const pairs: Pair[] = [
      [p + 'id', interactionId(d)],
      [p + 'type', 'choice'],
      // one option chosen; several would be joined with the 2004 delimiter "[,]"
      [p + 'learner_response', d.optionId],
    ];
    // each best option is a correct answer on its own: one pattern per option ("a[,]c" would mean both together)
    d.bestOptionIds.forEach((id, k) => pairs.push([p + `correct_responses.${k}.pattern`, id]));
    pairs.push(
      [p + 'result', correct(d) ? 'correct' : 'incorrect'],
      [p + 'weighting', decimal(d.maxPoints)],
      [p + 'latency', isoDuration(d.latencyMs)],
      [p + 'timestamp', isoTimestamp(at)],
    );
    const description = clip(d.prompt);
    if (description) pairs.push([p + 'description', description]);
    return pairs;
  },
  snapshot(s) {
    // score.scaled only once the course is complete: with a pass threshold in the manifest
    // (scaled_passing_score), an LMS judges success_status from score.scaled itself, and a
    // part-way score would have it record "failed" for a learner who is simply not finished.
    return [
      ['cmi.score.min', decimal(s.scoreMin)],
      ['cmi.score.max', decimal(s.scoreMax)],
      ['cmi.score.raw', decimal(s.scoreRaw)],
      ...(s.completed ? ([['cmi.score.scaled', decimal(clamp(s.scaled, 0, 1))]] as Pair[]) : []),
      ['cmi.progress_measure', decimal(clamp(s.progress, 0, 1))],
      ['cmi.location', s.location],
      ['cmi.suspend_data', s.suspendData],
      ['cmi.completion_status', s.completed ? 'completed' : 'incomplete'],
      ['cmi.success_status', s.completed ? (s.passed ? 'passed' : 'failed') : 'unknown'],
      ['cmi.exit', s.completed ? 'normal' : 'suspend'],
    ];
  },
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
};

export const dialects: Record<ScormVersion, Dialect> = { scorm12, scorm2004 };
