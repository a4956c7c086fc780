/**
 * The three faults found with scorm-again as the LMS (issue 11 §3), each played in Chromium:
 *  1. two windows of one attempt: the newer takes over, the older stands down and says so, and
 *     no decision is lost nor an interaction index used twice;
 *  2. a damaged suspend_data from the LMS, with an intact copy on the device that the LMS had
 *     acknowledged: the device copy is used, sent back, and the learner told;
 *  3. a slow LMS (2 s a call): the page answers at once and the saves follow, with fewer calls.
 */
import { interactionsOf, plays, playsIn, playedRecords, expectInteractions, expectNoUnexpectedErrors } from './checks';
import { expect, isErrorQuery, launchHarness, test, type Call, type Cmi, type Version } from './lms';
import { heading, openScenario, playScenario, playSteps, type CourseView } from './play';
import { course, plan, scenarioOrder, stepsOf } from './plan';

test.describe.configure({ mode: 'parallel' });

const [first, second] = scenarioOrder;
const paths = plan('mostly-best');

for (const v of ['12', '2004'] as Version[]) {
  const label = v === '12' ? 'SCORM 1.2' : 'SCORM 2004';

  test(`${label}: two windows of one attempt: the newer writes, the older stands down and says so`, async ({ context, lms, page }) => {
    const a = await launchHarness(page, lms, { v, persist: true });
    await openScenario(a.course, first);
    await playSteps(a.course, stepsOf(first, paths[first].slice(0, 1)));
    await a.settled(0);
    // the learner opens the activity again in a second window: the LMS gives it what it holds
    const saved = (await a.saved()) as { cmi: Cmi };
    const b = await launchHarness(await context.newPage(), lms, { v, saved });
    await expect(a.course.locator('.notices')).toContainText('now open in another window or tab');
    const before = await a.log();

    // the older window cannot make a decision that would be lost
    await expect(heading(a.course)).toHaveText('Your decision');
    await expect(a.course.getByRole('radio').first()).toBeDisabled();
    // the newer one carries on from the first decision
    await openScenario(b.course, first);
    await expect(b.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    await playSteps(b.course, stepsOf(first, paths[first], 1));
    await b.course.getByRole('link', { name: 'Back to scenarios', exact: true }).click();
    await openScenario(b.course, second);
    await playSteps(b.course, stepsOf(second, paths[second].slice(0, 1)));

    // the older window goes: it must not end the attempt with its old data
    await page.close({ runBeforeUnload: true });
    await b.unload();
    const aLog = (await b.page.evaluate(() => JSON.parse(localStorage.getItem('harness:log') ?? '[]'))) as Call[];
    expect(aLog.slice(before.length).map((c) => c.method), 'the older window wrote nothing more').toEqual([]);
    const cmi = await b.cmi();
    const all = { [first]: paths[first], [second]: paths[second].slice(0, 1) };
    expect(playsIn(cmi.suspend_data)).toEqual(plays(all));
    // one journal, each index once: the newer window went on after the older one's first record
    expectInteractions(cmi, [...before, ...(await b.log())], v, playedRecords(all));
    expectNoUnexpectedErrors(await b.log(), v);
  });

  test(`${label}: a damaged copy in the LMS, an intact one on the device: the device's is used and sent back`, async ({ context, lms, page }) => {
    const h = await launchHarness(page, lms, { v });
    const both = { [first]: paths[first], [second]: paths[second].slice(0, 1) };
    await playScenario(h.course, first, paths[first]);
    await openScenario(h.course, second);
    await playSteps(h.course, stepsOf(second, both[second]));
    await h.unload();
    const saved = (await h.saved()) as { cmi: Cmi };
    const backup = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), `${course.id}:backup`)) ?? 'null') as { suspendData: string; confirmed?: { suspendData: string } };
    expect(backup.confirmed?.suspendData, 'the LMS had acknowledged it').toBe(backup.suspendData);

    // next session: the LMS hands over a damaged code (same learner, same device)
    const h2 = await launchHarness(await context.newPage(), lms, { v, saved, suspend: `${saved.cmi.suspend_data.slice(0, 20)}#damaged` });
    await expect(h2.course.locator('.notices')).toContainText('could not be read');
    await expect(h2.course.locator('.notices')).toContainText('the copy this device kept');
    await h2.settled(0);
    expect(playsIn((await h2.cmi()).suspend_data), 'written back to the LMS').toEqual(plays(both));
    // and the learner goes on from there: every decision kept
    await openScenario(h2.course, second);
    await expect(h2.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    const mark = await h2.logLength();
    await playSteps(h2.course, stepsOf(second, paths[second].slice(0, 2), 1));
    await h2.settled(mark);
    expect(playsIn((await h2.cmi()).suspend_data)).toEqual(plays({ ...both, [second]: paths[second].slice(0, 2) }));
    expect(interactionsOf(await h2.cmi()).map((i) => i.id)).toEqual(playedRecords({ ...both, [second]: paths[second].slice(0, 2) }).map((r) => `${r.scenarioId}.${r.decisionId}`));
  });
}

