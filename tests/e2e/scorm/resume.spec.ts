/**
 * Resume: half the course in one session (first scenario finished, second one mid-way), the LMS
 * keeps the CMI, and a later session (another browser profile: nothing on the device) starts from
 * it with entry "resume". The course must offer the scenario in progress and keep every answer.
 */
import type { Page } from '@playwright/test';
import { playsIn, plays, expectFinishedOnce, expectInteractions, expectNoUnexpectedErrors, expectRealTimes, playedRecords } from './checks';
import { expect, launchHarness, test, type Cmi, type Version } from './lms';
import { cardStates, heading, openScenario, playScenario, playSteps } from './play';
import { plan, scenario, scenarioOrder, stepsOf } from './plan';

test.describe.configure({ mode: 'parallel' });

/** Page errors of a page the fixtures do not watch. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
  return errors;
}

for (const v of ['12', '2004'] as Version[]) {
  test(`SCORM ${v === '12' ? '1.2' : '2004'}: a later session resumes at the scenario in progress with earlier answers intact`, async ({ launch, lms, browser }) => {
    const [first, second, ...rest] = scenarioOrder;
    const paths = plan('mostly-best');
    const h = await launch({ v });
    await playScenario(h.course, first, paths[first]);
    await openScenario(h.course, second);
    // one decision in the second scenario, then the learner closes the course
    await playSteps(h.course, stepsOf(second, paths[second].slice(0, 1)));
    await expect(h.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    await h.unload();
    expectFinishedOnce(await h.log(), h);
    const saved = (await h.saved()) as { cmi: Cmi };
    const location = v === '12' ? saved.cmi.core.lesson_location : saved.cmi.location;
    expect(location, 'the LMS keeps where the learner was').toBe(second);
    expect(v === '12' ? saved.cmi.core.exit : saved.cmi.exit).toBe('suspend');
    const half = { [first]: paths[first], [second]: paths[second].slice(0, 1) };
    expect(playsIn(saved.cmi.suspend_data)).toEqual(plays(half));

    // the next session, on a device that kept nothing: only the LMS's data can bring it back
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const h2 = await launchHarness(page, lms, { v, saved });
      const entry = (await h2.log()).find((c) => c.method === h2.fn.get && /entry$/.test(c.args[0]));
      expect(entry?.result).toBe('resume');

      // the home page leads back to the scenario in progress
      const resumeLink = h2.course.getByRole('link', { name: `Continue: ${scenario(second).title}`, exact: true });
      await expect(resumeLink).toBeVisible();
      await expect(resumeLink).toHaveAttribute('href', `#/s/${second}`);
      const states = await cardStates(h2.course, scenarioOrder);
      expect(states[first]).toBe('done');
      expect(states[second]).toBe('started');
      for (const id of rest) expect(states[id], id).toBe('new');

      // in the scenario: the earlier decision is kept and the player stands after it
      await resumeLink.click();
      await expect(h2.course.getByRole('heading', { level: 1 })).toHaveText(scenario(second).title);
      await expect(h2.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
      const remaining = stepsOf(second, paths[second], 1);
      await expect(heading(h2.course)).toHaveText(remaining[0].kind === 'scene' ? 'The situation' : 'Your decision');
      const start = Date.now();
      await playSteps(h2.course, remaining);
      const end = Date.now();
      await expect(h2.course.getByText(`Decisions made: ${paths[second].length}`, { exact: true })).toBeVisible();
      await h2.course.getByRole('link', { name: 'Back to scenarios', exact: true }).click();
      expect((await cardStates(h2.course, [second]))[second]).toBe('done');

      await h2.unload();
      const log = await h2.log();
      expectFinishedOnce(log, h2);
      expectNoUnexpectedErrors(log, v);
      const cmi = await h2.cmi();
      const both = { [first]: paths[first], [second]: paths[second] };
      // the journal goes on from the first session's records
      expectInteractions(cmi, [...(await h.log()), ...log], v, playedRecords(both));
      expect(playsIn(cmi.suspend_data)).toEqual(plays(both));
      // decisions after resuming are timed from the resume, not from the replay of the saved path
      const resumed = playedRecords(both).map((_, i) => i).slice(paths[first].length + 1);
      expectRealTimes(log, v, resumed, start, end);
      expect(errors, 'uncaught exceptions in the resumed session').toEqual([]);
    } finally {
      await context.close();
    }
  });
}
