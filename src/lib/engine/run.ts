/**
 * Playing one scenario: a thin wrapper over the compiled machine that keeps the path taken
 * and turns each choice into a DecisionRecord. Used by the player, the codec and the tests.
 */
import { createActor, type Actor } from 'xstate';
import type { DecisionNode, Option, Scenario, ScenarioNode, DecisionRecord } from '../course/types';
import { compileScenario, holds, nodeIdOf, type RunSnapshot, type ScenarioMachine } from './machine';
import { htmlToText } from './text';

const machines = new WeakMap<Scenario, ScenarioMachine>();
export function machineFor(s: Scenario): ScenarioMachine {
  let m = machines.get(s);
  if (!m) machines.set(s, (m = compileScenario(s)));
  return m;
}

export function nodeById(s: Scenario, id: string): ScenarioNode {
  const n = s.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`scenario "${s.id}" has no node "${id}"`);
  return n;
}

/** Options the learner can see at a decision, given the flags set so far. */
export function availableOptions(node: DecisionNode, flags: readonly string[]): Option[] {
  return node.options.filter((o) => holds(o.when, flags));
}

export class ScenarioRun {
  readonly scenario: Scenario;
  private actor: Actor<ScenarioMachine>;
  /** option ids chosen, in order */
  readonly path: string[] = [];
  private enteredAt: number;

  constructor(scenario: Scenario, private now: () => number = Date.now) {
    this.scenario = scenario;
    this.actor = createActor(machineFor(scenario));
    this.actor.start();
    this.enteredAt = now();
  }

  get snapshot(): RunSnapshot {
    return this.actor.getSnapshot();
  }
  get node(): ScenarioNode {
    return nodeById(this.scenario, nodeIdOf(this.snapshot));
  }
  get flags(): string[] {
    return this.snapshot.context.flags;
  }
  get points(): number {
    return this.snapshot.context.points;
  }
  get done(): boolean {
    return this.snapshot.status === 'done';
  }
  get options(): Option[] {
    const n = this.node;
    return n.kind === 'decision' ? availableOptions(n, this.flags) : [];
  }

  /** Move on from a scene. */
  next(): void {
    if (this.node.kind !== 'scene') throw new Error(`"${this.node.id}" is not a scene`);
    this.actor.send({ type: 'step.next' });
  }

  /** Choose an option at the current decision; returns the record of that decision. */
  choose(optionId: string): DecisionRecord {
    const node = this.node;
    if (node.kind !== 'decision') throw new Error(`"${node.id}" is not a decision`);
    const offered = availableOptions(node, this.flags);
    const option = offered.find((o) => o.id === optionId);
    if (!option) throw new Error(`option "${optionId}" is not offered at "${this.scenario.id}.${node.id}"`);
    const before = this.snapshot;
    this.actor.send({ type: 'choice.select', optionId });
    if (this.snapshot === before || nodeIdOf(this.snapshot) === node.id) throw new Error(`option "${optionId}" at "${node.id}" leads nowhere`);
    this.path.push(optionId);
    const top = Math.max(...offered.map((o) => o.points));
    const now = this.now();
    const record: DecisionRecord = {
      scenarioId: this.scenario.id,
      decisionId: node.id,
      optionId,
      verdict: option.verdict,
      points: option.points,
      maxPoints: top,
      bestOptionIds: offered.filter((o) => o.verdict === 'best').map((o) => o.id),
      citations: option.citations,
      latencyMs: Math.max(0, now - this.enteredAt),
      at: new Date(now).toISOString(),
      prompt: htmlToText(node.prompt),
    };
    this.enteredAt = now;
    return record;
  }

  /** Latency is measured from here: after a replay, the learner's next decision starts now. */
  restartClock(): void {
    this.enteredAt = this.now();
  }

  /** Scenes between decisions are stepped through automatically. */
  skipScenes(): void {
    while (this.node.kind === 'scene') this.next();
  }
}

/**
 * Replays a saved path from the start. Scenes are passed through; each option must be offered
 * where it is met. Returns the run, or the index of the first step that no longer applies.
 */
export function replay(s: Scenario, path: readonly string[], now: () => number = Date.now): { run: ScenarioRun; failedAt: number | null } {
  const run = new ScenarioRun(s, now);
  let failedAt: number | null = null;
  for (let i = 0; i < path.length; i++) {
    run.skipScenes();
    if (run.node.kind !== 'decision' || !run.options.some((o) => o.id === path[i])) {
      failedAt = i;
      break;
    }
    run.choose(path[i]);
  }
  run.restartClock();
  return { run, failedAt };
}