test('SCORM 2004, a slow LMS (2 s a call): the page answers at once, the save follows with few calls', async ({ launch, browser, lms, page }) => {
  test.setTimeout(240_000);
  const [decision] = stepsOf(first, paths[first].slice(0, 1)).filter((s) => s.kind === 'decision');
  if (decision.kind !== 'decision') throw new Error('no decision');
  const choose = (view: CourseView) => view.getByRole('button', { name: 'Choose this response', exact: true });
  const cont = (view: CourseView) => view.getByRole('button', { name: 'Continue', exact: true });

  // where the learner's pointer goes: the same steps with a quick LMS, for the buttons' places
  // (a tall window, so that nothing needs scrolling into view)
  const viewport = { width: 1280, height: 2400 };
  const dry = await browser.newContext({ viewport });
  const places = await (async () => {
    const d = await launchHarness(await dry.newPage(), lms, { v: '2004' });
    await openScenario(d.course, first);
    await playSteps(d.course, stepsOf(first, []));
    await d.course.getByRole('radio', { name: decision.optionText, exact: true }).check();
    const at = (await choose(d.course).boundingBox())!;
    await choose(d.course).click();
    await expect(heading(d.course)).toHaveText('What happened');
    return { choose: at, cont: (await cont(d.course).boundingBox())! };
  })();
  await dry.close();

  await page.setViewportSize(viewport);
  const h = await launch({ v: '2004', slowMs: 2000 });
  await openScenario(h.course, first);
  await playSteps(h.course, stepsOf(first, []));
  await h.settled(0); // the launch's own save
  // when the learner sees each step, as the page itself records it
  await h.course.locator('body').evaluate(() => {
    const w = window as unknown as { shown: { text: string; at: number }[] };
    w.shown = [];
    new MutationObserver(() => {
      const text = document.getElementById('step-heading')?.textContent ?? '';
      if (text !== w.shown.at(-1)?.text) w.shown.push({ text, at: Date.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await h.course.getByRole('radio', { name: decision.optionText, exact: true }).check();
  const mark = await h.logLength();
  // the learner clicks "Choose this response", then "Continue" as soon as it is there: plain
  // pointer clicks (a locator's checks would each wait behind a 2 s call; the learner's click does not)
  const centre = (b: { x: number; y: number; width: number; height: number }): [number, number] => [b.x + b.width / 2, b.y + b.height / 2];
  await h.page.mouse.click(...centre(places.choose));
  await h.page.mouse.click(...centre(places.cont));
  const calls = (await h.settled(mark)).filter((c) => !isErrorQuery(c));
  const shown = await h.course.locator('body').evaluate(() => (window as unknown as { shown: { text: string; at: number }[] }).shown);
  const feedback = shown.findIndex((s) => s.text === 'What happened');
  const commit = calls.find((c) => c.method === h.fn.commit)!;
  expect(feedback, JSON.stringify(shown)).toBeGreaterThan(-1);
  // the consequence was on screen once the LMS had answered one call at most…
  expect(shown[feedback].at, 'the feedback shows before the second LMS call').toBeLessThan(calls[1].at);
  // …and the learner had moved on before the save was through
  expect(shown[feedback + 1]?.at, 'the next step shows before the save ends').toBeLessThan(commit.at);
  // one save: the interaction's six elements, what changed of the rest, the session time, one commit
  expect(calls.length, calls.map((c) => c.args[0] ?? c.method).join(', ')).toBeLessThanOrEqual(12);
  expect(calls.filter((c) => c.method === h.fn.commit)).toHaveLength(1);
  expect(interactionsOf(await h.cmi()).map((i) => i.learner_response)).toEqual([decision.optionId]);
});
