/**
 * The course data the tutor tools read, looked up by what an LMS export holds: the interaction id
 * (`<scenarioId>.<decisionId>`, as the SCORM adapter writes it) and the option id.
 *
 * Where the course data comes from is the caller's business (the page bundles the built JSON, the
 * CLI reads it from disk): each passes a Course to `courseIndex`, so per-scenario loading can later
 * replace one function on each side without touching the analysis.
 */
import type { Course, DecisionNode, Option, Scenario } from '../course/types';
import { interactionId } from '../lms/cmi';
import { ScenarioRun } from '../engine/run';
import type { AttemptRule } from './types';

/**
 * Which play of a finished scenario counts when a learner replays it. The course's own rule is a
 * course.yaml setting (`scoredAttempt: first | best`, issue 11); until the course data carries one,
 * this is the rule. "first": the first finished play is the learner's own judgement, made before the
 * feedback showed the answers; a replay after reading the feedback measures recall, not judgement,
 * and a tutor planning a seminar wants to see what tempted the group.
 */
export const DEFAULT_ATTEMPT_RULE: AttemptRule = 'first';

/** The course's rule, read from the course data when it has one. */
export function attemptRuleOf(course: Course): AttemptRule {
  const c = course as Course & { scoredAttempt?: unknown };
  return c.scoredAttempt === 'best' || c.scoredAttempt === 'first' ? c.scoredAttempt : DEFAULT_ATTEMPT_RULE;
}

export interface DecisionRef {
  scenario: Scenario;
  node: DecisionNode;
  /** the interaction id the course writes for it */
  id: string;
}

export interface CourseIndex {
  course: Course;
  decision(interaction: string): DecisionRef | undefined;
  option(ref: DecisionRef, optionId: string): Option | undefined;
  scenario(id: string): Scenario | undefined;
  /** the decision a fresh play of the scenario starts at */
  firstDecision(scenarioId: string): string | undefined;
  /** the scenario id an interaction id names, known or not (the part before the first ".") */
  scenarioOf(interaction: string): string;
  /** decisions any of whose options cite the guidance item */
  decisionsCiting(itemId: string): DecisionRef[];
  unitOf(scenarioId: string): string;
  /** a theme's display name (the course data's, or the id in words) */
  themeTitle(themeId: string): string;
}

export function courseIndex(course: Course): CourseIndex {
  const decisions = new Map<string, DecisionRef>();
  const scenarios = new Map(course.scenarios.map((s) => [s.id, s]));
  const first = new Map<string, string>();
  const citing = new Map<string, DecisionRef[]>();
  const units = new Map<string, string>();
  const themes = new Map((course.themes ?? []).map((t) => [t.id, t.title]));
  for (const u of course.units) for (const s of u.scenarios) units.set(s, u.title);
  for (const s of course.scenarios) {
    for (const node of s.nodes) {
      if (node.kind !== 'decision') continue;
      const id = interactionId({ scenarioId: s.id, decisionId: node.id });
      const ref = { scenario: s, node, id };
      decisions.set(id, ref);
      for (const item of new Set(node.options.flatMap((o) => o.citations))) {
        const list = citing.get(item) ?? [];
        list.push(ref);
        citing.set(item, list);
      }
    }
  }
  return {
    course,
    decision: (interaction) => decisions.get(interaction),
    option: (ref, optionId) => ref.node.options.find((o) => o.id === optionId),
    scenario: (id) => scenarios.get(id),
    firstDecision(scenarioId) {
      if (first.has(scenarioId)) return first.get(scenarioId);
      const s = scenarios.get(scenarioId);
      let id: string | undefined;
      if (s) {
        const run = new ScenarioRun(s, () => 0);
        run.skipScenes();
        if (run.node.kind === 'decision') id = run.node.id;
      }
      if (id) first.set(scenarioId, id);
      return id;
    },
    scenarioOf: (interaction) => interaction.split('.')[0],
    decisionsCiting: (item) => citing.get(item) ?? [],
    unitOf: (scenarioId) => units.get(scenarioId) ?? '',
    themeTitle: (id) => themes.get(id) ?? id.replace(/-/g, ' '),
  };
}
