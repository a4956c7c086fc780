/**
 * The real course in scenarios/: it loads, compiles, every path ends, random playthroughs never
 * get stuck and stay in the score range, and the progress code round-trips every reachable state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import { allPaths } from '../../src/lib/engine/analysis';
import { ScenarioRun } from '../../src/lib/engine/run';
import { scenarioState, courseState, normalize } from '../../src/lib/engine/score';
import { decodeProgress, encodeProgress, ProgressCodeError, type CourseProgress } from '../../src/lib/engine/progress';
import type { Course, Scenario } from '../../src/lib/course/types';

const report = checkContent('scenarios');
const course = report.course as Course;
if (course) for (const s of course.scenarios) s.score = { min: report.analysis[s.id].min, max: report.analysis[s.id].max };
const scenarios = course?.scenarios ?? [];
const pathsOf = new Map<string, string[][]>(scenarios.map((s) => [s.id, allPaths(s)]));

/** A random playthrough driven by fast-check's choices; returns the path and the run. */
function playRandomly(s: Scenario, picks: number[]): { path: string[]; run: ScenarioRun } {
  const run = new ScenarioRun(s);
  for (let i = 0; !run.done; i++) {
    run.skipScenes();
    if (run.done) break;
    const options = run.options;
    expect(options.length, `no way on at ${s.id}.${run.node.id}`).toBeGreaterThan(0);
    run.choose(options[picks[i % picks.length] % options.length].id);
    expect(i).toBeLessThan(100);
  }
  return { path: run.path, run };
}

