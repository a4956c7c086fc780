/**
 * The end of a session when the learner closes the LMS window or leaves its page mid-scenario
 * (the whole LMS page goes, not only the course frame): the course's pagehide must save what it
 * has and end the session exactly once. The harness keeps its call log in localStorage
 * (persist), read afterwards from another page of the same origin.
 */
import { playsIn, plays, expectNoUnexpectedErrors, setValues } from './checks';
import { expect, FN, isErrorQuery, test, type Call, type Version } from './lms';
import { openScenario, playSteps } from './play';
import { plan, scenarioOrder, stepsOf } from './plan';

test.describe.configure({ mode: 'parallel' });

const [first] = scenarioOrder;
const path = plan('mostly-best')[first];

for (const v of ['12', '2004'] as Version[]) {
  for (const how of ['closes the window', 'navigates the LMS page away'] as const) {
    test(`SCORM ${v === '12' ? '1.2' : '2004'}: the learner ${how} mid-scenario: saved, ${FN[v].finish} once`, async ({ launch, page, context, lms }) => {
      const h = await launch({ v, persist: true });
      await openScenario(h.course, first);
      await playSteps(h.course, stepsOf(first, path.slice(0, 2)));
      if (how === 'closes the window') await page.close({ runBeforeUnload: true });
      else await page.goto('about:blank');

      const reader = await context.newPage();
      await reader.goto(`${lms.origin}/blank.html`);
      const readLog = () => reader.evaluate(() => JSON.parse(localStorage.getItem('harness:log') ?? '[]') as Call[]);
      await expect
        .poll(async () => (await readLog()).slice(-3).map((c) => c.method), { timeout: 15_000, message: 'the last calls recorded' })
        .toContain(FN[v].finish);
      const log = await readLog();
      const ends = log.filter((c) => c.method === FN[v].finish);
      expect(ends, `${FN[v].finish} calls`).toHaveLength(1);
      expect(ends[0].result).toBe('true');
      expect(log.at(-1)?.method, `nothing after ${FN[v].finish}`).toBe(FN[v].finish);
      expectNoUnexpectedErrors(log, v);
      // the saves had both decisions, and the session stays resumable
      expect(playsIn(setValues(log, v, 'cmi.suspend_data').at(-1) ?? '')).toEqual(plays({ [first]: path.slice(0, 2) }));
      expect(setValues(log, v, v === '12' ? 'cmi.core.exit' : 'cmi.exit').at(-1)).toBe('suspend');
      // the final save is one request: its elements, then the end (which saves them), no commit in
      // between and none after the page turned hidden (a second beacon in a closing page fails)
      const end = log.length - 1;
      const lastCommit = log.findLastIndex((c) => c.method === FN[v].commit);
      expect(log.slice(lastCommit + 1, end).every((c) => /SetValue$/.test(c.method) || isErrorQuery(c)), 'only sets between the last commit and the end').toBe(true);
      expect(setValues(log.slice(lastCommit + 1), v, v === '12' ? 'cmi.core.session_time' : 'cmi.session_time'), 'the session time goes with the final save').toHaveLength(1);
    });
  }
}
