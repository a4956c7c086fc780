/**
 * The compact, versioned progress code kept in SCORM suspend_data and on the device.
 *
 *   1~<course version>~<scenario id>:<option>.<option>;<scenario id>:<option>~<check>
 *
 * Only choices are stored (the path); everything else (where the learner stands, the score,
 * whether a scenario is finished) is derived by replaying the path through the engine.
 * Scenario and option ids are stable, so a code stays readable across course versions:
 * after a course change each path is replayed and kept as far as it still applies.
 */
import type { Course, Scenario } from '../course/types';
import { replay } from './run';

export const CODEC_VERSION = '1';

export interface CourseProgress {
  /** scenario id → option ids chosen in the current attempt (absent: not started) */
  paths: Record<string, string[]>;
}

export class ProgressCodeError extends Error {
  override name = 'ProgressCodeError';
}

/** FNV-1a, 32 bit, as 6 base-36 characters: catches truncation and damage, not tampering. */
export function checksum(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

export function encodeProgress(course: Pick<Course, 'version' | 'scenarios'>, p: CourseProgress): string {
  const order = course.scenarios.map((s) => s.id);
  const body = Object.keys(p.paths)
    .filter((id) => p.paths[id].length > 0)
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((id) => `${id}:${p.paths[id].join('.')}`)
    .join(';');
  const head = `${CODEC_VERSION}~${course.version}~${body}`;
  return `${head}~${checksum(head)}`;
}

export interface Decoded {
  progress: CourseProgress;
  /** what the learner should be told (course changed, answers cleared…) */
  notices: string[];
}

/**
 * Reads a progress code. A damaged or unknown code throws ProgressCodeError with a clear reason;
 * a code from another course version keeps every path as far as it still applies.
 */
export function decodeProgress(course: Pick<Course, 'version' | 'scenarios'>, code: string): Decoded {
  if (typeof code !== 'string' || code.trim() === '') return { progress: { paths: {} }, notices: [] };
  const parts = code.split('~');
  if (parts.length !== 4) throw new ProgressCodeError(`saved progress is not in a known format (expected 4 parts, found ${parts.length})`);
  const [fmt, ver, body, check] = parts;
  if (fmt !== CODEC_VERSION) throw new ProgressCodeError(`saved progress uses format "${fmt.slice(0, 10)}", this course reads format ${CODEC_VERSION}`);
  if (checksum(`${fmt}~${ver}~${body}`) !== check) throw new ProgressCodeError('saved progress is damaged (its check code does not match)');
  const version = Number(ver);
  if (!Number.isInteger(version) || version < 1) throw new ProgressCodeError(`saved progress has an invalid course version "${ver}"`);

  const byId = new Map<string, Scenario>(course.scenarios.map((s) => [s.id, s]));
  const paths: Record<string, string[]> = {};
  const notices: string[] = [];
  const changed = version !== course.version;
  for (const entry of body ? body.split(';') : []) {
    const m = /^([a-z0-9][a-z0-9-]*):([a-z0-9.]+)$/.exec(entry);
    if (!m) throw new ProgressCodeError(`saved progress has an unreadable entry "${entry.slice(0, 40)}"`);
    const [, id, raw] = m;
    const path = raw.split('.');
    if (path.some((o) => o === '')) throw new ProgressCodeError(`saved progress has an empty choice in "${id}"`);
    if (id in paths) throw new ProgressCodeError(`saved progress lists scenario "${id}" twice`);
    const scenario = byId.get(id);
    if (!scenario) {
      if (!changed) throw new ProgressCodeError(`saved progress names scenario "${id}", which this course does not have`);
      notices.push(`The scenario "${id}" is no longer in the course; its answers were set aside.`);
      continue;
    }
    const { failedAt } = replay(scenario, path);
    if (failedAt === null) paths[id] = path;
    else if (!changed) throw new ProgressCodeError(`saved progress for "${id}" does not fit the scenario (choice ${failedAt + 1})`);
    else {
      if (failedAt > 0) paths[id] = path.slice(0, failedAt);
      notices.push(
        failedAt > 0
          ? `"${scenario.title}" has changed since you last played it: your first ${failedAt} answer${failedAt === 1 ? '' : 's'} still apply and you can carry on from there.`
          : `"${scenario.title}" has changed since you last played it, so it starts afresh.`,
      );
    }
  }
  if (changed && notices.length === 0) notices.push(`The course was updated (version ${version} → ${course.version}); all your answers still apply.`);
  return { progress: { paths }, notices };
}

/**
 * The scenario ids a progress code names, read without the course and without judging the code
 * (decodeProgress does that): what must be loaded before it can be decoded. Permissive on purpose:
 * naming one scenario too many only loads it.
 */
export function scenarioIdsIn(code: string): string[] {
  return [...(typeof code === 'string' ? code : '').matchAll(/(?:^|[~;])([a-z0-9][a-z0-9-]*):/g)].map((m) => m[1]);
}