describe('the course in scenarios/', () => {
  it('loads with no problem', () => {
    expect(report.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.message}`)).toEqual([]);
    expect(scenarios.length).toBeGreaterThan(0);
  });

  it('the friend-request scenario exists with at least 3 decisions and a branch an earlier choice changes', () => {
    const s = scenarios.find((x) => x.id === 'friend-request')!;
    expect(s).toBeTruthy();
    expect(s.nodes.filter((n) => n.kind === 'decision').length).toBeGreaterThanOrEqual(3);
    const flagged = s.nodes.some((n) => (n.kind === 'scene' && n.next.some((b) => b.when)) || (n.kind === 'decision' && n.options.some((o) => o.when || o.next.some((b) => b.when))));
    expect(flagged).toBe(true);
  });

  for (const s of scenarios) {
    it(`${s.id}: every path reaches an ending and scores within [min, max]`, () => {
      const paths = pathsOf.get(s.id)!;
      expect(paths.length).toBeGreaterThan(0);
      const totals = paths.map((p) => {
        const st = scenarioState(s, p);
        expect(st.done).toBe(true);
        return st.score.raw;
      });
      expect(Math.max(...totals)).toBe(s.score!.max);
      expect(Math.min(...totals)).toBe(s.score!.min);
      // the strongest path shown in the debrief really earns the maximum
      expect(scenarioState(s, report.analysis[s.id].bestPath).score.raw).toBe(s.score!.max);
    });
  }

  it('random playthroughs never reach a state with no way on, and the score stays within [min, max]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: scenarios.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (si, picks) => {
        const s = scenarios[si];
        const { run } = playRandomly(s, picks);
        expect(run.done).toBe(true);
        expect(run.points).toBeGreaterThanOrEqual(s.score!.min);
        expect(run.points).toBeLessThanOrEqual(s.score!.max);
      }),
      { numRuns: 500 },
    );
  });

  it('the progress code round-trips every reachable state of every scenario', () => {
    for (const s of scenarios)
      for (const path of pathsOf.get(s.id)!)
        for (let k = 0; k <= path.length; k++) {
          const p: CourseProgress = { paths: k ? { [s.id]: path.slice(0, k) } : {}, seed: 0xdeadbeef };
          const code = encodeProgress(course, p);
          // a finished play reads back as the play that counts
          expect(decodeProgress(course, code)).toEqual({ progress: normalize(course.scenarios, p), notices: [], fresh: false });
          // and a replay after it, at any point of any path
          const counted = { paths: { [s.id]: path.slice(0, k) }, scored: { [s.id]: path }, seed: 7 };
          expect(decodeProgress(course, encodeProgress(course, counted)).progress).toEqual(counted);
        }
  });

  it('the code for the whole course played through is at most 1000 characters, on the longest paths', () => {
    const longest: CourseProgress = { paths: {} };
    for (const s of scenarios) {
      const ps = pathsOf.get(s.id)!;
      longest.paths[s.id] = ps.reduce((a, b) => (b.join('.').length > a.join('.').length ? b : a));
    }
    const code = encodeProgress(course, longest);
    expect(code.length).toBeLessThanOrEqual(1000);
    const st = courseState(course, decodeProgress(course, code).progress);
    expect(st.completed).toBe(true);
  });

  it('with a finished replay of every scenario besides, the code still fits SCORM 1.2 (4096)', () => {
    const scored: Record<string, string[]> = {};
    for (const s of scenarios) scored[s.id] = pathsOf.get(s.id)!.reduce((a, b) => (b.join('.').length > a.join('.').length ? b : a));
    const code = encodeProgress(course, { paths: { ...scored }, scored, seed: 0xffffffff });
    expect(code.length).toBeLessThanOrEqual(4096);
    expect(courseState(course, decodeProgress(course, code).progress).scenarios.every((st) => st.done && st.replay?.done)).toBe(true);
  });

  it('random whole-course progress round-trips', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })), { minLength: scenarios.length, maxLength: scenarios.length }), (plan) => {
        const p: CourseProgress = { paths: {} };
        plan.forEach(([played, picks], i) => {
          if (played) p.paths[scenarios[i].id] = playRandomly(scenarios[i], picks).path;
        });
        const seed = plan.length * 7919;
        expect(decodeProgress(course, encodeProgress(course, { ...p, seed })).progress).toEqual(normalize(course.scenarios, { ...p, seed }));
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged code is rejected with a clear ProgressCodeError, never a crash', () => {
    const p: CourseProgress = { paths: {} };
    for (const s of scenarios) p.paths[s.id] = pathsOf.get(s.id)![0];
    const code = encodeProgress(course, p);
    fc.assert(
      fc.property(fc.nat({ max: code.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        fc.pre(code[at] !== ch);
        const damaged = code.slice(0, at) + ch + code.slice(at + 1);
        expect(() => decodeProgress(course, damaged)).toThrow(ProgressCodeError);
      }),
      { numRuns: 300 },
    );
    for (const bad of ['garbage', '{"json":true}', code.slice(0, -3), code + 'x', '2~1~x:a~abc', '1~1~~', '3~1~0~~abc', '2~1~~~abc'])
      expect(() => decodeProgress(course, bad), bad).toThrow(ProgressCodeError);
    expect(decodeProgress(course, '')).toEqual({ progress: { paths: {}, scored: {}, seed: 0 }, notices: [], fresh: true });
  });

  it('a code from an older course version keeps what still applies and says what changed', () => {
    const s = scenarios[0];
    const path = pathsOf.get(s.id)![0];
    const old = { ...course, version: course.version + 1 };
    // pretend the saved code came from another version, naming a scenario that is gone and a path that no longer fits
    const bad = encodeProgress({ ...old, scenarios: [...course.scenarios, { ...s, id: 'retired-one' }] }, {
      paths: { [s.id]: [...path.slice(0, 1), 'zz'], 'retired-one': ['a'] },
    });
    const { progress, notices } = decodeProgress(course, bad);
    expect(progress.paths).toEqual({ [s.id]: path.slice(0, 1) });
    expect(progress.scored).toEqual({});
    expect(notices.join(' ')).toMatch(/no longer in the course/);
    expect(notices.join(' ')).toMatch(/has changed since you last played it/);
  });
});
