/** The engine on the demo fixture: machine, guards and flags, replay, scoring, graph analysis. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { ScenarioRun, replay } from '../../src/lib/engine/run';
import { allPaths, analyseScenario } from '../../src/lib/engine/analysis';
import { scenarioState } from '../../src/lib/engine/score';
import { tempContent } from './helpers';

const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/good/demo.yaml', 'utf8') }));
const demo = r.course!.scenarios[0];

describe('engine', () => {
  it('starts on the start node and steps through a scene with step.next', () => {
    const run = new ScenarioRun(demo);
    expect(run.node.id).toBe('intro');
    run.next();
    expect(run.node.id).toBe('first');
    expect(run.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('a flag set early changes the branch taken later', () => {
    const talked = replay(demo, ['a']).run;
    talked.skipScenes();
    expect(talked.node.id).toBe('second');
    const silent = replay(demo, ['c']).run;
    silent.skipScenes();
    expect(silent.node.id).toBe('second-late');
    // option c there is offered only when the flag is not set
    expect(silent.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('a choice yields a decision record with the best options, points and citations', () => {
    const run = new ScenarioRun(demo, () => 1000);
    run.skipScenes();
    const d = run.choose('b');
    expect(d).toMatchObject({ scenarioId: 'demo', decisionId: 'first', optionId: 'b', verdict: 'harmful', points: 0, maxPoints: 3, bestOptionIds: ['a'], citations: ['G-3.1-d'] });
    expect(d.prompt).toBe('What do you do?');
  });

  it('refuses an option that is not offered, and a choice at a scene', () => {
    const run = new ScenarioRun(demo);
    expect(() => run.choose('a')).toThrow(/not a decision/);
    run.skipScenes();
    expect(() => run.choose('z')).toThrow(/not offered/);
  });

  it('replay reports where a path stops fitting', () => {
    expect(replay(demo, ['a', 'a']).failedAt).toBeNull();
    expect(replay(demo, ['a', 'd']).failedAt).toBe(1); // d at "second" does not exist
  });

  it('max and min over all paths match an enumeration of every path', () => {
    const a = analyseScenario(demo);
    const paths = allPaths(demo);
    const totals = paths.map((p) => scenarioState(demo, p).score.raw);
    expect(a.max).toBe(Math.max(...totals));
    expect(a.min).toBe(Math.min(...totals));
    expect(a.max).toBe(6);
    expect(a.min).toBe(0);
    expect(a.bestPath).toEqual(['a', 'a']);
    expect(a.pathDecisions).toEqual({ min: Math.min(...paths.map((p) => p.length)), max: Math.max(...paths.map((p) => p.length)) });
    expect(scenarioState({ ...demo, score: { min: 0, max: 6 } }, a.bestPath).score.raw).toBe(a.max);
    expect(a.deadEnds).toEqual([]);
    expect(a.trapped).toEqual([]);
  });

  it('every enumerated path ends at an ending', () => {
    for (const p of allPaths(demo)) {
      const st = scenarioState({ ...demo, score: { min: 0, max: 6 } }, p);
      expect(st.done).toBe(true);
      expect(['good-end', 'mixed-end']).toContain(st.ending);
    }
  });

  it('scales the score as points earned out of points available, whatever the minimum', () => {
    const s = { ...demo, score: { min: 1, max: 6 } };
    expect(scenarioState(s, ['a', 'a']).score).toEqual({ raw: 6, min: 1, max: 6, scaled: 1 });
    expect(scenarioState(s, ['b', 'b']).score.scaled).toBe(0);
    expect(scenarioState(s, ['c', 'a']).score.scaled).toBeCloseTo(4 / 6);
  });
});

describe('timing of decisions', () => {
  it('a resumed run measures latency from the resume, with real timestamps', () => {
    let clock = 1_700_000_000_000;
    const { run } = replay(demo, ['a'], () => clock);
    clock += 4_500;
    run.skipScenes();
    const d = run.choose('a');
    expect(d.latencyMs).toBe(4_500);
    expect(d.at).toBe(new Date(1_700_000_004_500).toISOString());
  });
});
