/**
 * The whole course played through its UI inside an LMS (the real scorm-again runtime in the
 * harness page), in SCORM 1.2 and 2004, with two mixes of paths: one that should pass and one
 * that should not. Afterwards the runtime's CMI must say exactly what the course rules say.
 */
import { commitsIn, expectCourseResult, expectNoUnexpectedErrors, expectRealTimes, leave, playedRecords, setValues } from './checks';
import { expect, isErrorQuery, test, type Call, type Version } from './lms';
import { cardStates, playScenario } from './play';
import { plan, scenarioOrder, stateOf, type PlanName } from './plan';
import { course } from '../course';

test.describe.configure({ mode: 'parallel' });

const versions: Version[] = ['12', '2004'];
const plans: { name: PlanName; passes: boolean }[] = [
  { name: 'mostly-best', passes: true },
  { name: 'mostly-poor', passes: false },
];

for (const v of versions) {
  for (const { name, passes } of plans) {
    test(`SCORM ${v === '12' ? '1.2' : '2004'}: the whole course, ${name} paths, ends with the CMI the course rules give`, async ({ launch }) => {
      // about 2 s a scenario on a quiet machine; room for a busy one (two workers, each with a browser)
      test.setTimeout(60_000 + course.scenarios.length * 15_000);
      const paths = plan(name);
      const expected = stateOf(paths);
      // the plan is what it claims (course content can change under the test)
      expect(expected.completed).toBe(true);
      expect(expected.passed, `the ${name} plan ${passes ? 'passes' : 'does not pass'}`).toBe(passes);

      const h = await launch({ v });
      const start = Date.now();
      const records = playedRecords(paths);
      let decision = 0;
      let mark = 0;
      const perDecision: { id: string; calls: Call[] }[] = [];
      for (const id of scenarioOrder) {
        await playScenario(h.course, id, paths[id], {
          before: async () => void (mark = await h.logLength()),
          after: async (step) => {
            // the feedback shows first; the save follows, and ends with its commit
            perDecision.push({ id: `${id}.${step.decisionId}`, calls: await h.settled(mark) });
            decision++;
          },
        });
      }
      const end = Date.now();
      expect(decision).toBe(records.length);
      // every card finished
      const states = await cardStates(h.course, scenarioOrder);
      expect(Object.values(states).every((s) => s === 'done'), JSON.stringify(states)).toBe(true);

      // each decision: its interaction set once, at the next index, and exactly one commit
      perDecision.forEach(({ id, calls }, n) => {
        expect(commitsIn(calls, h), `commits for decision ${id}`).toBe(1);
        expect(setValues(calls, v, `cmi.interactions.${n}.id`), `interaction id for decision ${n}`).toEqual([id]);
        expectNoUnexpectedErrors(calls, v);
      });

      expect(await h.getValue('cmi.interactions._count')).toBe(String(records.length));

      // the learner leaves: the course frame goes away, the session ends once
      const { log, cmi } = await leave(h, records);
      expect(log[0].method).toBe(h.fn.init);
      expect(log.filter((c) => c.method === h.fn.init)).toHaveLength(1);
      expectCourseResult(cmi, log, v, paths);
      expectRealTimes(log, v, records.map((_, i) => i), start, end);
      // back on the home page at the end: the bookmark is "home" (never empty: some LMSs refuse that)
      expect(v === '12' ? cmi.core.lesson_location : cmi.location).toBe('home');
      // few calls (it was 17–20 per decision, each one a wait on a slow LMS): about a dozen; the
      // decision that completes the course adds the score and the final status
      const counts = perDecision.map(({ calls }) => calls.filter((c) => !isErrorQuery(c)).length);
      expect(Math.max(...counts), 'calls for one decision').toBeLessThanOrEqual(17);
      expect(counts.reduce((a, b) => a + b, 0) / counts.length, 'calls per decision, on average').toBeLessThanOrEqual(12);
    });
  }
}
