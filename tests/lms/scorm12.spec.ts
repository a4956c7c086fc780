/**
 * SCORM 1.2 in Moodle's own player (issue 11 §2.2, §2.4–2.6): replays never lower a pass, a decision
 * records what it earned so a tutor can tell a reasonable choice from a harmful one, and a learner
 * who finishes below the pass mark is recorded as failed (never part-way) with a new attempt open.
 */
import type { DecisionRecord } from '../../src/lib/course/types';
import { playScenario } from '../e2e/scorm/play';
import { recordsOf } from '../e2e/scorm/plan';
import { interactionsOf } from './moodle';
import { percentOf, plan, playAll, scenario, scenariosOf, stateIn, worstPath } from './course';
import { expect, test } from './site';

test('§2.4 replays after passing are practice: status, grade and activity completion stay', async ({ learner, moodle, site }) => {
  const l = await learner('replays');
  const { scormid, cmid } = site.ids.activities.full12;
  const ids = scenariosOf('full');
  const paths = plan('mostly-best');
  const expected = stateIn('full', paths);
  expect(expected.passed, 'the plan passes').toBe(true);
  const percent = percentOf(expected);

  const view = await l.enter('full12');
  await playAll(view, ids, paths);
  await expect.poll(() => moodle.track(scormid, l.userid)['cmi.core.lesson_status']).toBe('passed');
  const passed = moodle.track(scormid, l.userid);
  expect(passed['cmi.core.score.raw']).toBe(String(percent));
  expect(moodle.grade(scormid, l.userid), 'the gradebook').toBe(percent);
  expect(moodle.completion(cmid, l.userid), 'activity completion').toBeGreaterThanOrEqual(1);

  // "Try again" with no decision made, then three replays with the weakest choices
  const [first, ...rest] = ids;
  await view.locator('.scenario-card').getByRole('link', { name: scenario(first).title, exact: true }).click();
  await view.getByRole('button', { name: 'Try this scenario again' }).click();
  // (soft: the record below is checked even when the label is missing)
  await expect.soft(view.getByText('Practice: this replay does not change your recorded result')).toBeVisible();
  await view.getByRole('link', { name: 'Scenarios', exact: true }).click();
  for (const id of rest.slice(0, 3)) {
    await view.locator('.scenario-card').getByRole('link', { name: scenario(id).title, exact: true }).click();
    await view.getByRole('button', { name: 'Try this scenario again' }).click();
    await view.getByRole('link', { name: 'Scenarios', exact: true }).click();
    await playScenario(view, id, worstPath(scenario(id)));
  }
  await l.exit();
  await expect.poll(() => moodle.track(scormid, l.userid)['cmi.core.total_time'] ?? '').not.toBe('');

  const after = moodle.track(scormid, l.userid);
  expect(after['cmi.core.lesson_status'], 'still passed').toBe('passed');
  expect(after['cmi.core.score.raw'], 'same score').toBe(String(percent));
  expect(moodle.grade(scormid, l.userid), 'same grade').toBe(percent);
  expect(moodle.completion(cmid, l.userid), 'still done').toBeGreaterThanOrEqual(1);
  // the record holds the scored decisions, once each: practice is not reported as results
  expect(interactionsOf(after).map((i) => i.id)).toEqual(ids.flatMap((id) => recordsOf(id, paths[id]).map((r) => `${id}.${r.decisionId}`)));
});

/** A path that meets options of every verdict the scenario offers, best first, for the result test. */
function mixedPaths(ids: string[]): Record<string, string[]> {
  const best = plan('mostly-best');
  return Object.fromEntries(ids.map((id, i) => [id, i % 2 === 0 ? best[id] : worstPath(scenario(id))]));
}

