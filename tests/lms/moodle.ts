/**
 * The real Moodle the suite runs against, seen from Node: where it is, how to run a PHP script or a
 * query on it, and the few questions the tests ask of its database.
 *
 * Two ways to provide one (README "Testing against a real Moodle"):
 *  - the kit in ../shared/moodle (or MOODLE_KIT=<folder with moodle.sh>): `moodle.sh start` installs and
 *    serves it; MOODLE_HOME, MOODLE_PORT and MOODLE_DB are the kit's own settings and pass through;
 *    queries go through `moodle.sh sql`;
 *  - a Moodle of your own: MOODLE_URL=<its address> and MOODLE_DIR=<its code, the folder with config.php>,
 *    on this machine (scripts run with `php`, or MOODLE_PHP); queries go through Moodle's own database API.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMoodle as find } from '../../scripts/moodle-kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(HERE, '../..');
const SITE_PHP = join(HERE, 'php', 'site.php');

export type MoodleSource = { kind: 'kit'; kit: string } | { kind: 'own'; url: string; dir: string; php: string };

/** Where the Moodle is, or why there is none (see scripts/moodle-kit.mjs). */
export const findMoodle = (env: NodeJS.ProcessEnv = process.env): MoodleSource | { missing: string } => find(env) as MoodleSource | { missing: string };

export class Moodle {
  constructor(
    readonly source: MoodleSource,
    readonly url: string,
  ) {}

  /** Starts the kit's Moodle (installing it the first time: minutes), unless it is serving already; your own is used as it is. */
  static start(source: MoodleSource): Moodle {
    if (source.kind === 'own') return new Moodle(source, source.url);
    const sh = join(source.kit, 'moodle.sh');
    // `start` on a kit that is serving would unpack its source again (a minute, on a busy machine)
    const status = spawnSync(sh, ['status'], { encoding: 'utf8' });
    const serving = status.status === 0 ? status.stdout.trim().split('\n').at(-1)?.trim() ?? '' : '';
    if (/^https?:\/\//.test(serving)) return new Moodle(source, serving);
    const out = execFileSync(sh, ['start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    const url = out.trim().split('\n').at(-1)?.trim() ?? '';
    if (!/^https?:\/\//.test(url)) throw new Error(`moodle.sh start printed no address (got "${url}")`);
    return new Moodle(source, url);
  }

  /** Runs a PHP CLI script against this Moodle; returns its standard output. */
  php(script: string, args: string[]): string {
    const s = this.source;
    if (s.kind === 'kit') return execFileSync(join(s.kit, 'moodle.sh'), ['php', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return execFileSync(s.php, [script, ...args], { encoding: 'utf8', env: { ...process.env, MOODLE_DIR: s.dir }, maxBuffer: 1 << 26 });
  }

  /** Rows of a query (tables named with the mdl_ prefix), every value a string or null, as Moodle stores them. */
  sql<T = Record<string, string | null>>(query: string): T[] {
    const s = this.source;
    if (s.kind === 'own') return JSON.parse(this.php(SITE_PHP, ['sql', query])) as T[];
    // one JSON cell (newlines taken out, so psql prints it on one line), the third line of its table
    const wrapped = `SELECT replace(coalesce(json_agg(q), '[]'::json)::text, E'\\n', ' ') AS j FROM (${query}) q`;
    const out = execFileSync(join(s.kit, 'moodle.sh'), ['sql', wrapped], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = out.split('\n')[2]?.trim() ?? '';
    const rows = JSON.parse(line) as Record<string, unknown>[];
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)]))) as T[];
  }

  /** Builds the course, users and activities of a plan (see php/site.php); returns their ids. */
  plan(planFile: string): SiteIds {
    return JSON.parse(this.php(SITE_PHP, ['plan', planFile])) as SiteIds;
  }

  // ---- what Moodle stored ---------------------------------------------------------------------

  /** Every element Moodle keeps for one attempt of a user at an activity, by name. */
  track(scormid: number, userid: number, attempt = 1): Record<string, string> {
    const rows = this.sql<{ element: string; value: string }>(
      `SELECT e.element, v.value FROM mdl_scorm_scoes_value v JOIN mdl_scorm_attempt a ON a.id = v.attemptid ` +
        `JOIN mdl_scorm_element e ON e.id = v.elementid WHERE a.scormid = ${scormid} AND a.userid = ${userid} AND a.attempt = ${attempt}`,
    );
    return Object.fromEntries(rows.map((r) => [r.element, r.value ?? '']));
  }

  /** The attempt numbers a user has at an activity. */
  attempts(scormid: number, userid: number): number[] {
    return this.sql<{ attempt: string }>(`SELECT attempt FROM mdl_scorm_attempt WHERE scormid = ${scormid} AND userid = ${userid} ORDER BY attempt`).map((r) =>
      Number(r.attempt),
    );
  }

  /** The user's grade in the gradebook for the activity (null: none). */
  grade(scormid: number, userid: number): number | null {
    const [row] = this.sql<{ finalgrade: string | null }>(
      `SELECT gg.finalgrade FROM mdl_grade_grades gg JOIN mdl_grade_items gi ON gi.id = gg.itemid ` +
        `WHERE gi.itemmodule = 'scorm' AND gi.iteminstance = ${scormid} AND gg.userid = ${userid}`,
    );
    return row?.finalgrade == null ? null : Number(row.finalgrade);
  }

  /** Activity completion: 0 not complete, 1 complete, 2 complete and passed, 3 complete and failed (Moodle's COMPLETION_*). */
  completion(cmid: number, userid: number): number {
    const [row] = this.sql<{ completionstate: string }>(
      `SELECT completionstate FROM mdl_course_modules_completion WHERE coursemoduleid = ${cmid} AND userid = ${userid}`,
    );
    return row ? Number(row.completionstate) : 0;
  }
}

export interface SiteIds {
  courseid: number;
  users: Record<string, number>;
  activities: Record<string, { cmid: number; scormid: number; version: string }>;
}

/** One interaction of an attempt as stored, whichever version wrote it (1.2 `cmi.interactions_N.x`, 2004 `cmi.interactions.N.x`). */
export interface StoredInteraction {
  n: number;
  id: string;
  type?: string;
  response?: string;
  result?: string;
  weighting?: string;
  correct: string[];
  latency?: string;
  at?: string;
  description?: string;
}

export function interactionsOf(track: Record<string, string>): StoredInteraction[] {
  const byN = new Map<number, StoredInteraction>();
  for (const [element, value] of Object.entries(track)) {
    const m = /^cmi\.interactions[._](\d+)\.(.+)$/.exec(element);
    if (!m) continue;
    const n = Number(m[1]);
    const it = byN.get(n) ?? { n, id: '', correct: [] };
    const field = m[2];
    const pattern = /^correct_responses[._](\d+)\.pattern$/.exec(field);
    if (pattern) it.correct[Number(pattern[1])] = value;
    else if (field === 'id') it.id = value;
    else if (field === 'type') it.type = value;
    else if (field === 'student_response' || field === 'learner_response') it.response = value;
    else if (field === 'result') it.result = value;
    else if (field === 'weighting') it.weighting = value;
    else if (field === 'latency') it.latency = value;
    else if (field === 'time' || field === 'timestamp') it.at = value;
    else if (field === 'description') it.description = value;
    byN.set(n, it);
  }
  return [...byN.values()].sort((a, b) => a.n - b.n);
}
