/**
 * A learner's interaction journal → plays of scenarios, replayed through the engine.
 *
 * The LMS keeps a journal: a decision met again (a replayed scenario) is a new record with the same
 * id. So the journal is cut into plays: a record continues the learner's current play of its
 * scenario when the engine, following that play, stands at that decision and offers that option;
 * otherwise a record at the scenario's first decision starts a new play. A new LMS attempt starts
 * every scenario afresh. Records the engine cannot follow (ids or branches from another course
 * version) stay in their play as an unreadable tail: they are still counted as choices when the
 * decision and option ids exist, but only the part the engine could follow is scored.
 */
import type { DecisionNode, DecisionRecord, Option } from '../course/types';
import { ScenarioRun } from '../engine/run';
import type { CourseIndex, DecisionRef } from './course';
import type { AttemptRule, InteractionRecord } from './types';

export interface ReadRecord {
  raw: InteractionRecord;
  scenarioId: string;
  /** the course's decision for this id, if this version has it */
  ref?: DecisionRef;
  /** the course's option for the response, if the decision has it */
  option?: Option;
  /** the engine's record, when the engine followed the play this far */
  engine?: DecisionRecord;
}

export interface Play {
  scenarioId: string;
  attempt: number;
  records: ReadRecord[];
  /** the option ids the engine followed (the scorable path) */
  path: string[];
  done: boolean;
  points: number;
  /** index in records from which the engine could not follow, or null */
  brokenAt: number | null;
}

interface Live {
  play: Play;
  /** null when this course version has no such scenario */
  run: ScenarioRun | null;
}

function fits(run: ScenarioRun | null, node: DecisionNode, optionId: string): boolean {
  if (!run) return false;
  run.skipScenes();
  return !run.done && run.node.kind === 'decision' && run.node.id === node.id && run.options.some((o) => o.id === optionId);
}

/** Cuts a learner's records into plays, in the order they were started. */
export function playsOf(index: CourseIndex, records: readonly InteractionRecord[]): Play[] {
  const plays: Play[] = [];
  let live = new Map<string, Live>();
  let attempt = records[0]?.attempt ?? 1;
  for (const raw of records) {
    if (raw.attempt !== attempt) {
      attempt = raw.attempt;
      live = new Map(); // a new LMS attempt starts every scenario afresh
    }
    const ref = index.decision(raw.id);
    const scenarioId = ref?.scenario.id ?? index.scenarioOf(raw.id);
    const rec: ReadRecord = { raw, scenarioId, ref, option: ref ? index.option(ref, raw.response) : undefined };
    const current = live.get(scenarioId);
    const start = () => {
      const play: Play = { scenarioId, attempt, records: [], path: [], done: false, points: 0, brokenAt: null };
      plays.push(play);
      const s = index.scenario(scenarioId);
      const l: Live = { play, run: s ? new ScenarioRun(s, () => 0) : null };
      live.set(scenarioId, l);
      return l;
    };
    let l: Live;
    if (current && current.play.brokenAt === null && ref && fits(current.run, ref.node, raw.response)) l = current;
    else if (ref && index.firstDecision(scenarioId) === ref.node.id) l = start();
    else l = current ?? start();
    const play = l.play;
    play.records.push(rec);
    if (play.brokenAt !== null) continue;
    if (!ref || !l.run || !fits(l.run, ref.node, raw.response)) {
      play.brokenAt = play.records.length - 1;
      continue;
    }
    try {
      rec.engine = l.run.choose(raw.response);
      play.path.push(raw.response);
      l.run.skipScenes();
      play.done = l.run.done;
      play.points = l.run.points;
    } catch {
      play.brokenAt = play.records.length - 1;
    }
  }
  return plays;
}

/**
 * The play of each scenario that counts: under "first" the first finished play, under "best" the
 * finished play with the most points (the earlier on a tie); when none is finished, the latest
 * play, which is where the learner stands.
 */
export function countedPlays(plays: readonly Play[], rule: AttemptRule): Map<string, Play> {
  const byScenario = new Map<string, Play[]>();
  for (const p of plays) byScenario.set(p.scenarioId, [...(byScenario.get(p.scenarioId) ?? []), p]);
  const out = new Map<string, Play>();
  for (const [id, list] of byScenario) {
    const finished = list.filter((p) => p.done);
    if (!finished.length) out.set(id, list[list.length - 1]);
    else if (rule === 'first') out.set(id, finished[0]);
    else out.set(id, finished.reduce((a, b) => (b.points > a.points ? b : a)));
  }
  return out;
}
