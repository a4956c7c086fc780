/**
 * SCORM 2004 in Moodle's own player (issue 11 §2.1–2.3): the grade is the course percentage, the
 * save at "Exit activity" lands even at the end of the course, total time adds up over sessions,
 * and a finished attempt reopened (Moodle's review mode) keeps its score and status.
 */
import { interactionsOf } from './moodle';
import { percentOf, pick, plan, playAll, scenariosOf, stateIn } from './course';
import { expect, test } from './site';

/** SCORM 2004 timeinterval → seconds (PT1H2M3.5S). */
function seconds(duration: string | undefined): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(duration ?? '');
  if (!m) return NaN;
  const [, d, h, min, s] = m.map((x) => Number(x ?? 0));
  return ((d * 24 + h) * 60 + min) * 60 + s;
}

test('§2.2 §2.3 the whole course, then Exit activity: the last save lands, the grade is the course percentage', async ({ learner, moodle, site }) => {
  const l = await learner('late-exit');
  const { scormid } = site.ids.activities.full2004;
  const ids = scenariosOf('full');
  const paths = plan('mostly-best');
  const expected = stateIn('full', paths);
  const percent = percentOf(expected);

  // every beacon Moodle's player sends (the saves made while its page unloads), as the browser answered
  await l.page.addInitScript(() => {
    if (window.top !== window) return;
    const send = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
      const ok = send(url, data);
      const size = data instanceof FormData ? [...data.entries()].reduce((n, [k, v]) => n + 90 + k.length + String(v).length, 0) : 0;
      const log = JSON.parse(localStorage.getItem('beacons') ?? '[]') as unknown[];
      localStorage.setItem('beacons', JSON.stringify([...log, { ok, size }]));
      return ok;
    };
  });
  const view = await l.enter('full2004');
  await playAll(view, ids, paths);
  await l.exit();
  const beacons = (await l.page.evaluate(() => JSON.parse(localStorage.getItem('beacons') ?? '[]'))) as { ok: boolean; size: number }[];
  test.info().annotations.push({ type: 'beacons at exit', description: JSON.stringify(beacons) });
  expect(beacons.length, 'one save at exit, as a beacon (a second one, while the first is in flight, would share its 64 KB)').toBe(1);
  expect(beacons.every((b) => b.ok), `every beacon accepted: ${JSON.stringify(beacons)}`).toBe(true);

  // the save sent while the page unloads: it carries the session's time and the home bookmark
  await expect.poll(() => moodle.track(scormid, l.userid)['cmi.total_time'] ?? '', { message: 'cmi.total_time stored' }).toMatch(/^P/);
  const track = moodle.track(scormid, l.userid);
  expect(seconds(track['cmi.session_time']), 'cmi.session_time').toBeGreaterThan(0);
  expect(seconds(track['cmi.total_time']), 'cmi.total_time').toBeGreaterThanOrEqual(seconds(track['cmi.session_time']));
  expect(track['cmi.location']).toBe('home');
  expect(track['cmi.completion_status']).toBe('completed');
  expect(track['cmi.success_status']).toBe(expected.passed ? 'passed' : 'failed');
  // the score is the percentage, as Moodle reads it
  expect({ raw: track['cmi.score.raw'], min: track['cmi.score.min'], max: track['cmi.score.max'], scaled: track['cmi.score.scaled'] }).toEqual({
    raw: String(percent),
    min: '0',
    max: '100',
    scaled: String(percent / 100),
  });
  expect(moodle.grade(scormid, l.userid), 'the gradebook').toBe(percent);
  expect(interactionsOf(track)).toHaveLength(ids.reduce((n, id) => n + paths[id].length, 0));
});

test('§2.1 §2.2 four sessions add up their time; the finished attempt reopened keeps its score and status', async ({ learner, moodle, site }) => {
  const l = await learner('sessions');
  const { scormid } = site.ids.activities.unit2004;
  const ids = scenariosOf('unit');
  const paths = plan('mostly-best');
  const sessions = [ids.slice(0, 2), ids.slice(2, 4), ids.slice(4, 6), ids.slice(6)];

  let total = 0;
  for (const [n, part] of sessions.entries()) {
    const view = await l.enter('unit2004');
    await playAll(view, part, paths);
    await l.exit();
    await expect.poll(() => seconds(moodle.track(scormid, l.userid)['cmi.total_time']), { message: `total time after session ${n + 1}` }).toBeGreaterThan(total);
    const track = moodle.track(scormid, l.userid);
    const session = seconds(track['cmi.session_time']);
    expect(session, `session ${n + 1} time`).toBeGreaterThan(0);
    // Moodle adds the session to the total it gave the course at launch
    expect(seconds(track['cmi.total_time'])).toBeCloseTo(total + session, 1);
    total = seconds(track['cmi.total_time']);
    expect(moodle.attempts(scormid, l.userid), 'one attempt throughout').toEqual([1]);
  }

  const expected = stateIn('unit', pick(paths, ids));
  const percent = percentOf(expected);
  const finished = moodle.track(scormid, l.userid);
  expect(finished['cmi.completion_status']).toBe('completed');
  expect(finished['cmi.score.raw']).toBe(String(percent));
  expect(moodle.grade(scormid, l.userid), 'the gradebook').toBe(percent);

  // reopened: Moodle puts a finished attempt in review mode; the course shows the results, read-only
  const view = await l.enter('unit2004');
  await expect(view.locator('.notices')).toContainText('reviewing');
  for (const id of ids) await expect(view.locator('.scenario-card', { has: view.locator(`a[href="#/s/${id}"]`) })).toHaveAttribute('data-state', 'done');
  await view.getByRole('link', { name: 'Results', exact: true }).click();
  await expect(view.getByTestId('course-score')).toContainText(`${percent}%`);
  await l.exit();

  // nothing the review did changed the record
  await expect.poll(() => moodle.track(scormid, l.userid)['cmi.total_time']).toBe(finished['cmi.total_time']);
  const after = moodle.track(scormid, l.userid);
  for (const el of ['cmi.completion_status', 'cmi.success_status', 'cmi.score.raw', 'cmi.score.scaled', 'cmi.suspend_data', 'cmi.exit']) {
    expect(after[el], el).toBe(finished[el]);
  }
  expect(interactionsOf(after)).toEqual(interactionsOf(finished));
  expect(moodle.grade(scormid, l.userid)).toBe(percent);
});
