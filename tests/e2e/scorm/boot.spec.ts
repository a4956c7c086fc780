/**
 * The boot (src/lib/boot/boot.ts): on a scenario's address, inside an LMS, the scenario's opening is
 * drawn before the app has arrived, and the app carries on from it (src/lib/boot/state.ts). Here the
 * app's file is held back (Playwright holds its request) so what the boot drew can be used first.
 * What must hold: the order is this attempt's, the app keeps it and the learner's pick, the LMS is
 * initialised once and its record is what it would have been; when the boot cannot know the
 * learner's state (a play in progress, a review, another course version, a code it cannot read, a
 * refused Initialize) it draws nothing and the app does all as before.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { encodeProgress } from '../../../src/lib/engine/progress';
import { expect, FN, Harness, harnessUrl, isErrorQuery, test, type HarnessOptions, type Version } from './lms';
import { course, scenario } from './plan';

test.describe.configure({ mode: 'parallel' });

const ID = 'friend-request';
const AT = `#/s/${ID}`;

/** Holds the app's file until release() is called; records whether the page ever showed the boot's view. */
async function holdApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((ok) => (release = ok));
  await page.route(/\/_app\/app\.[a-z0-9]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.addInitScript(() => {
    if (!location.pathname.includes('/content/')) return;
    // the document's element may not be there yet: watch the document
    new MutationObserver(() => {
      if (document.documentElement?.classList.contains('boot')) (window as unknown as { sawBoot: boolean }).sawBoot = true;
    }).observe(document, { attributes: true, subtree: true, childList: true, attributeFilter: ['class'] });
  });
  return release;
}

async function open(page: Page, lms: Parameters<typeof harnessUrl>[0], opts: HarnessOptions): Promise<Harness> {
  await page.goto(harnessUrl(lms, opts));
  return new Harness(page, opts.v);
}

