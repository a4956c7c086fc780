/**
 * Layouts at a phone (375×667) and a laptop (1280×800): key elements are visible, inside the
 * viewport's width, and nothing scrolls sideways. Full-page screenshots of home, a scene, decision,
 * feedback, ending, results and the CPD record go to test-results/ux-screens/ (not committed) for a
 * person to look at; UX_SCREENS_DIR puts them elsewhere (Playwright empties test-results/ when a run starts).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { brokenWords, eachScreen, overflowX, overflowing, type Screen } from './ux';

// its tests are independent: let both workers take them
test.describe.configure({ mode: 'parallel' });

const screensDir = process.env.UX_SCREENS_DIR ?? 'test-results/ux-screens';

const viewports = [
  { name: 'phone', width: 375, height: 667 },
  { name: 'laptop', width: 1280, height: 800 },
];

const key: Partial<Record<Screen, (p: Page) => Locator[]>> = {
  home: (p) => [
    p.getByRole('navigation', { name: 'Course' }),
    p.getByRole('heading', { level: 2, name: 'Scenarios' }),
    p.locator('a.button.primary'),
    p.locator('.scenario-card').first(),
  ],
  scene: (p) => [p.locator('#step-heading'), p.locator('.scene .text'), p.getByRole('button', { name: 'Continue' })],
  decision: (p) => [p.locator('legend.prompt'), ...[0, 1].map((i) => p.locator('label.option').nth(i)), p.getByRole('button', { name: 'Choose this response' })],
  feedback: (p) => [p.locator('.you-chose'), p.locator('.consequence'), p.locator('.coaching h3'), p.locator('.takeaway'), p.locator('.cite-panel:not([hidden]) p').first(), p.getByRole('button', { name: 'Continue' })],
  ending: (p) => [p.getByTestId('scenario-score'), p.locator('.debrief'), p.locator('#path-heading'), p.locator('.path-verdict').first(), p.getByRole('link', { name: 'Back to scenarios' })],
  results: (p) => [p.getByTestId('course-score'), p.locator('.chart .chart-row').first(), p.locator('.chart-figures'), p.getByRole('link', { name: 'Your CPD record' })],
  record: (p) => [
    p.getByRole('heading', { level: 1, name: 'Your CPD record' }),
    p.locator('.facts'),
    p.locator('table.stack').first(),
    p.locator('textarea').first(),
    p.getByRole('button', { name: 'Download certificate (PDF)' }),
  ],
};

for (const vp of viewports) {
  test(`layout at ${vp.width}×${vp.height}: key elements visible, no sideways scrolling, screenshots`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();
    const shots: string[] = [];
    await eachScreen(page, async (screen) => {
      const locators = key[screen]?.(page);
      if (!locators) return;
      for (const l of locators) {
        await expect(l).toBeVisible();
        const box = (await l.boundingBox())!;
        expect(box.width, `${screen}: ${l} has no width`).toBeGreaterThan(0);
        expect(box.x, `${screen}: ${l} starts left of the viewport`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${screen}: ${l} ends right of the viewport`).toBeLessThanOrEqual(vp.width + 0.5);
      }
      expect(await overflowX(page), `${screen} scrolls sideways: ${(await overflowing(page)).join('; ')}`).toBeLessThanOrEqual(0);
      expect(await brokenWords(page), `${screen}: words split across lines`).toEqual([]);
      const path = `${screensDir}/${vp.name}-${vp.width}x${vp.height}-${screen}.png`;
      await page.screenshot({ path, fullPage: true });
      shots.push(path);
    });
    await context.close();
    expect(shots).toHaveLength(Object.keys(key).length);
  });
}
