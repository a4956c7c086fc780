/**
 * Property: what passes the check never breaks the player. Random scenarios (random-scenarios.ts)
 * go through the content check; each one it accepts is compiled as the build compiles it and played
 * along random paths through the same data paths as the Svelte player (session.resume's replay, the
 * offered options, run.choose, the saved progress code, scenarioState and courseState for the
 * scores, the ending's strongest path), with no error and every score within [min, max]. The
 * browser version plays accepted scenarios through the built page: tests/e2e/content/property.spec.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { courseJson } from '../../src/lib/content/build';
import { checkContent } from '../../src/lib/content/check';
import { decodeProgress, encodeProgress } from '../../src/lib/engine/progress';
import { replay, ScenarioRun } from '../../src/lib/engine/run';
import { courseState, recordsOf, scenarioState } from '../../src/lib/engine/score';
import { tempContent } from './helpers';
import { randomScenario } from './random-scenarios';

describe('what passes the check never breaks the player', () => {
  it('plays every accepted random scenario along random paths, with no error and scores within [min, max]', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(randomScenario('rand'), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), fc.nat(), (sc, picks, stopAt) => {
        const r = checkContent(tempContent({ rand: sc.yaml }));
        if (r.errors.length) return void refused++;
        accepted++;
        const course = courseJson(r);
        const s = course.scenarios[0];
        const { min, max } = s.score!;
        const known = new Set(course.guidance.map((g) => g.id));

        const run = new ScenarioRun(s, () => 0);
        const seen = new Set<string>();
        let steps = 0;
        for (run.skipScenes(); !run.done; run.skipScenes()) {
          const offered = run.options;
          // the player's keyed lists: options by id, citations by id; a real choice at every decision
          expect(offered.length).toBeGreaterThanOrEqual(2);
          expect(new Set(offered.map((o) => o.id)).size).toBe(offered.length);
          for (const o of offered) {
            expect(new Set(o.citations).size).toBe(o.citations.length);
            for (const c of o.citations) expect(known.has(c)).toBe(true);
          }
          expect(seen.has(run.node.id), `decision ${run.node.id} met twice`).toBe(false);
          seen.add(run.node.id);
          const d = run.choose(offered[picks[steps % picks.length] % offered.length].id);
          expect(d.points).toBeLessThanOrEqual(d.maxPoints);
          expect(++steps).toBeLessThanOrEqual(s.pathDecisions!.max);
          // part-way: the saved code resumes where the learner was (session.resume)
          if (steps === 1 + (stopAt % 3)) {
            const again = replay(s, run.path).run;
            expect(again.node.id).toBe(run.node.id);
            expect(again.points).toBe(run.points);
          }
        }
        expect(steps).toBeGreaterThanOrEqual(s.pathDecisions!.min);
        const st = scenarioState(s, run.path);
        expect(st.done).toBe(true);
        expect(st.score.raw).toBeGreaterThanOrEqual(min);
        expect(st.score.raw).toBeLessThanOrEqual(max);
        expect(st.score.scaled).toBeGreaterThanOrEqual(0);
        expect(st.score.scaled).toBeLessThanOrEqual(1);
        // the saved progress code round-trips and stays small
        const code = encodeProgress(course, { paths: { [s.id]: run.path } });
        expect(code.length).toBeLessThan(4096);
        const back = decodeProgress(course, code).progress;
        // a finished play reads back as the play that counts
        expect(back.scored?.[s.id]).toEqual(run.path);
        const cs = courseState(course, { paths: { [s.id]: run.path } });
        expect(cs.completed).toBe(true);
        expect(cs.score.raw).toBe(st.score.raw);
        // the ending's strongest path plays, and earns the maximum
        const best = recordsOf(s, s.bestPath!);
        expect(best.run.points).toBe(max);
        best.run.skipScenes();
        expect(best.run.done).toBe(true);
      }),
      { numRuns: 200 },
    );
    // the generator must reach both sides of the check, or the property says little
    // (about one in seven is accepted)
    expect(accepted, `accepted ${accepted}, refused ${refused}`).toBeGreaterThanOrEqual(10);
    expect(refused).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
