/**
 * What the course writes to the LMS, element by element, in each SCORM version's own vocabulary.
 * Pure: given a decision or snapshot, returns the (element, value) pairs in the order to set them.
 * The adapter reports what it is given: no score is computed here, only re-expressed.
 *
 * What each version records, and why (checked in a real Moodle 5.1 by tests/lms):
 *  - the score is the course percentage, 0–100 (min 0, max 100; 2004 scaled = raw / 100), and only
 *    once every scenario is finished: Moodle grades from score.raw read as a percentage, and a
 *    part-way score (31%, 64%…) would reach the gradebook as if it were a result;
 *  - status: incomplete until every scenario is finished, then passed or failed (1.2
 *    lesson_status; 2004 completion_status completed + success_status). "failed" never comes
 *    part-way, and a finished attempt is what makes Moodle offer "Start a new attempt";
 *  - exit is always "suspend": see `EXIT` below;
 *  - one interaction per decision that counts, id `<scenario>.<decision>`, type "choice", the option
 *    id as the response, result = the points it earned. Moodle's reports show result as it is
 *    written, and a tutor can tell a best choice from a harmful one; "wrong" for every choice but
 *    the best could not. 1.2 adds the weighting (the most points any option there earned, so 3/3
 *    is the best choice, 2/3 a reasonable one, 0/3 a harmful one), the best options as correct
 *    responses, the latency and the time of day.
 *    2004 keeps to those four elements. Moodle's 2004 player sends every element it holds (all
 *    interactions of the attempt, earlier sessions' too) with every save, and its save at "Exit
 *    activity" as one navigator.sendBeacon, which Chromium refuses above 64 KB: with six elements
 *    the whole course on its longest paths (92 decisions) needed 73 KB, and a learner leaving at
 *    the end of the course lost the session's time. With four it needs about 50 KB; the weighting
 *    and the best options of each decision are in the course data (scenarios/), keyed by the
 *    same ids, and the tutor view reads decisions from the response (src/lib/tutor). The content
 *    check warns when a course's 2004 save could pass its budget (lms/budget.ts).
 */
import type { DecisionRecord } from '../course/types';
import type { ScormVersion } from './discover';
import { isoDuration, scorm12ClockTime, scorm12Time } from './format';
import type { LmsSnapshot } from './types';
import { NAMES_12, NAMES_2004 } from './names';

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
    interactionCount: string;
    mode: string;
    credit: string;
  };
  /** most characters of suspend_data the version allows (the SPM) */
  suspendLimit: number;
  interaction(n: number, d: DecisionRecord, at: Date): Pair[];
  /** score (once complete), progress, location, suspend_data, status and exit, in that order */
  snapshot(s: LmsSnapshot): Pair[];
  sessionTime(ms: number): Pair;
}

/**
 * cmi.exit is "suspend" in every session, finished or not. Moodle decides whether an attempt is
 * over from its status (completed, passed or failed: the next launch is in review mode, and the
 * activity page offers "Start a new attempt"), not from exit; but in SCORM 2004 it reloads the
 * attempt's data only after exit "suspend", so "normal" at the end made a learner who came back
 * find an empty course, which then overwrote their record. LMSs built on Rustici's engine
 * (SCORM Cloud and the LMSs that embed it) reset the run-time data on relaunch when exit was not
 * "suspend", by default; Articulate Storyline sets "suspend" always for the same reason. A new
 * attempt stays the LMS's to give.
 */
export const EXIT = 'suspend';

/** The launch is for looking, not for credit: review, browse (Moodle's "Preview") or no-credit. */
/** A SCORM boolean answer: `true` or "true" (any case); anything else is a refusal. */
export const isTrue = (v: unknown): boolean => v === true || String(v).toLowerCase() === 'true';

export const readOnlyLaunch = (mode: string, credit: string): boolean => mode === 'review' || mode === 'browse' || credit === 'no-credit';

/**
 * `<scenarioId>.<decisionId>`: stable, so the same decision has the same id in every attempt and
 * every version; only letters, digits, '-' and '.' (valid as a 1.2 CMIIdentifier and a 2004
 * long_identifier_type).
 */
