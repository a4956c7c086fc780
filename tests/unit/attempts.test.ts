/**
 * The engine's rules for attempts, on the demo fixture: which play of a scenario counts (first or
 * best), replays that never lower a result, the shuffled option order, and the progress code that
 * keeps both (format 2) while still reading format 1.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkContent } from '../../src/lib/content/check';
import type { Course } from '../../src/lib/course/types';
import { allPaths } from '../../src/lib/engine/analysis';
import { hash32, orderOptions } from '../../src/lib/engine/order';
import { checksum, decodeProgress, encodeProgress, type CourseProgress } from '../../src/lib/engine/progress';
import { afterPlay, courseState, scenarioState, startReplay } from '../../src/lib/engine/score';
import { tempContent } from './helpers';

const r = checkContent(tempContent({ demo: readFileSync('tests/fixtures/good/demo.yaml', 'utf8') }));
const course = r.course as Course;
const demo = course.scenarios[0];
demo.score = { min: r.analysis.demo.min, max: r.analysis.demo.max };
const all = course.scenarios;
const best = ['a', 'a']; // 6 points, good-end
const weak = ['b', 'b']; // 1 point
const middling = ['c', 'c']; // 4 points

/** Plays a path through afterPlay one decision at a time, as the player does. */
function play(p: CourseProgress, path: string[], rule: 'first' | 'best'): { progress: CourseProgress; counted: boolean[] } {
  const counted: boolean[] = [];
  for (let k = 1; k <= path.length; k++) {
    const step = afterPlay(all, p, demo, path.slice(0, k), rule);
    p = step.progress;
    counted.push(step.counted);
  }
  return { progress: p, counted };
}

