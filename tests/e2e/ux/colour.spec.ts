/**
 * WCAG 1.4.1: colour is never the only signal. Verdicts in the feedback and in both paths of the
 * ending say in words how a choice measured up, and the results chart marks bars below the pass
 * mark with words, not only a colour.
 */
import { expect, test } from '@playwright/test';
import { verdictLabel } from '../../../src/lib/components/verdict';
import type { Scenario } from '../../../src/lib/course/types';
import { allPaths, course, firstScenario, open, playPath, scenario, url } from './ux';
import { scenarioState } from '../../../src/lib/engine/score';

const labels = Object.values(verdictLabel);
const labelRe = new RegExp(`^(${labels.join('|')})\\b`);

/** The path with the lowest score (its verdicts are mostly not the best). */
const worstPath = (s: Scenario) =>
  allPaths(s)
    .map((p) => ({ p, raw: scenarioState(s, p).score.raw }))
    .reduce((a, b) => (b.raw < a.raw ? b : a)).p;

test('verdicts have words in the feedback and in the paths; chart bars below the pass mark are marked in words', async ({ page }) => {
  test.setTimeout(120_000);
  // one scenario along its best path, another along its worst, so the chart has bars on both sides of the pass mark
  const best = firstScenario();
  const other = course.scenarios.find((s) => s.id !== best.id && !s.themes.every((t) => best.themes.includes(t))) ?? course.scenarios[1];
  const feedbackVerdicts = new Set<string>();

  for (const [s, path] of [
    [best, best.bestPath!],
    [scenario(other.id), worstPath(other)],
  ] as const) {
    await open(page, url(`#/s/${s.id}`));
    await playPath(page, s, path, async (kind) => {
      if (kind !== 'feedback') return;
      const h = (await page.locator('.coaching h3').textContent())!.replace(/\s+/g, ' ').trim();
      // the verdict's heading says it in words (after a shape, never colour alone) and the points follow in words too
      const label = labels.find((l) => h.endsWith(` ${l}`));
      expect(label, `feedback heading "${h}" names no verdict`).toBeTruthy();
      feedbackVerdicts.add(label!);
      await expect(page.locator('.coaching .points')).toHaveText(/^\d+ of \d+ points?$/);
    });
    // your path and the strongest path: each step has its verdict in words
    const verdicts = await page.locator('.path-verdict').allTextContents();
    expect(verdicts.length).toBeGreaterThanOrEqual(path.length);
    // a shape may stand before the words (★ ✓ ! ✕), never instead of them
    for (const v of verdicts) expect(v.trim().replace(/^[★✓!✕]\s*/, ''), 'a path step without a verdict in words').toMatch(labelRe);
  }
  expect(feedbackVerdicts.size, 'both a best and a weaker verdict were seen').toBeGreaterThan(1);

  await open(page, url('#/results'));
  const rows = page.locator('.chart-row');
  await expect(rows.first()).toBeVisible();
  let below = 0;
  let met = 0;
  for (const row of await rows.all()) {
    const value = Number(((await row.locator('.chart-value').textContent()) ?? '').replace('%', ''));
    const text = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    if (value < course.passMark) {
      below++;
      expect(text, `a bar below the pass mark without words: ${text}`).toContain('below the pass mark');
      await expect(row.locator('.chart-flag')).toBeVisible();
    } else {
      met++;
      expect(text).not.toContain('below the pass mark');
    }
  }
  expect(below, 'a bar below the pass mark').toBeGreaterThan(0);
  expect(met, 'a bar at or above the pass mark').toBeGreaterThan(0);
  // the key says what the marker means, in words
  await expect(page.locator('.chart figcaption')).toContainText(`pass mark of ${course.passMark}%`);
  await expect(page.locator('.chart figcaption')).toContainText('below the pass mark');
});

test('scenario cards say their state in words, not only with a coloured edge', async ({ page }) => {
  await open(page, url('#/'));
  const cards = page.locator('.scenario-card');
  await expect(cards.first()).toBeVisible();
  for (const status of await page.locator('.scenario-card .status').allTextContents()) expect(status).toMatch(/Not started|In progress|Finished/);
});
