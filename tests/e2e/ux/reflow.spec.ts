/**
 * WCAG 1.4.10 Reflow: content fits 320 CSS px wide with no horizontal scrolling, and without
 * splitting words across lines to squeeze into narrow columns (tables stack their rows instead).
 *
 * 400% zoom of a 1280×1024 window is emulated as what the browser does when it zooms: the layout
 * viewport becomes 1280/4 × 1024/4 = 320×256 CSS px and the device pixel ratio 4. That is the
 * faithful model (media queries, innerWidth and scrollWidth all see 320 px, as in a real zoomed
 * window). CSS `zoom: 4` on the root element instead leaves the viewport at 1280 px: innerWidth
 * stays 1280 and media queries (the 40rem breakpoint where tables stack) still see a wide screen,
 * so it would test a layout that no learner who zooms ever gets.
 */
import { expect, test, type Browser } from '@playwright/test';
import type { Scenario } from '../../../src/lib/course/types';
import { brokenWords, course, coveringPaths, eachScreen, longestPath, markStep, nextStep, open, openFeedbackDetail, overflowing, overflowX, playPath, url } from './ux';

// its tests are independent: let both workers take them
test.describe.configure({ mode: 'parallel' });

async function noHorizontalScroll(browser: Browser, viewport: { width: number; height: number }, deviceScaleFactor: number) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const wide: Record<string, string[]> = {};
  const split: Record<string, string[]> = {};
  await eachScreen(page, async (screen) => {
    expect(await page.evaluate(() => window.innerWidth)).toBe(320);
    // every citation open on the feedback, so their summaries are measured too
    if (screen === 'feedback') await openFeedbackDetail(page);
    if ((await overflowX(page)) > 0) wide[screen] = await overflowing(page);
    // reflowing by breaking words in squeezed columns ("Percenta|ge") does not count
    const broken = await brokenWords(page);
    if (broken.length) split[screen] = broken;
  });
  await context.close();
  expect(wide).toEqual({});
  expect(split).toEqual({});
}

test('reflow: no horizontal scrolling at 320 px wide, on every screen', async ({ browser }) => {
  test.setTimeout(120_000);
  await noHorizontalScroll(browser, { width: 320, height: 640 }, 1);
});

test('reflow: no horizontal scrolling at 1280 px with 400% zoom (320×256 CSS px at 4× pixel ratio), on every screen', async ({ browser }) => {
  test.setTimeout(120_000);
  await noHorizontalScroll(browser, { width: 320, height: 256 }, 4);
});

/**
 * Every scenario along its longest path (its scenes, artefacts, decisions, feedback and an ending);
 * UX_REFLOW_ALL=1 plays enough paths to visit every node of every scenario (about 4× longer).
 */
const pathsFor = (s: Scenario) => (process.env.UX_REFLOW_ALL ? coveringPaths(s) : [longestPath(s)]);

test('reflow: the scenes, decisions, feedback and endings of every scenario fit 320 px', async ({ browser }) => {
  test.setTimeout(process.env.UX_REFLOW_ALL ? 600_000 : 240_000);
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const wide: string[] = [];
  let steps = 0;
  for (const s of course.scenarios) {
    await open(page, url(`#/s/${s.id}`));
    for (const [i, path] of pathsFor(s).entries()) {
      if (i > 0) {
        await markStep(page);
        await page.getByRole('button', { name: 'Try this scenario again' }).click();
        await nextStep(page);
      }
      await playPath(page, s, path, async (kind) => {
        steps++;
        if (kind === 'feedback') await openFeedbackDetail(page);
        if ((await overflowX(page)) > 0) wide.push(`${s.id} ${path.join('.')} ${kind}: ${(await overflowing(page)).join('; ')}`);
        const broken = await brokenWords(page);
        if (broken.length) wide.push(`${s.id} ${path.join('.')} ${kind}: words split across lines: ${broken.join('; ')}`);
      });
    }
  }
  await context.close();
  // a scene, a decision, its feedback and an ending at least, in every scenario
  expect(steps).toBeGreaterThanOrEqual(course.scenarios.length * 4);
  expect(wide).toEqual([]);
});
