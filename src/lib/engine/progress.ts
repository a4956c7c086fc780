/**
 * The compact, versioned progress code kept in SCORM suspend_data and on the device.
 *
 *   2~<course version>~<seed>~<entries>~<check>
 *
 * - <seed>: the attempt's option-order seed in base 36 (engine/order.ts);
 * - <entries>: `;`-separated, one per scenario played, in course order:
 *     `<scenario id>:<path>`              one play: the first play in progress, or the play that counts;
 *     `<scenario id>:<counted>/<replay>`  the play that counts, then a replay (practice) in progress or
 *                                         finished (empty right after "Try again");
 *   a path is the option ids chosen, joined by `.`;
 * - <check>: a checksum of everything before it.
 *
 * Format 1 (`1~<course version>~<entries>~<check>`, one path per scenario, no seed) is still read:
 * its paths mean what they meant then, and its seed is derived from its check, so reading the
 * same old code twice gives the same option order.
 *
 * Only choices are stored; everything else (where the learner stands, the scores, whether a
 * scenario is finished) is derived by replaying the paths through the engine. Scenario and option
 * ids are stable, so a code stays readable across course versions: after a course change each
 * path is replayed and kept as far as it still applies.
 */
import type { Course, Scenario } from '../course/types';
import { replay } from './run';
import { checksum, CODEC_VERSION, parse, ProgressCodeError } from './progress-code';

export { checksum, CODEC_VERSION, peekProgress, ProgressCodeError } from './progress-code';

export interface CourseProgress {
  /** scenario id → the play in progress: the first play, or a replay of a scenario that has a play that counts */
  paths: Record<string, string[]>;
  /** scenario id → the finished play that counts (engine/score.ts); a finished first play still in `paths` counts too */
  scored?: Record<string, string[]>;
  /** the attempt's option-order seed (engine/order.ts); 0 when not given */
  seed?: number;
}

type Progressable = Pick<Course, 'version' | 'scenarios'>;

export function encodeProgress(course: Progressable, p: CourseProgress): string {
  const order = course.scenarios.map((s) => s.id);
  const scored = p.scored ?? {};
  const ids = [...new Set([...Object.keys(scored), ...Object.keys(p.paths)])]
    .filter((id) => scored[id]?.length || p.paths[id]?.length)
    .sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const body = ids
    .map((id) => {
      const counted = scored[id];
      const current = p.paths[id];
      if (!counted?.length) return `${id}:${current.join('.')}`;
      return current === undefined ? `${id}:${counted.join('.')}` : `${id}:${counted.join('.')}/${current.join('.')}`;
    })
    .join(';');
  const head = `${CODEC_VERSION}~${course.version}~${((p.seed ?? 0) >>> 0).toString(36)}~${body}`;
  return `${head}~${checksum(head)}`;
}

export interface Decoded {
  progress: CourseProgress;
  /** what the learner should be told (course changed, answers cleared…) */
  notices: string[];
  /** there was no code: a new attempt, which needs a seed of its own */
  fresh: boolean;
}

/**
 * Reads a progress code into its canonical form: a finished single play is the play that counts
 * (`scored`), an unfinished one is in `paths`. A damaged or unknown code throws ProgressCodeError
 * with a clear reason; a code from another course version keeps every path as far as it still
 * applies (a play that counted but no longer finishes becomes a play in progress).
 */
export function decodeProgress(course: Progressable, code: string): Decoded {
  if (typeof code !== 'string' || code.trim() === '') return { progress: { paths: {}, scored: {}, seed: 0 }, notices: [], fresh: true };
  const { version, seed, entries } = parse(code);
  const byId = new Map<string, Scenario>(course.scenarios.map((s) => [s.id, s]));
  const paths: Record<string, string[]> = {};
  const scored: Record<string, string[]> = {};
  const notices: string[] = [];
  const changed = version !== course.version;

  /** The part of a path that still applies (all of it when the course is unchanged, or an error). */
  const fitting = (scenario: Scenario, path: string[]): { path: string[]; finished: boolean } => {
    const { run, failedAt } = replay(scenario, path);
    if (failedAt === null) {
      run.skipScenes(); // scenes after the last choice lead to the ending
      return { path, finished: run.done };
    }
    if (!changed) throw new ProgressCodeError(`saved progress for "${scenario.id}" does not fit the scenario (choice ${failedAt + 1})`);
    notices.push(
      failedAt > 0
        ? `"${scenario.title}" has changed since you last played it: your first ${failedAt} answer${failedAt === 1 ? '' : 's'} still apply and you can carry on from there.`
        : `"${scenario.title}" has changed since you last played it, so it starts afresh.`,
    );
    return { path: path.slice(0, failedAt), finished: false };
  };

  for (const e of entries) {
    const scenario = byId.get(e.id);
    if (!scenario) {
      if (!changed) throw new ProgressCodeError(`saved progress names scenario "${e.id}", which this course does not have`);
      notices.push(`The scenario "${e.id}" is no longer in the course; its answers were set aside.`);
      continue;
    }
    if (e.counted === null) {
      const one = fitting(scenario, e.current);
      if (one.finished) scored[e.id] = one.path;
      else if (one.path.length) paths[e.id] = one.path;
      continue;
    }
    const counted = fitting(scenario, e.counted);
    if (!counted.finished && !changed) throw new ProgressCodeError(`saved progress for "${e.id}" counts a play that is not finished`);
    const current = fitting(scenario, e.current);
    if (counted.finished) {
      scored[e.id] = counted.path;
      paths[e.id] = current.path;
    } else if (counted.path.length) paths[e.id] = counted.path; // the course changed under it: carry on with what still applies
  }
  if (changed && notices.length === 0) notices.push(`The course was updated (version ${version} → ${course.version}); all your answers still apply.`);
  return { progress: { paths, scored, seed }, notices, fresh: false };
}

/**
 * The scenario ids a progress code names, read without the course and without judging the code
 * (decodeProgress does that): what must be loaded before it can be decoded. Permissive on purpose:
 * naming one scenario too many only loads it.
 */
export function scenarioIdsIn(code: string): string[] {
  return [...(typeof code === 'string' ? code : '').matchAll(/(?:^|[~;])([a-z0-9][a-z0-9-]*):/g)].map((m) => m[1]);
}