describe('which play counts', () => {
  const st = (p: CourseProgress) => courseState(course, p);

  it('the first play counts when it finishes; a replay after it is practice and never lowers the result', () => {
    const first = play({ paths: {}, seed: 1 }, middling, 'first');
    expect(first.counted).toEqual([false, true]);
    expect(first.progress.scored).toEqual({ demo: middling });
    const before = st(first.progress);
    expect(before.completed).toBe(true);
    expect(before.percent).toBe(Math.round(scenarioState(demo, middling).score.scaled * 100));

    for (const replay of [weak, best]) {
      let p = startReplay(all, first.progress, 'demo');
      expect(st(p).scenarios[0]).toMatchObject({ done: true, score: before.scenarios[0].score, replay: { started: true, done: false } });
      const again = play(p, replay, 'first');
      expect(again.counted).toEqual([false, false]);
      p = again.progress;
      expect(p.scored).toEqual({ demo: middling });
      expect(p.paths).toEqual({ demo: replay });
      const after = st(p);
      expect([after.completed, after.passed, after.percent, after.score]).toEqual([before.completed, before.passed, before.percent, before.score]);
      expect(after.scenarios[0].replay?.done).toBe(true);
    }
  });

  it('rule "best": a replay that finishes higher counts; an equal or lower one does not', () => {
    const first = play({ paths: {}, seed: 1 }, middling, 'best').progress;
    expect(play(startReplay(all, first, 'demo'), weak, 'best').progress.scored).toEqual({ demo: middling });
    expect(play(startReplay(all, first, 'demo'), middling, 'best').counted).toEqual([false, false]);
    const better = play(startReplay(all, first, 'demo'), best, 'best');
    expect(better.counted).toEqual([false, true]);
    expect(better.progress).toMatchObject({ scored: { demo: best }, paths: {} });
  });

  it('the course score never goes down over any sequence of plays and replays, under either rule', () => {
    const paths = allPaths(demo);
    fc.assert(
      fc.property(fc.constantFrom<'first' | 'best'>('first', 'best'), fc.array(fc.nat({ max: paths.length - 1 }), { minLength: 1, maxLength: 6 }), (rule, picks) => {
        let p: CourseProgress = { paths: {}, seed: 3 };
        let lowest = -1;
        let passedOnce = false;
        for (const i of picks) {
          if (p.scored?.demo) p = startReplay(all, p, 'demo');
          const out = play(p, paths[i], rule);
          p = out.progress;
          const s = st(p);
          expect(s.percent).toBeGreaterThanOrEqual(lowest);
          if (passedOnce) expect(s.passed).toBe(true);
          lowest = s.percent;
          passedOnce ||= s.passed;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the pass mark is met on the percentage the learner sees (rounded), so 69.6% shown as 70% passes at 70', () => {
    const c = { ...course, passMark: st(play({ paths: {}, seed: 1 }, middling, 'first').progress).percent };
    expect(courseState(c, play({ paths: {}, seed: 1 }, middling, 'first').progress).passed).toBe(true);
  });
});

describe('option order', () => {
  const options = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

  it('is a permutation, the same for the same seed and decision, and depends on ids only', () => {
    fc.assert(
      fc.property(fc.nat({ max: 0xffffffff }), (seed) => {
        const once = orderOptions(options, seed, 's', 'd1');
        expect([...once].sort((x, y) => x.id.localeCompare(y.id))).toEqual(options);
        expect(orderOptions(options, seed, 's', 'd1')).toEqual(once);
        expect(orderOptions([...options].reverse(), seed, 's', 'd1')).toEqual(once);
        // an option hidden by a condition leaves the others in the same relative order
        expect(orderOptions(options.filter((o) => o.id !== 'b'), seed, 's', 'd1')).toEqual(once.filter((o) => o.id !== 'b'));
      }),
      { numRuns: 200 },
    );
    expect(orderOptions(options, 1, 's', 'd1')).not.toBe(options);
  });

  it('spreads every option over every position about evenly, over many attempts', () => {
    const counts = options.map(() => options.map(() => 0));
    const n = 24_000;
    for (let seed = 0; seed < n; seed++) orderOptions(options, seed, 'friend-request', 'respond').forEach((o, pos) => counts[options.indexOf(o)][pos]++);
    // each cell expects 6000; a fair shuffle stays within a few percent
    for (const row of counts) for (const c of row) expect(Math.abs(c - n / 4)).toBeLessThan(n * 0.02);
  });

  it('differs between decisions and between attempts', () => {
    const orders = (seed: number) => ['d1', 'd2', 'd3', 'd4', 'd5'].map((d) => orderOptions(options, seed, 's', d).map((o) => o.id).join(''));
    expect(new Set(orders(42)).size).toBeGreaterThan(1);
    expect(orders(42)).not.toEqual(orders(43));
    expect(hash32('a')).not.toBe(hash32('b'));
  });
});

describe('the progress code', () => {
  it('format 2 keeps the seed, the play that counts and a replay after it', () => {
    const p: CourseProgress = { paths: { demo: ['b'] }, scored: { demo: middling }, seed: 0xabcdef12 };
    const code = encodeProgress(course, p);
    expect(code).toBe(`2~1~${(0xabcdef12).toString(36)}~demo:c.c/b~${checksum(`2~1~${(0xabcdef12).toString(36)}~demo:c.c/b`)}`);
    expect(decodeProgress(course, code)).toEqual({ progress: p, notices: [], fresh: false });
    // "Try again" with no decision made yet: an empty replay
    const tried = { paths: { demo: [] }, scored: { demo: middling }, seed: 5 };
    expect(encodeProgress(course, tried)).toMatch(/~demo:c\.c\/~/);
    expect(decodeProgress(course, encodeProgress(course, tried)).progress).toEqual(tried);
  });

  it('reads format 1 codes: their paths mean what they meant, with a seed drawn from the code itself', () => {
    const v1 = (body: string) => {
      const head = `1~1~${body}`;
      return `${head}~${checksum(head)}`;
    };
    const finished = decodeProgress(course, v1('demo:c.c'));
    expect(finished.progress).toEqual({ paths: {}, scored: { demo: middling }, seed: parseInt(checksum('1~1~demo:c.c'), 36) });
    expect(decodeProgress(course, v1('demo:c.c')).progress.seed).toBe(finished.progress.seed);
    expect(decodeProgress(course, v1('demo:a')).progress).toMatchObject({ paths: { demo: ['a'] }, scored: {} });
    // read as format 1, written back as format 2
    expect(encodeProgress(course, finished.progress)).toMatch(/^2~1~[0-9a-z]+~demo:c\.c~/);
  });

  it('an empty code is a new attempt (fresh), which needs a seed of its own', () => {
    expect(decodeProgress(course, '').fresh).toBe(true);
    expect(decodeProgress(course, encodeProgress(course, { paths: {}, seed: 9 }))).toEqual({ progress: { paths: {}, scored: {}, seed: 9 }, notices: [], fresh: false });
  });
});
