/**
 * The course inside a misbehaving LMS (faults injected by the harness around the real
 * scorm-again runtime), or with none at all. Each test checks what the learner is told, that the
 * course goes on, and where their decisions ended up: the LMS's CMI, the device copy, the UI.
 */
import { encodeProgress } from '../../../src/lib/engine/progress';
import { playsIn, plays, expectCourseResult, expectNoUnexpectedErrors, interactionsOf, leave, playedRecords } from './checks';
import { directUrl, expect, FN, test, type Version } from './lms';
import { cardStates, heading, openScenario, playScenario, playSteps, type CourseView } from './play';
import { course, plan, scenarioOrder, stepsOf } from './plan';

test.describe.configure({ mode: 'parallel' });

const [first, second] = scenarioOrder;
const paths = plan('mostly-best');
const label = (v: Version) => (v === '12' ? 'SCORM 1.2' : 'SCORM 2004');
const notices = (view: CourseView) => view.locator('.notices');
const saveStatus = (view: CourseView) => view.locator('.save-status');
const key = (what: 'backup' | 'progress' | 'decisions' | 'unreadable') => `${course.id}:${what}`;
const only = (id: string, path: string[]) => ({ [id]: path });

/** The learner makes the first decision of a scenario (from the home page) and reads its feedback. */
async function firstDecision(view: CourseView, id: string): Promise<void> {
  await openScenario(view, id);
  await playSteps(view, stepsOf(id, paths[id].slice(0, 1)));
  await expect(view.getByText('Decisions made: 1', { exact: true })).toBeVisible();
}

