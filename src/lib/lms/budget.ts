/**
 * The size of one SCORM 2004 save in Moodle's own player, for a given set of decisions.
 *
 * Moodle's 2004 player (mod/scorm/datamodels/scorm_13.js, CollectData) sends every element it
 * holds that differs from its default, all interactions of the attempt included, with every save;
 * a save made while the page unloads (the learner's "Exit activity") goes as one
 * navigator.sendBeacon with a FormData body (mod/scorm/request.js), and Chromium refuses a beacon
 * once 64 KB are in flight. When that save is refused the learner loses the session's time and
 * the last location. So the most decisions one attempt can record is a limit of the course, and
 * the checker and tests/unit/lms/size.test.ts hold it to MOODLE_2004_SAVE_BUDGET.
 *
 * Written by hand: it is arithmetic on Chromium's multipart framing, which no library models.
 */
import type { DecisionRecord, Scenario } from '../course/types';
import { dialects } from './cmi';

/** What Chromium refuses above (the in-flight keepalive quota). */
export const BEACON_LIMIT = 64 * 1024;
/** What the course allows itself: room for the snapshot, a long progress code and Moodle's own fields. */
export const MOODLE_2004_SAVE_BUDGET = 56 * 1024;

const encoder = new TextEncoder();

/** Bytes of one field in Chromium's multipart body: boundary line, Content-Disposition with the name, blank line, value, CRLF. */
export const multipartBytes = (name: string, value: string): number =>
  44 + `Content-Disposition: form-data; name="${name}"`.length + 4 + encoder.encode(value).length + 2;

/** Moodle's field names: cmi.interactions.3.id → cmi__interactions__3__id */
const moodleName = (element: string): string => element.replace(/\./g, '__');

/**
 * The save Moodle's 2004 player sends at "Exit activity" once these decisions are recorded: every
 * interaction, a finished snapshot with a progress code of `suspendChars` characters, the session
 * and total time, and the fields Moodle adds itself.
 */
export function moodle2004SaveBytes(records: readonly DecisionRecord[], suspendChars = 1000): number {
  const d = dialects.scorm2004;
  const at = new Date(2026, 11, 1, 9, 0, 0);
  let bytes = 0;
  records.forEach((r, n) => {
    for (const [el, v] of d.interaction(n, r, at)) bytes += multipartBytes(moodleName(el), v);
  });
  const done = { completed: true, passed: true, percent: 100, progress: 1, location: 'home', suspendData: 'x'.repeat(suspendChars) };
  for (const [el, v] of [...d.snapshot(done), d.sessionTime(36_000_000)]) bytes += multipartBytes(moodleName(el), v);
  return bytes + multipartBytes('cmi__total_time', 'PT100H0M0S') + multipartBytes('adl__nav__request', '_none_') + multipartBytes('unloading', '1');
}

/**
 * An upper bound of the decisions one attempt can record, for a check that must stay fast: each
 * scenario's most decisions on one path (`maxDecisions`), each as long as its longest decision id
 * and option id, earning the most points allowed.
 */
export function worstRecords(scenarios: readonly Scenario[], maxDecisions: (s: Scenario) => number): DecisionRecord[] {
  return scenarios.flatMap((s) => {
    const decisions = s.nodes.flatMap((n) => (n.kind === 'decision' ? [n] : []));
    if (!decisions.length) return [];
    const longest = (ids: string[]) => ids.reduce((a, b) => (b.length > a.length ? b : a), '');
    const template: DecisionRecord = {
      scenarioId: s.id,
      decisionId: longest(decisions.map((d) => d.id)),
      optionId: longest(decisions.flatMap((d) => d.options.map((o) => o.id))),
      verdict: 'best',
      points: 10,
      maxPoints: 10,
      bestOptionIds: [],
      citations: [],
      latencyMs: 0,
      at: '',
      prompt: '',
    };
    return Array.from({ length: maxDecisions(s) }, () => template);
  });
}
