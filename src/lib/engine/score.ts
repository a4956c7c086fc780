/**
 * Scores computed from paths: per scenario, per course, and per guidance theme, and the rule for
 * which play of a scenario counts.
 *
 * A scenario's result is its play that counts: the first finished play, or with `scoredAttempt:
 * best` in course.yaml the best-scoring finished play. Replays after that are practice: they are
 * kept (so a replay resumes) but never lower the scenario's result, so nothing a learner does
 * after passing can undo the pass.
 */
import type { Course, DecisionRecord, Scenario, ScoredAttempt } from '../course/types';
import type { CourseProgress } from './progress';
import { ScenarioRun } from './run';

export interface Score {
  /** points earned */
  raw: number;
  /** the fewest points any path can earn (for analysis; the percentage does not use it) */
  min: number;
  /** points available: what the strongest path earns */
  max: number;
  /** 0..1: points earned ÷ points available (raw / max). The course percentage, the LMS grade and
   * every score the learner sees are this one figure, so "7 of 9 points" always reads as 78%. */
  scaled: number;
}

export const scaledOf = (raw: number, max: number): number => (max > 0 ? Math.min(1, Math.max(0, raw / max)) : 1);

/** Plays a path and returns its decision records (latency and time are zero: replays are not timed). Throws if a choice is not offered. */
export function recordsOf(s: Scenario, path: readonly string[]): { records: DecisionRecord[]; run: ScenarioRun } {
  const run = new ScenarioRun(s, () => 0);
  const records: DecisionRecord[] = [];
  for (const optionId of path) {
    run.skipScenes();
    records.push(run.choose(optionId));
  }
  return { records, run };
}

export interface ScenarioState {
  id: string;
  started: boolean;
  done: boolean;
  /** the ending reached, if done */
  ending: string | null;
  score: Score;
  records: DecisionRecord[];
}

/** A scenario within the course: its result (the play that counts, or the first play in progress) and any replay. */
export interface CourseScenarioState extends ScenarioState {
  /** a replay (practice) after the play that counts: in progress, or finished; null when there is none */
  replay: ScenarioState | null;
}

export function scenarioState(s: Scenario, path: readonly string[] | undefined): ScenarioState {
  const range = s.score ?? { min: 0, max: 0 };
  // not started: nothing to replay (keeps the home page from running every machine)
  if (!path?.length) return { id: s.id, started: false, done: false, ending: null, score: { raw: 0, min: range.min, max: range.max, scaled: 0 }, records: [] };
  const { records, run } = recordsOf(s, path ?? []);
  run.skipScenes();
  const raw = run.points;
  return {
    id: s.id,
    started: (path?.length ?? 0) > 0,
    done: run.done,
    ending: run.done ? run.node.id : null,
    score: { raw, min: range.min, max: range.max, scaled: scaledOf(raw, range.max) },
    records,
  };
}

export interface ThemeScore {
  theme: string;
  earned: number;
  possible: number;
}

export interface CourseState {
  scenarios: CourseScenarioState[];
  completed: boolean;
  /** completed, and the course percentage reaches the pass mark */
  passed: boolean;
  /** the course score as the learner sees it and the LMS records it: round(scaled × 100), 0–100 */
  percent: number;
  /** finished scenarios / all scenarios in scope */
  progress: number;
  score: Score;
  themes: ThemeScore[];
}

/** A scenario's result (the play that counts, else the first play as far as it went) and any replay after it. */
function courseScenarioState(s: Scenario, p: CourseProgress, stateOf: typeof scenarioState): CourseScenarioState {
  const scored = p.scored?.[s.id];
  // no play counted yet: the first play, which counts once it is finished
  if (!scored) return { ...stateOf(s, p.paths[s.id]), replay: null };
  const replay = p.paths[s.id];
  return { ...stateOf(s, scored), replay: replay ? { ...stateOf(s, replay), started: true } : null };
}