for (const v of ['12', '2004'] as Version[]) {
  test.describe(label(v), () => {
    test('no LMS at all: the package opened directly says so, keeps a decision on the device across a reload', async ({ page, lms }) => {
      await page.goto(directUrl(lms, v));
      // without any LMS: a quiet note on the home page, not a banner
      await expect(page.locator('.device-note')).toContainText('saved in this browser, on this device only');
      await firstDecision(page, first);
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText('Decisions made: 1', { exact: true })).toBeVisible();
      await expect(heading(page)).toHaveText(stepsOf(first, paths[first], 1)[0].kind === 'scene' ? 'The situation' : 'Your decision');
      const backup = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? 'null'), key('backup'));
      expect(backup).toMatchObject({ kind: 'standalone' });
      expect(playsIn(backup.suspendData)).toEqual(plays(only(first, paths[first].slice(0, 1))));
      const decisions = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '[]'), key('decisions'));
      const [r] = playedRecords(only(first, paths[first].slice(0, 1)));
      expect(decisions).toHaveLength(1);
      expect(decisions[0].slice(0, 4)).toEqual([r.scenarioId, r.decisionId, r.optionId, r.verdict]);
      await page.getByRole('link', { name: 'Scenarios', exact: true }).click();
      expect((await cardStates(page, [first]))[first]).toBe('started');
    });

    test('initialize fails: the learner is told, the course runs on the device and resumes from it', async ({ launch, page }) => {
      const h = await launch({ v, initFail: true });
      await expect(notices(h.course)).toContainText('could not be used');
      await expect(notices(h.course)).toContainText(`it did not start: error ${v === '12' ? '101' : '102'}`);
      await expect(notices(h.course)).toContainText('saved on this device only');
      await playScenario(h.course, first, paths[first]);
      // nothing more is asked of an LMS that refused to start
      const prefix = v === '12' ? 'LMS' : '';
      expect((await h.log()).map((c) => c.method)).toEqual([h.fn.init, `${prefix}GetLastError`, `${prefix}GetErrorString`]);
      expect(playsIn(((await h.storage(key('backup'))) as { suspendData: string }).suspendData)).toEqual(plays(only(first, paths[first])));
      expect(await h.storage(key('decisions'))).toHaveLength(paths[first].length);
      // next launch, same fault: the device brings the learner's work back
      await page.reload();
      await expect(notices(h.course)).toContainText('could not be used');
      expect(await cardStates(h.course, [first, second])).toEqual({ [first]: 'done', [second]: 'new' });
    });

    test('one value refused: the learner sees a saving problem, everything else is saved', async ({ launch }) => {
      const refused = 'cmi.interactions.0.result';
      const h = await launch({ v, rejectSet: refused });
      let decision = 0;
      await playScenario(h.course, first, paths[first], {
        after: async () => {
          if (decision++ === 0) {
            await expect(saveStatus(h.course)).toContainText('Saving is failing');
            await expect(saveStatus(h.course)).toContainText(refused);
          } else {
            // the next good save clears the warning
            await expect(saveStatus(h.course)).toHaveCount(0);
          }
        },
      });
      const { log, cmi } = await leave(h, playedRecords(only(first, paths[first])), { missing: [refused] });
      expect(log.filter((c) => c.fault === 'rejectSet').map((c) => c.args[0])).toEqual([refused]);
      expect(interactionsOf(cmi)[0].result ?? '').toBe('');
      expectCourseResult(cmi, log, v, only(first, paths[first]));
    });

    test('the first 3 commits fail: the learner sees the retries, saving recovers, every decision reaches the LMS', async ({ launch }) => {
      const h = await launch({ v, commitFail: 3 });
      // the launch's commit fails: retried after 250 ms, 1 s, 4 s; the fourth commit succeeds
      await expect(saveStatus(h.course)).toContainText('Saving is slow');
      await expect(saveStatus(h.course)).toContainText(`error ${v === '12' ? '101' : '391'}`);
      await expect(saveStatus(h.course)).toHaveCount(0, { timeout: 15_000 });
      const commits = (await h.log()).filter((c) => c.method === h.fn.commit);
      expect(commits.map((c) => c.result)).toEqual(['false', 'false', 'false', 'true']);
      const both = { [first]: paths[first], [second]: paths[second] };
      for (const id of [first, second]) await playScenario(h.course, id, paths[id]);
      await expect(saveStatus(h.course)).toHaveCount(0);
      const { log, cmi } = await leave(h, playedRecords(both));
      expectCourseResult(cmi, log, v, both);
      // the device copy knows the LMS has it all
      const backup = (await h.storage(key('backup'))) as { suspendData: string; confirmed?: { suspendData: string } };
      expect(playsIn(backup.suspendData)).toEqual(plays(both));
      expect(backup.confirmed?.suspendData).toBe(backup.suspendData);
    });

    test('a slow LMS (300 ms a call): the course still plays and records every decision', async ({ launch }) => {
      test.slow();
      const h = await launch({ v, slowMs: 300 });
      await playScenario(h.course, first, paths[first]);
      const { log, cmi } = await leave(h, playedRecords(only(first, paths[first])));
      expectCourseResult(cmi, log, v, only(first, paths[first]));
    });

    test('corrupt suspend_data: a clear notice, the course starts afresh and saves a good code', async ({ launch }) => {
      const h = await launch({ v, suspend: 'garbage' });
      await expect(notices(h.course)).toContainText('could not be read');
      await expect(notices(h.course)).toContainText('starts afresh');
      const states = await cardStates(h.course, scenarioOrder);
      expect(Object.values(states).every((s) => s === 'new'), JSON.stringify(states)).toBe(true);
      expect(await h.page.evaluate((k) => localStorage.getItem(k), key('unreadable'))).toBe('garbage');
      await firstDecision(h.course, first);
      const { cmi } = await leave(h, playedRecords(only(first, paths[first].slice(0, 1))));
      expect(playsIn(cmi.suspend_data)).toEqual(plays(only(first, paths[first].slice(0, 1))));
    });

    test('suspend_data from another course version: the learner is told the course changed, answers are kept', async ({ launch }) => {
      // a version the course is not (version numbers start at 1: an older one when there is one)
      const other = course.version > 1 ? course.version - 1 : course.version + 1;
      const kept = { [first]: paths[first], [second]: paths[second].slice(0, 1) };
      const code = encodeProgress({ version: other, scenarios: course.scenarios }, { paths: kept });
      const h = await launch({ v, suspend: code });
      await expect(notices(h.course)).toContainText(`The course was updated (version ${other} → ${course.version})`);
      expect(await cardStates(h.course, [first, second])).toEqual({ [first]: 'done', [second]: 'started' });
      await openScenario(h.course, second);
      await expect(h.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
      // the next decision is saved in this version's code, with the kept answers
      const mark = await h.logLength();
      await playSteps(h.course, stepsOf(second, paths[second].slice(0, 2), 1));
      await expect(h.course.getByText('Decisions made: 2', { exact: true })).toBeVisible();
      await h.settled(mark);
      const cmi = await h.cmi();
      expect(playsIn(cmi.suspend_data)).toEqual(plays({ ...kept, [second]: paths[second].slice(0, 2) }));
      expectNoUnexpectedErrors(await h.log(), v);
    });

    test('commit throws: no uncaught exception, the learner is told, the values and the device copy are kept until the end saves them', async ({ launch }) => {
      const h = await launch({ v, throwOn: FN[v].commit });
      await expect(saveStatus(h.course)).toContainText(`${FN[v].commit} threw`);
      await playScenario(h.course, first, paths[first]);
      await expect(saveStatus(h.course)).toBeVisible();
      let backup = (await h.storage(key('backup'))) as { suspendData: string; confirmed?: { suspendData: string } };
      expect(playsIn(backup.suspendData)).toEqual(plays(only(first, paths[first])));
      expect(backup.confirmed?.suspendData, 'no commit succeeded: the LMS never confirmed it').not.toBe(backup.suspendData);
      // the end of the session (its own save) works, and then the LMS has it
      await leave(h, playedRecords(only(first, paths[first])));
      backup = (await h.storage(key('backup'))) as { suspendData: string; confirmed?: { suspendData: string } };
      expect(backup.confirmed?.suspendData).toBe(backup.suspendData);
    });
  });
}
