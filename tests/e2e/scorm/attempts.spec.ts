/**
 * Attempts in an LMS (scorm-again in the harness), issue 11 and issue 9 §1.1:
 *  - options shuffled per learner and attempt, the same after a resume, recorded by id;
 *  - replays after the play that counts are practice: labelled, never lowering what the LMS holds
 *    (one "Try again" with no decision made once sent "incomplete");
 *  - a launch in review mode shows the results and writes nothing;
 *  - a change of the frame's address from outside never reloads the course (a second Initialize).
 */
import type { Page } from '@playwright/test';
import { orderOptions } from '../../../src/lib/engine/order';
import { encodeProgress } from '../../../src/lib/engine/progress';
import { ScenarioRun } from '../../../src/lib/engine/run';
import { interactionsOf, seedIn, setValues } from './checks';
import { expect, launchHarness, test, type Cmi, type Harness, type Version } from './lms';
import { cardStates, heading, openScenario, playScenario, playSteps, type CourseView } from './play';
import { course, plan, scenario, scenarioOrder, stateOf, stepsOf, worstPath } from './plan';

test.describe.configure({ mode: 'parallel' });

/** The option ids of the decision on screen, in the order shown. */
const shownOrder = (view: CourseView): Promise<string[]> => view.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** The order the engine gives this attempt's seed at a scenario's decision after `path`. */
function expectedOrder(seed: number, id: string, path: string[]): string[] {
  const run = new ScenarioRun(scenario(id));
  for (const o of path) {
    run.skipScenes();
    run.choose(o);
  }
  run.skipScenes();
  return orderOptions(run.options, seed, id, run.node.id).map((o) => o.id);
}

/** Opens each scenario at its first decision and reads the order shown there. */
async function firstDecisionOrders(h: Harness, ids: string[]): Promise<string[][]> {
  const orders: string[][] = [];
  for (const id of ids) {
    await openScenario(h.course, id);
    await playSteps(h.course, stepsOf(id, []));
    await expect(heading(h.course)).toHaveText('Your decision');
    orders.push(await shownOrder(h.course));
    await h.course.getByRole('link', { name: 'Scenarios', exact: true }).click();
  }
  return orders;
}

/** The progress code the LMS holds once the launch's save has gone out. */
async function launchedCode(h: Harness): Promise<string> {
  await h.settled(0);
  return (await h.cmi()).suspend_data as string;
}

test('options are shuffled per learner (the order the attempt seed gives), and the LMS gets the option id', async ({ browser, lms }) => {
  const ids = scenarioOrder.slice(0, 5);
  const seen: { seed: number; orders: string[][] }[] = [];
  for (const learner of ['learner-1', 'learner-2']) {
    const context = await browser.newContext();
    try {
      const h = await launchHarness(await context.newPage(), lms, { v: '2004', learner });
      const seed = seedIn(await launchedCode(h));
      const orders = await firstDecisionOrders(h, ids);
      expect(orders, `${learner}: the order the seed gives`).toEqual(ids.map((id) => expectedOrder(seed, id, [])));
      seen.push({ seed, orders });
      if (learner === 'learner-1') {
        // the learner picks by what they read; the LMS records the option's id, not its position
        const [id] = ids;
        const [step] = stepsOf(id, plan('mostly-best')[id].slice(0, 1)).filter((s) => s.kind === 'decision');
        const mark = await h.logLength();
        await openScenario(h.course, id);
        await playSteps(h.course, stepsOf(id, plan('mostly-best')[id].slice(0, 1)));
        await h.settled(mark);
        expect(interactionsOf(await h.cmi())[0].learner_response).toBe(step.kind === 'decision' ? step.optionId : '');
      }
    } finally {
      await context.close();
    }
  }
  expect(seen[0].seed).not.toBe(seen[1].seed);
  expect(seen[0].orders, 'two learners see different orders').not.toEqual(seen[1].orders);
  // and the shuffle moves options: the authored order is not what learners see everywhere
  const authored = ids.map((id) => {
    const run = new ScenarioRun(scenario(id));
    run.skipScenes();
    return run.options.map((o) => o.id).join();
  });
  expect(seen.flatMap((s) => s.orders.map((o, i) => o.join() !== authored[i])).some(Boolean)).toBe(true);
});