const courseFrame = (page: Page) => page.frames().find((f) => f.url().includes('/content/index.html'))!;
const radios = (h: Harness) => h.course.locator('input[type="radio"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
const inits = async (h: Harness) => (await h.log()).filter((c) => c.method === h.fn.init);

for (const v of ['12', '2004'] as Version[]) {
  const name = v === '12' ? '1.2' : '2004';

  test(`SCORM ${name}: a scenario's opening is drawn before the app, in this attempt's order; the app carries on from it, with one Initialize`, async ({ page, lms }) => {
    const release = await holdApp(page);
    const h = await open(page, lms, { v, at: AT });
    const c = h.course;
    await expect(c.locator('html.boot #first-screen #step-heading')).toHaveText('The situation');
    // the learner reads on and picks an option, all before the app has arrived
    while ((await c.locator('#step-heading').textContent()) !== 'Your decision') await c.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(c.locator('#step-heading')).toBeFocused();
    const order = await radios(h);
    expect([...order].sort()).toEqual(scenario(ID).nodes.find((n) => n.kind === 'decision')!.options.map((o) => o.id).sort());
    const seed = await courseFrame(page).evaluate(() => (window as unknown as { __courseBoot: { seed: number } }).__courseBoot.seed);
    const picked = order[1]!;
    await c.locator(`input[type="radio"][value="${picked}"]`).check();
    await expect(c.getByRole('button', { name: 'Choose this response' })).toBeDisabled();
    // the boot started the session and read the launch; it wrote nothing
    const asked = (await h.log()).map((x) => x.method);
    expect(asked[0]).toBe(h.fn.init);
    expect(asked.filter((m) => m !== h.fn.init && m !== h.fn.get)).toEqual([]);

    release();
    await expect(c.locator('main:not([aria-busy]) h1')).toBeVisible();
    await expect(c.locator('#first-screen')).toHaveCount(0);
    await expect(c.locator('html')).not.toHaveClass(/boot/);
    // the same step, the same order, the same pick, where the focus was
    await expect(c.locator('#step-heading')).toHaveText('Your decision');
    expect(await radios(h)).toEqual(order);
    await expect(c.locator(`input[type="radio"][value="${picked}"]`)).toBeChecked();
    await expect(c.locator(`input[type="radio"][value="${picked}"]`)).toBeFocused();
    await c.getByRole('button', { name: 'Choose this response' }).click();
    await expect(c.locator('#step-heading')).toHaveText('What happened');

    const log = await h.settled(0);
    expect(await inits(h)).toHaveLength(1);
    expect(log.filter((x) => !isErrorQuery(x) && x.error !== '0'), 'no call the LMS refused').toEqual([]);
    const code = await h.getValue('cmi.suspend_data');
    expect(code.split('~')[2], "the attempt keeps the boot's seed").toBe(seed.toString(36));
    expect(code).toContain(`${ID}:${picked}`);
    expect(await h.getValue('cmi.interactions._count')).toBe('1');
  });

  test(`SCORM ${name}: a scenario's address the boot cannot draw (a play in progress, a review, another version, an unreadable code): the app draws it, with one Initialize`, async ({ browser, lms }) => {
    const first = scenario(ID).bestPath![0]!;
    const cases: [string, Partial<HarnessOptions>, RegExp][] = [
      ['a play in progress', { suspend: encodeProgress(course, { paths: { [ID]: [first] }, scored: {}, seed: 99 }) }, /Decisions made: 1/],
      ['a review', { mode: 'review' }, /Decisions made: 0/],
      ['another course version', { suspend: encodeProgress({ ...course, version: course.version + 1 }, { paths: {}, scored: {}, seed: 5 }) }, /Decisions made: 0/],
      ['an unreadable code', { suspend: '2~garbage' }, /Decisions made: 0/],
    ];
    for (const [what, opts, shows] of cases) {
      const page = await browser.newPage();
      const release = await holdApp(page);
      const h = await open(page, lms, { v, at: AT, ...opts });
      // the page's own parts are in (the views file is asked for only when it is needed)
      await expect(h.course.locator('html.deep-link'), what).toBeAttached();
      await page.waitForTimeout(300);
      release();
      await expect(h.course.locator('main:not([aria-busy]) h1'), what).toBeVisible();
      await expect(h.course.locator('.step-count'), what).toHaveText(shows);
      expect(await courseFrame(page).evaluate(() => (window as unknown as { sawBoot?: boolean }).sawBoot ?? false), `${what}: the boot drew nothing`).toBe(false);
      expect(await inits(h), what).toHaveLength(1);
      await page.close();
    }
  });

  test(`SCORM ${name}: an Initialize the LMS refuses to the boot: nothing drawn, and the same fall-back as on the home page`, async ({ page, lms }) => {
    const release = await holdApp(page);
    const h = await open(page, lms, { v, at: AT, initFail: true });
    await expect.poll(async () => (await inits(h)).length).toBe(1);
    release();
    await expect(h.course.locator('.notices')).toContainText(`it did not start: error ${v === '12' ? '101' : '102'}`);
    await expect(h.course.locator('#step-heading')).toHaveText('The situation');
    expect(await courseFrame(page).evaluate(() => (window as unknown as { sawBoot?: boolean }).sawBoot ?? false)).toBe(false);
    // nothing more was asked of an LMS that refused to start
    const prefix = v === '12' ? 'LMS' : '';
    expect((await h.log()).map((c) => c.method)).toEqual([FN[v].init, `${prefix}GetLastError`, `${prefix}GetErrorString`]);
  });
}

// What the boot drew must look as the app's page does, where it is on the screen too: the boot's
// views are the app's components rendered at build time, with the stylesheet's rules they use.
const LOOKS = ['display', 'color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height', 'margin-top', 'padding-top', 'padding-left', 'border-top-width', 'border-top-color', 'border-radius'];
const PARTS = {
  scene: ['header.site', '.brand', 'nav a[aria-current]', 'main', '.player-head .kicker', '#scenario-title', '.step-count', '.scenario-progress', '#step-heading', '.scene-body .text p', '.step .actions .button.primary'],
  decision: ['header.site', '#scenario-title', '.step-back', '#step-heading', '.decision-grid', 'legend.prompt', 'label.option', 'label.option:last-child', 'button[type="submit"]'],
};
for (const [width, scheme] of [[1280, 'light'], [390, 'dark']] as const) {
  test(`the opening the boot draws looks the same as the app's, at the same places, and passes axe (${width} px, ${scheme})`, async ({ browser, lms }) => {
    for (const step of ['scene', 'decision'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const release = await holdApp(page);
      const h = await open(page, lms, { v: '12', at: AT });
      const c = h.course;
      await expect(c.locator('html.boot #step-heading')).toBeVisible();
      if (step === 'decision') while ((await c.locator('#step-heading').textContent()) !== 'Your decision') await c.getByRole('button', { name: 'Continue', exact: true }).click();
      const looks = () =>
        courseFrame(page).evaluate(
          ({ parts, props }) =>
            Object.fromEntries(
              parts.map((sel) => {
                const el = document.querySelector(`main ${sel}, ${sel}`);
                if (!el) return [sel, null];
                const cs = getComputedStyle(el);
                const r = el.getBoundingClientRect();
                return [sel, { ...Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])), box: [r.x, r.y, r.width, r.height].map(Math.round).join(' ') }];
              }),
            ),
          { parts: PARTS[step], props: LOOKS },
        );
      const before = await looks();
      // and it passes the same accessibility checks (axe, WCAG 2.2 AA) as the app's pages (tests/e2e/ux/axe.spec.ts)
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      const inCourse = r.violations.map((v) => ({ id: v.id, nodes: v.nodes.filter((n) => n.target[0] === '#course').map((n) => n.target.join(' ')) })).filter((v) => v.nodes.length);
      expect(inCourse, `${step}: axe violations in the boot's view`).toEqual([]);
      expect(r.passes.length).toBeGreaterThan(5);
      release();
      await expect(c.locator('main:not([aria-busy]) h1')).toBeVisible();
      await expect(c.locator('#first-screen')).toHaveCount(0);
      const after = await looks();
      for (const part of PARTS[step]) expect(before[part], `${step}: ${part}`).not.toBeNull();
      expect(before, step).toEqual(after);
      await context.close();
    }
  });
}
