/**
 * The analysis walks each scenario's states by hand (stateGraph in src/lib/engine/analysis.ts)
 * instead of stepping the xstate machine through them: the walk must find exactly what
 * xstate/graph's adjacency map finds with the machine the player plays — the same states in the
 * same order, each with the same snapshot (node, ended or not, flags, points) and the same steps.
 * Compared on the real course, on every fixture that compiles and on random scenarios, broken
 * ones included (loops, dead ends, guarded options, branches that never hold).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lib/content/load';
import { adjacency, stateGraph } from '../../src/lib/engine/analysis';
import { nodeIdOf, type RunEvent, type RunSnapshot } from '../../src/lib/engine/machine';
import type { Scenario } from '../../src/lib/course/types';
import { tempContent } from './helpers';
import { randomScenario } from './random-scenarios';

/** The adjacency map as the walk writes it. */
function fromXstate(s: Scenario) {
  return Object.entries(adjacency(s)).map(([key, e]) => ({
    key,
    state: { node: nodeIdOf(e.state), done: e.state.status === 'done', flags: e.state.context.flags, points: e.state.context.points },
    steps: (Object.values(e.transitions) as { event: RunEvent; state: RunSnapshot }[]).map((t) => {
      const option = (t.event as { optionId?: string }).optionId;
      return { ...(option !== undefined ? { option } : {}), state: { node: nodeIdOf(t.state), done: t.state.status === 'done', flags: t.state.context.flags, points: t.state.context.points } };
    }),
  }));
}
const walked = (s: Scenario) => [...stateGraph(s).values()];

const fixtureScenarios = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadCourse(tempContent({ [f.replace(/\.yaml$/, '')]: readFileSync(`${dir}/${f}`, 'utf8') })).scenarios);

describe('the hand walk of the state graph is the machine’s', () => {
  it('on the real course and the fixture courses', () => {
    const scenarios = ['scenarios', 'tests/fixtures/library', 'tests/fixtures/showcase'].flatMap((d) => loadCourse(d).scenarios);
    expect(scenarios.length).toBeGreaterThan(20);
    for (const s of scenarios) expect(walked(s), s.id).toEqual(fromXstate(s));
  });

  it('on every single-file fixture that compiles, broken ones included', () => {
    const scenarios = ['tests/fixtures/bad', 'tests/fixtures/gates', 'tests/fixtures/good'].flatMap(fixtureScenarios);
    expect(scenarios.length).toBeGreaterThan(20);
    for (const s of scenarios) expect(walked(s), s.file).toEqual(fromXstate(s));
  });

  it('on random scenarios, whether or not the check accepts them', () => {
    let compared = 0;
    fc.assert(
      fc.property(randomScenario('rand'), (sc) => {
        for (const s of loadCourse(tempContent({ rand: sc.yaml })).scenarios) {
          expect(walked(s)).toEqual(fromXstate(s));
          compared++;
        }
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