test('a resumed scenario shows the same order as before', async ({ launch, lms, browser }) => {
  const h = await launch({ v: '12' });
  const [id] = scenarioOrder;
  const path = plan('mostly-best')[id];
  // one decision made; the learner stands at the next one, reads it, and leaves
  await openScenario(h.course, id);
  await playSteps(h.course, stepsOf(id, path.slice(0, 1)));
  await expect(heading(h.course)).toHaveText('Your decision');
  const before = await shownOrder(h.course);
  await h.unload();
  const saved = (await h.saved()) as { cmi: Cmi };

  // the next session, on a device that kept nothing
  const context = await browser.newContext();
  try {
    const h2 = await launchHarness(await context.newPage(), lms, { v: '12', saved });
    await openScenario(h2.course, id);
    await expect(h2.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    await playSteps(h2.course, stepsOf(id, path.slice(0, 1), 1));
    await expect(heading(h2.course)).toHaveText('Your decision');
    expect(await shownOrder(h2.course)).toEqual(before);
    expect(before).toEqual(expectedOrder(seedIn(saved.cmi.suspend_data), id, path.slice(0, 1)));
  } finally {
    await context.close();
  }
});

/** The whole course finished, as a saved CMI an LMS would load: every scenario played once along the plan. */
function finishedCourse(v: Version, paths: Record<string, string[]>): { cmi: Cmi } {
  const suspend_data = encodeProgress(course, { paths, seed: 2024 });
  return { cmi: v === '12' ? { suspend_data, core: { lesson_status: 'incomplete' } } : { suspend_data, completion_status: 'incomplete' } };
}

for (const v of ['12', '2004'] as Version[]) {
  const label = v === '12' ? 'SCORM 1.2' : 'SCORM 2004';

  test(`${label}: replays after passing are practice: labelled, and the LMS's status, score and journal stay`, async ({ launch }) => {
    const paths = plan('mostly-best');
    const st = stateOf(paths);
    expect(st.passed).toBe(true);
    const h = await launch({ v, saved: finishedCourse(v, paths) });
    await h.settled(0);
    const status = v === '12' ? 'cmi.core.lesson_status' : 'cmi.success_status';
    const raw = v === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw';
    expect(await h.getValue(status)).toBe('passed');
    expect(await h.getValue(raw)).toBe(String(st.percent));
    const mark = await h.logLength();

    // "Try again" with no decision made, then a replay with the weakest choices
    const [first, second] = scenarioOrder;
    for (const id of [first, second]) {
      await openScenario(h.course, id);
      await h.course.getByRole('button', { name: 'Try this scenario again' }).click();
      await expect(h.course.getByText('Practice: this replay does not change your recorded result.')).toBeVisible();
      await h.course.getByRole('link', { name: 'Scenarios', exact: true }).click();
    }
    await playScenario(h.course, second, worstPath(scenario(second)));
    expect((await cardStates(h.course, [first, second]))[second], 'the card still shows the result that counts').toBe('done');
    await h.course.getByRole('link', { name: 'Results', exact: true }).click();
    await expect(h.course.getByTestId('course-score')).toContainText(`${st.percent}%`);
    await h.unload();
    const log = await h.log(mark);
    expect(setValues(log, v, status).filter((s) => s !== 'passed'), 'never anything but passed').toEqual([]);
    expect(log.filter((c) => /SetValue$/.test(c.method) && /score|interactions/.test(c.args[0])), 'no score or interaction from practice').toEqual([]);
    const cmi = await h.cmi();
    expect(v === '12' ? cmi.core.lesson_status : cmi.success_status).toBe('passed');
    expect(v === '12' ? cmi.core.score.raw : cmi.score.raw).toBe(String(st.percent));
  });

  test(`${label}: a launch in review mode shows the results and writes nothing`, async ({ launch }) => {
    const paths = plan('mostly-best');
    const h = await launch({ v, saved: finishedCourse(v, paths), mode: 'review' });
    await expect(h.course.locator('.notices')).toContainText('reviewing a finished attempt');
    expect(Object.values(await cardStates(h.course, scenarioOrder)).every((s) => s === 'done')).toBe(true);
    // a replay is possible, as practice, and nothing of it reaches the LMS
    const [id] = scenarioOrder;
    await openScenario(h.course, id);
    await h.course.getByRole('button', { name: 'Try this scenario again' }).click();
    await expect(h.course.getByText('Practice: this replay does not change your recorded result.')).toBeVisible();
    await h.course.getByRole('link', { name: 'Scenarios', exact: true }).click();
    await playScenario(h.course, id, worstPath(scenario(id)));
    await h.unload();
    const writes = (await h.log()).filter((c) => /SetValue$|Commit$/.test(c.method));
    expect(writes.map((c) => c.args[0] ?? c.method)).toEqual([]);
  });

  test(`${label}: a hash change from outside the course's links never reloads it (no second Initialize)`, async ({ launch, page }) => {
    const h = await launch({ v });
    const [id] = scenarioOrder;
    const path = plan('mostly-best')[id];
    await openScenario(h.course, id);
    await playSteps(h.course, stepsOf(id, path.slice(0, 1)));
    await changeHashFromOutside(page, '#/results');
    await expect(h.course.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
    await page.evaluate(() => history.back());
    await expect(h.course.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    expect((await h.log()).filter((c) => c.method === h.fn.init)).toHaveLength(1);
    await expect(h.course.locator('.notices')).toHaveCount(0);
  });
}

/** What an LMS page (or a script in it) may do: set the course frame's address. */
async function changeHashFromOutside(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    (document.getElementById('course') as HTMLIFrameElement).contentWindow!.location.hash = h;
  }, hash);
}
