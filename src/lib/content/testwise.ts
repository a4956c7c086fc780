/**
 * The test-wise check (issue 9 §1.2): play the whole course with policies that never read the
 * situation and see what they score. A course that measures judgement fails all of them.
 *
 * Each policy looks only at the options offered at a decision (flags and `when` respected, scenes
 * passed through) in authored order: never at the prompt, the artefact or the consequences. The
 * course score of a playthrough is the engine's own `courseState` (points earned ÷ points
 * available over every scenario), never recomputed here.
 *
 * Where a policy finds several options equally attractive (two options with as many process
 * words), it picks one at random, as a learner facing the player's shuffled order would; such a
 * policy is played TIE_RUNS times, seeded. The random policy is played RANDOM_RUNS times, seeded, so
 * every figure is the same on every run of the check. `first` and `last` use authored order: they
 * measure the cue the authors' order would give if the shuffle were ever off, and never tie.
 */
import type { Course, Option } from '../course/types';
import type { ChoiceGraph } from '../engine/analysis';
import { courseState, scenarioState, type ScenarioState } from '../engine/score';

export const POLICIES = ['longest', 'shortest', 'cautious', 'hedged', 'first', 'last', 'random'] as const;
export type Policy = (typeof POLICIES)[number];
export const RANDOM_RUNS = 1000;
export const TIE_RUNS = 200;
/** the margin the course aims for: every policy's mean below this (the gate itself is the pass mark) */
export const TESTWISE_TARGET = 0.55;

/**
 * Cautious, consultative, process wording: the words that make an option sound safe. An entry
 * ending in "*" is the start of a word ("consult*" counts "consultation"); the others are whole
 * words or phrases.
 */
export const CAUTIOUS_WORDS = [
  'ask*', 'explain*', 'explanation*', 'agree*', 'discuss*', 'talk*', 'talk it through', 'supervis*', 'consult*', 'wait*',
  'check*', 'polic*', 'contract*', 'boundar*', 'confidential*', 'careful*', 'gentl*', 'clarif*', 'consent*', 'permission*',
  'guidance', 'bacp', 'ethic*', 'framework', 'record*', 'document*', 'note', 'notes', 'noted', 'review*', 'reflect*',
  'pause*', 'advice', 'advis*', 'safeguard*', 'risk*', 'assess*', 'privacy', 'private*', 'secur*', 'professional*',
  'colleague*', 'manager*', 'respect*', 'acknowledg*', 'apologis*', 'apologiz*', 'sensitiv*', 'appropriat*', 'cautio*',
  'mindful*', 'transparen*', 'honest*', 'openly', 'reassur*', 'support*', 'together', 'session*', 'raise*', 'raising',
  'listen*', 'understand*', 'plan', 'plans', 'planning', 'prepar*', 'protect*', 'safe', 'safely', 'safety', 'law', 'laws',
  'legal*', 'data protection', 'insur*', 'training', 'calm*', 'warm*', 'thoughtful*',
] as const;

/** Hedges and softeners: the words that make an option sound measured (same notation). */
export const HEDGE_WORDS = [
  'might', 'may', 'perhaps', 'maybe', 'possibl*', 'probabl*', 'likely', 'could', 'would', "i'd", "we'd", "i'll try", 'try',
  'tries', 'trying', 'if', 'unless', 'for now', 'for the moment', 'for a while', 'for a bit', 'for the time being',
  'at this stage', 'at least', 'until', 'a bit', 'a little', 'somewhat', 'slightly', 'partly', 'sort of', 'kind of',
  'i think', 'wonder*', 'seem*', 'suggest*', 'consider*', 'tentativ*', 'in case', 'where possible', 'if needed', 'just',
] as const;

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** one regex per list, each entry at a word start; whole entries also end at a word end (apostrophes straightened first) */
const matcher = (words: readonly string[]) =>
  new RegExp(
    `(?<![a-z'])(?:${[...words]
      .sort((a, b) => b.length - a.length)
      .map((w) => (w.endsWith('*') ? escape(w.slice(0, -1)) : `${escape(w)}(?![a-z])`))
      .join('|')})`,
    'g',
  );
const CAUTIOUS = matcher(CAUTIOUS_WORDS);
const HEDGES = matcher(HEDGE_WORDS);
const normal = (text: string) => text.toLowerCase().replace(/[\u2018\u2019]/g, "'");

/** How many times an option's text uses the cautious list. */
export const cautiousScore = (text: string): number => normal(text).match(CAUTIOUS)?.length ?? 0;
/** How many times an option's text hedges. */
export const hedgeScore = (text: string): number => normal(text).match(HEDGES)?.length ?? 0;