/** The canonical progress: every finished first play moved from `paths` to `scored` (what decodeProgress returns too). */
export function normalize(scenarios: readonly Scenario[], p: CourseProgress): CourseProgress {
  const scored = { ...(p.scored ?? {}) };
  const paths = { ...p.paths };
  for (const s of scenarios) {
    if (scored[s.id] || !paths[s.id]?.length || !scenarioState(s, paths[s.id]).done) continue;
    scored[s.id] = paths[s.id];
    delete paths[s.id];
  }
  return { ...p, paths, scored };
}

/**
 * The progress once the current play of a scenario has reached `path` (a decision was made).
 * `counted` is true when this play is now the one that counts: a first play that has just
 * finished, or (rule "best") a replay that has just finished above the result so far. Ties keep
 * the earlier play.
 */
export function afterPlay(scenarios: readonly Scenario[], p: CourseProgress, s: Scenario, path: readonly string[], rule: ScoredAttempt): { progress: CourseProgress; counted: boolean } {
  const before = normalize(scenarios, p);
  const scored = { ...before.scored };
  const paths = { ...before.paths, [s.id]: [...path] };
  const state = scenarioState(s, path);
  const prior = scored[s.id];
  const counts = state.done && (!prior || (rule === 'best' && state.score.raw > scenarioState(s, prior).score.raw));
  if (counts) {
    scored[s.id] = [...path];
    delete paths[s.id];
  }
  return { progress: { ...before, paths, scored }, counted: counts };
}

/** "Try again": a replay of the scenario starts (practice when it has a play that counts; otherwise the play starts over). */
export function startReplay(scenarios: readonly Scenario[], p: CourseProgress, scenarioId: string): CourseProgress {
  const before = normalize(scenarios, p);
  return { ...before, paths: { ...before.paths, [scenarioId]: [] } };
}

/**
 * The course's state for the scenarios in scope (the whole course, or one unit's package).
 * The course score adds raw, min and max over the plays that count; an unfinished scenario earns
 * nothing yet, so the percentage (earned ÷ available) only rises as the learner plays, and
 * replays never lower it. `stateOf` lets a caller that scores thousands of playthroughs (the
 * test-wise check) reuse each scenario's state instead of replaying it; it must return what
 * scenarioState returns.
 */
export function courseState(course: Course, p: CourseProgress, scope?: string[], stateOf: typeof scenarioState = scenarioState): CourseState {
  const inScope = course.scenarios.filter((s) => !scope || scope.includes(s.id));
  const states = inScope.map((s) => courseScenarioState(s, p, stateOf));
  const guidance = new Map(course.guidance.map((g) => [g.id, g]));
  let raw = 0,
    min = 0,
    max = 0;
  const themes = new Map<string, ThemeScore>();
  for (const st of states) {
    raw += st.done ? st.score.raw : 0;
    min += st.score.min;
    max += st.score.max;
    for (const r of st.records) {
      const s = inScope.find((x) => x.id === r.scenarioId)!;
      const node = s.nodes.find((n) => n.id === r.decisionId);
      if (node?.kind !== 'decision') continue;
      // a decision teaches the themes its best option cites
      const cited = new Set(node.options.filter((o) => r.bestOptionIds.includes(o.id)).flatMap((o) => o.citations));
      const tagged = new Set([...cited].map((c) => guidance.get(c)?.theme).filter((t): t is string => !!t));
      for (const t of tagged) {
        const ts = themes.get(t) ?? { theme: t, earned: 0, possible: 0 };
        ts.earned += r.points;
        ts.possible += r.maxPoints;
        themes.set(t, ts);
      }
    }
  }
  const done = states.filter((s) => s.done).length;
  const scaled = scaledOf(raw, max);
  const completed = states.length > 0 && done === states.length;
  // one percentage everywhere (results page, gradebook, pass decision): a learner shown 70% has passed at 70
  const percent = Math.round(scaled * 100);
  return {
    scenarios: states,
    completed,
    passed: completed && percent >= course.passMark,
    percent,
    progress: states.length ? done / states.length : 0,
    score: { raw, min, max, scaled },
    themes: [...themes.values()].sort((a, b) => a.theme.localeCompare(b.theme)),
  };
}
