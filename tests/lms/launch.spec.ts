/**
 * Launching in Moodle (issue 11 §2.7, §2.8): the packages a fresh clone makes with `npm run package`
 * are valid Moodle packages, and a change of the course's address from outside its own links never
 * reloads the course (a second Initialize, which Moodle refuses).
 */
import { join } from 'node:path';
import { playSteps } from '../e2e/scorm/play';
import { plan, stepsOf } from '../e2e/scorm/plan';
import { interactionsOf } from './moodle';
import { scenariosOf } from './course';
import { expect, test, type ActivityKey, type Student } from './site';

test('§2.8 `npm run package` on a fresh clone builds what it needs; Moodle accepts both packages', async ({ moodle, site }) => {
  expect(site.freshClone.ok, `${site.freshClone.command} on a fresh clone:\n${site.freshClone.output}`).toBe(true);
  test.skip(site.source.kind !== 'kit', "Moodle's package check (validate.php) comes with the kit");
  if (site.source.kind !== 'kit') return;
  for (const key of ['full12', 'full2004', 'unit12', 'unit2004']) {
    const out = moodle.php(join(site.source.kit, 'validate.php'), [site.packages[key]]);
    expect(out.trim(), key).toMatch(/: no validation errors$/);
  }
});

const cases: { v: string; key: ActivityKey; who: Student; init: string }[] = [
  { v: '1.2', key: 'unit12', who: 'hash-12', init: 'LMSInitialize' },
  { v: '2004', key: 'unit2004', who: 'hash-2004', init: 'Initialize' },
];

for (const c of cases) {
  test(`§2.7 SCORM ${c.v}: a hash change from outside the course's links never initializes again`, async ({ learner, moodle, site }) => {
    const l = await learner(c.who);
    const { scormid } = site.ids.activities[c.key];
    const [id] = scenariosOf('unit');
    const path = plan('mostly-best')[id];
    const view = await l.enter(c.key);
    // count any further Initialize on Moodle's API object from here on
    await l.page.evaluate((name) => {
      const w = window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>> & { inits: number };
      const api = w.API_1484_11 ?? w.API;
      const real = api[name];
      w.inits = 0;
      api[name] = function (...args: unknown[]) {
        w.inits++;
        return real.apply(this, args);
      };
    }, c.init);

    await view.locator('.scenario-card').getByRole('link').first().click();
    await playSteps(view, stepsOf(id, path.slice(0, 1)));
    // the address of the course's frame changes, set from the LMS page (not a link of the course)
    await l.page.evaluate(() => {
      const frame = document.getElementById('scorm_object') as HTMLIFrameElement;
      frame.contentWindow!.location.hash = '#/results';
    });
    await expect(view.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
    await l.page.evaluate(() => history.back());
    await expect(view.getByText('Decisions made: 1', { exact: true })).toBeVisible();
    expect(await l.page.evaluate(() => (window as unknown as { inits: number }).inits), 'Initialize calls after the launch').toBe(0);
    await expect(view.getByText('could not be used')).toHaveCount(0);

    // and the course still saves to Moodle
    await playSteps(view, stepsOf(id, path.slice(0, 2), 1));
    await expect.poll(() => interactionsOf(moodle.track(scormid, l.userid)).map((i) => i.response)).toEqual(path.slice(0, 2));
  });
}