/** The options a policy picks among: ids whose measure is highest, in authored order. */
type Measure = (o: Option) => number;
const MEASURES: Partial<Record<Policy, Measure>> = {
  longest: (o) => o.text.trim().length,
  shortest: (o) => -o.text.trim().length,
  cautious: (o) => cautiousScore(o.text),
  hedged: (o) => hedgeScore(o.text),
};

const cache = new Map<Policy, WeakMap<Option, number>>();
function measured(policy: Policy, o: Option): number {
  const known = cache.get(policy) ?? cache.set(policy, new WeakMap()).get(policy)!;
  let v = known.get(o);
  if (v === undefined) known.set(o, (v = MEASURES[policy]!(o)));
  return v;
}

/** mulberry32: small, fast and good enough to draw options; seeded per policy. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seedOf = (policy: string) => [...policy].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

export interface PolicyResult {
  /** mean course score over the runs, 0..1 */
  meanScaled: number;
  /** share of runs that pass the course, 0..1 */
  passRate: number;
  /** playthroughs of the whole course made (1 when the policy never met a tie) */
  runs: number;
}

/** Picks an option among those offered (authored order); `tied` when the choice had to be drawn. */
function pick(policy: Policy, options: Option[], rnd: () => number): { option: Option; tied: boolean } {
  if (policy === 'first') return { option: options[0], tied: false };
  if (policy === 'last') return { option: options[options.length - 1], tied: false };
  if (policy === 'random') return { option: options[Math.floor(rnd() * options.length)], tied: options.length > 1 };
  const values = options.map((o) => measured(policy, o));
  const top = Math.max(...values);
  const ties = options.filter((_, i) => values[i] === top);
  return ties.length === 1 ? { option: ties[0], tied: false } : { option: ties[Math.floor(rnd() * ties.length)], tied: true };
}

/**
 * Plays every policy over the whole course. `choices` comes from the analysis of each scenario,
 * and every scenario must carry its score range (`score`), as in the built course.
 */
export function testwise(course: Course, choices: Record<string, ChoiceGraph>, policies: readonly Policy[] = POLICIES): Record<Policy, PolicyResult> {
  const scored = course.scenarios.map((s) => {
    if (!s.score) throw new Error(`scenario "${s.id}" has no score range: analyse it first`);
    const graph = choices[s.id];
    const options = new Map(s.nodes.flatMap((n) => (n.kind === 'decision' ? n.options.map((o) => [`${n.id}|${o.id}`, o] as const) : [])));
    // per decision state: the options offered there and where each leads
    const states = new Map(
      Object.entries(graph.states).map(([key, st]) => [key, { offered: st.options.map((o) => options.get(`${st.node}|${o.id}`)!), to: st.options.map((o) => o.to) }]),
    );
    return { s, start: graph.start, states };
  });
  /** one playthrough of the course: every scenario from start to end */
  const play = (policy: Policy, rnd: () => number) => {
    const paths: Record<string, string[]> = {};
    let tied = false;
    for (const { s, start, states } of scored) {
      const path: string[] = [];
      for (let key = start; key; ) {
        const { offered, to } = states.get(key)!;
        const choice = pick(policy, offered, rnd);
        tied ||= choice.tied;
        path.push(choice.option.id);
        key = to[offered.indexOf(choice.option)];
        if (path.length > s.nodes.length * 8) throw new Error(`${s.id}: the ${policy} policy is going round in circles`);
      }
      paths[s.id] = path;
    }
    return { paths, tied };
  };
  // a scenario's path is replayed once, however many playthroughs take it; courseState does the rest
  const states = new Map<string, ScenarioState>();
  const stateOf = (s: Course['scenarios'][number], path: readonly string[] | undefined) => {
    const key = `${s.id}|${path?.join('.') ?? ''}`;
    let st = states.get(key);
    if (!st) states.set(key, (st = scenarioState(s, path)));
    return st;
  };
  const score = (paths: Record<string, string[]>) => {
    const st = courseState(course, { paths }, undefined, stateOf);
    return { scaled: st.score.scaled, passed: st.passed };
  };
  const out = {} as Record<Policy, PolicyResult>;
  for (const policy of policies) {
    const rnd = seededRandom(seedOf(policy));
    let sum = 0,
      passes = 0,
      runs = 0;
    const limit = policy === 'random' ? RANDOM_RUNS : TIE_RUNS;
    while (runs < limit) {
      const { paths, tied } = play(policy, rnd);
      const r = score(paths);
      sum += r.scaled;
      passes += r.passed ? 1 : 0;
      runs++;
      if (!tied && runs === 1) break; // nothing was drawn: every run would be this one
    }
    out[policy] = { meanScaled: sum / runs, passRate: passes / runs, runs };
  }
  return out;
}