test('§2.5 each decision records the points it earned, out of the most it could: tutors tell reasonable from harmful', async ({ learner, tutor, moodle, site }) => {
  const l = await learner('scores');
  const { scormid, cmid } = site.ids.activities.unit12;
  const ids = scenariosOf('unit');
  const paths = mixedPaths(ids);
  const records: DecisionRecord[] = ids.flatMap((id) => recordsOf(id, paths[id]));
  const verdicts = new Set(records.map((r) => r.verdict));
  expect(verdicts.size, `verdicts met: ${[...verdicts].join(', ')}`).toBeGreaterThanOrEqual(3);

  const view = await l.enter('unit12');
  await playAll(view, ids, paths);
  await l.exit();
  await expect.poll(() => interactionsOf(moodle.track(scormid, l.userid)).length).toBe(records.length);
  const stored = interactionsOf(moodle.track(scormid, l.userid));
  stored.forEach((it, n) => {
    const r = records[n];
    expect({ id: it.id, response: it.response, result: it.result, weighting: it.weighting }, `interaction ${n}`).toEqual({
      id: `${r.scenarioId}.${r.decisionId}`,
      response: r.optionId,
      result: String(r.points),
      weighting: String(r.maxPoints),
    });
  });
  // a reasonable choice and a harmful one never read the same
  const resultOf = (v: string) => new Set(stored.filter((_, n) => records[n].verdict === v).map((i) => i.result));
  for (const v of ['acceptable', 'poor']) for (const x of resultOf(v)) expect(resultOf('harmful').has(x) && x !== '0', `${v} vs harmful`).toBe(false);

  // the tutor's Interactions report shows those results, one group per decision
  const t = await tutor();
  await t.page.goto(`${site.url}/mod/scorm/report.php?id=${cmid}&mode=interactions`);
  for (const box of ['#id_qtext', '#id_resp', '#id_right', '#id_result']) await t.page.locator(box).check();
  await t.page.locator('#id_submitbutton').click();
  // the page streams its table: wait for the last decision's column and the end of the page
  await expect(t.page.getByRole('columnheader', { name: new RegExp(`^Result ${records.length - 1}\\b`) })).toBeVisible();
  await t.page.waitForLoadState('load');
  const table = t.page.locator('table').filter({ has: t.page.getByRole('columnheader', { name: /^Result 0\b/ }) });
  // a header reads "Result 0" followed by its collapse control
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim().split(/\s*\n\s*/)[0] ?? '');
  // the learner's row: their name is "scores Run <run>"
  const row = table.locator('tbody tr').filter({ hasText: `scores Run ${site.run}` }).first();
  const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
  records.forEach((r, n) => {
    const at = headers.indexOf(`Result ${n}`);
    expect(at, `column Result ${n}`).toBeGreaterThan(-1);
    expect(cells[at], `Result ${n} (${r.verdict})`).toBe(String(r.points));
  });
});

test('§2.6 below the pass mark: no score part-way, "failed" once every scenario is finished, and a new attempt offered', async ({ learner, moodle, site }) => {
  const l = await learner('below-pass');
  const { scormid } = site.ids.activities.unit12;
  const ids = scenariosOf('unit');
  const paths = Object.fromEntries(ids.map((id) => [id, worstPath(scenario(id))]));
  const expected = stateIn('unit', paths);
  expect(expected.passed, 'the plan does not pass').toBe(false);

  const view = await l.enter('unit12');
  await playAll(view, ids.slice(0, 3), paths);
  await expect.poll(() => interactionsOf(moodle.track(scormid, l.userid)).length).toBe(ids.slice(0, 3).reduce((n, id) => n + paths[id].length, 0));
  const partWay = moodle.track(scormid, l.userid);
  expect(partWay['cmi.core.lesson_status'], 'part-way').toBe('incomplete');
  expect(partWay['cmi.core.score.raw'], 'no score part-way').toBeUndefined();
  expect(moodle.grade(scormid, l.userid), 'no grade part-way').toBeNull();

  await playAll(view, ids.slice(3), paths);
  await expect.poll(() => moodle.track(scormid, l.userid)['cmi.core.lesson_status']).toBe('failed');
  expect(moodle.track(scormid, l.userid)['cmi.core.score.raw']).toBe(String(percentOf(expected)));
  expect(moodle.grade(scormid, l.userid)).toBe(percentOf(expected));
  await l.exit();

  // Moodle offers a new attempt, and it starts afresh; the first attempt stays as it was
  const first = moodle.track(scormid, l.userid, 1);
  await l.viewActivity('unit12');
  await expect(l.page.getByLabel('Start a new attempt')).toBeVisible();
  const again = await l.enter('unit12', { newAttempt: true });
  for (const id of ids) await expect(again.locator('.scenario-card', { has: again.locator(`a[href="#/s/${id}"]`) })).toHaveAttribute('data-state', 'new');
  await playScenario(again, ids[0], plan('mostly-best')[ids[0]]);
  await l.exit();
  await expect.poll(() => moodle.attempts(scormid, l.userid)).toEqual([1, 2]);
  expect(moodle.track(scormid, l.userid, 1)['cmi.core.lesson_status']).toBe(first['cmi.core.lesson_status']);
  expect(moodle.track(scormid, l.userid, 1)['cmi.core.score.raw']).toBe(first['cmi.core.score.raw']);
});
