/**
 * Compiles a validated Scenario into an xstate v5 machine: one state per node,
 * namespaced events (`choice.select`, `step.next`), named guards and actions.
 * Pure: no Svelte, no browser API.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { Condition, Option, Scenario } from '../course/types';

export interface RunContext {
  /** flags set so far, sorted, no duplicates */
  flags: string[];
  /** points earned so far */
  points: number;
}

export type RunEvent = { type: 'choice.select'; optionId: string } | { type: 'step.next' };

export function holds(c: Condition | undefined, flags: readonly string[]): boolean {
  if (!c) return true;
  return (c.all ?? []).every((f) => flags.includes(f)) && !(c.none ?? []).some((f) => flags.includes(f));
}

export const withFlags = (flags: readonly string[], sets: readonly string[] | undefined): string[] =>
  sets?.length ? [...new Set([...flags, ...sets])].sort() : [...flags];

const scenarioSetup = setup({
  types: {
    context: {} as RunContext,
    events: {} as RunEvent,
  },
  guards: {
    /** a node's or option's condition holds on the current flags */
    conditionHolds: ({ context }, params: { when?: Condition }) => holds(params.when, context.flags),
    /**
     * The event picks this option, the option is offered, and this branch of its `next` applies:
     * isOption, conditionHolds and branchHolds in one guard (one guard object per transition keeps
     * machine creation cheap for large libraries).
     */
    takesBranch: ({ context, event }, params: { id: string; offered?: Condition; sets?: string[]; when?: Condition }) =>
      event.type === 'choice.select' &&
      event.optionId === params.id &&
      holds(params.offered, context.flags) &&
      holds(params.when, withFlags(context.flags, params.sets)),
  },
  actions: {
    choose: assign(({ context }, params: { points: number; sets?: string[] }) => ({
      points: context.points + params.points,
      flags: withFlags(context.flags, params.sets),
    })),
  },
});

function optionTransitions(o: Option) {
  return o.next.map((b) => ({
    guard: { type: 'takesBranch' as const, params: { id: o.id, offered: o.when, sets: o.sets, when: b.when } },
    target: b.to,
    actions: { type: 'choose' as const, params: { points: o.points, sets: o.sets } },
  }));
}

export function compileScenario(s: Scenario) {
  const states: Record<string, object> = {};
  for (const n of s.nodes) {
    if (n.kind === 'ending') states[n.id] = { type: 'final' };
    else if (n.kind === 'scene')
      states[n.id] = {
        on: { 'step.next': n.next.map((b) => ({ guard: { type: 'conditionHolds', params: { when: b.when } }, target: b.to })) },
      };
    else states[n.id] = { on: { 'choice.select': n.options.flatMap(optionTransitions) } };
  }
  // the state config is built from data, so its exact literal type is unknowable here
  return scenarioSetup.createMachine({
    id: s.id,
    context: { flags: [], points: 0 },
    initial: s.start,
    states: states as never,
  });
}

export type ScenarioMachine = ReturnType<typeof compileScenario>;
export type RunSnapshot = SnapshotFrom<ScenarioMachine>;

/** The node a snapshot stands on. */
export const nodeIdOf = (snap: RunSnapshot): string => String(snap.value);