export function interactionId(d: Pick<DecisionRecord, 'scenarioId' | 'decisionId'>): string {
  const id = `${d.scenarioId}.${d.decisionId}`.replace(/[^A-Za-z0-9.-]+/g, '-');
  return id.replace(/^[.-]+/, '') || 'decision';
}

const clamp = (x: number, lo: number, hi: number): number => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo);

/** A real number as SCORM wants it: plain decimal, at most 7 decimal places (2004 real(10,7)). */
export function decimal(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const r = Math.round(x * 1e7) / 1e7;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The decision's points as its result, and the most it could have earned as its weighting. */
const scorePairs = (p: string, d: DecisionRecord): Pair[] => [
  [p + 'result', decimal(d.points)],
  [p + 'weighting', decimal(d.maxPoints)],
];

const percentOf = (s: LmsSnapshot): number => Math.round(clamp(s.percent, 0, 100));

export const scorm12: Dialect = {
  version: 'scorm12',
  ...NAMES_12,
  suspendLimit: 4096,
  interaction(n, d, at) {
    const p = `cmi.interactions.${n}.`;
    const pairs: Pair[] = [
      [p + 'id', interactionId(d)],
      [p + 'type', 'choice'],
      [p + 'student_response', d.optionId],
    ];
    // each best option is a correct answer on its own: one pattern per option, not "choose them all"
    d.bestOptionIds.forEach((id, k) => pairs.push([p + `correct_responses.${k}.pattern`, id]));
    pairs.push(...scorePairs(p, d), [p + 'latency', scorm12Time(d.latencyMs)], [p + 'time', scorm12ClockTime(at)]);
    return pairs;
  },
  snapshot(s) {
    // cmi.core.score.raw/min/max are CMIDecimal 0..100 (LMSs and scorm-again refuse anything else),
    // and Moodle grades from raw as a percentage: the course percentage, once complete.
    const score: Pair[] = s.completed
      ? [
          ['cmi.core.score.min', '0'],
          ['cmi.core.score.max', '100'],
          ['cmi.core.score.raw', String(percentOf(s))],
        ]
      : [];
    return [
      ...score,
      ['cmi.core.lesson_location', s.location],
      ['cmi.suspend_data', s.suspendData],
      ['cmi.core.lesson_status', !s.completed ? 'incomplete' : s.passed ? 'passed' : 'failed'],
      ['cmi.core.exit', EXIT],
    ];
  },
  sessionTime: (ms) => ['cmi.core.session_time', scorm12Time(ms)],
};

export const scorm2004: Dialect = {
  version: 'scorm2004',
  ...NAMES_2004,
  suspendLimit: 64000,
  interaction(n, d) {
    const p = `cmi.interactions.${n}.`;
    // id first: 2004 rejects any other interaction element before the id is set (error 408);
    // type before the response, which is checked against it. Four elements in all (see the top).
    return [[p + 'id', interactionId(d)], [p + 'type', 'choice'], [p + 'learner_response', d.optionId], [p + 'result', decimal(d.points)]];
  },
  snapshot(s) {
    // score.scaled only once complete as well: with the pass threshold in the manifest
    // (scaled_passing_score), an LMS judges success_status from score.scaled itself.
    const pct = percentOf(s);
    const score: Pair[] = s.completed
      ? [
          ['cmi.score.min', '0'],
          ['cmi.score.max', '100'],
          ['cmi.score.raw', String(pct)],
          ['cmi.score.scaled', decimal(pct / 100)],
        ]
      : [];
    return [
      ...score,
      ['cmi.progress_measure', decimal(clamp(s.progress, 0, 1))],
      ['cmi.location', s.location],
      ['cmi.suspend_data', s.suspendData],
      ['cmi.completion_status', s.completed ? 'completed' : 'incomplete'],
      ['cmi.success_status', s.completed ? (s.passed ? 'passed' : 'failed') : 'unknown'],
      ['cmi.exit', EXIT],
    ];
  },
  sessionTime: (ms) => ['cmi.session_time', isoDuration(ms)],
};

export const dialects: Record<ScormVersion, Dialect> = { scorm12, scorm2004 };
