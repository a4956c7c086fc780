/** The friend-request scenario played to an ending through the UI, from file:// with no LMS. */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { allPaths, optionTexts, scenario, scenarioState } from './course';

const url = (hash: string) => `file://${resolve('build/index.html')}${hash}`;

test('plays the friend-request scenario to an ending and shows the score and debrief', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const s = scenario('friend-request');
  const s2 = { ...s, score: s.score! };
  // the longest path: it goes through the branch an earlier choice opens
  const path = allPaths(s).reduce((a, b) => (b.length > a.length ? b : a));
  const expected = scenarioState(s2, path);
  const ending = s.nodes.find((n) => n.id === expected.ending)!;

  await page.goto(url('#/s/friend-request'));
  await expect(page).toHaveTitle(/A|friend|request/i);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);
  const texts = optionTexts('friend-request', path);
  let seenFeedback = 0;
  for (let guard = 0, i = 0; guard < 60; guard++) {
    const h = (await page.locator('#step-heading').textContent()) ?? '';
    if (h.startsWith('Outcome')) break;
    if (h === 'Your decision') {
      await page.getByRole('radio', { name: texts[i++], exact: true }).check();
      await page.getByRole('button', { name: 'Choose this response' }).click();
      // the consequence comes first, then the coaching with its citation
      await expect(page.locator('#step-heading')).toHaveText('What happened');
      await expect(page.locator('#step-heading')).toBeFocused();
      await expect(page.locator('.consequence')).toBeVisible();
      // the verdict and takeaway follow the consequence; the citations are section chips behind "Why"
      await expect(page.locator('.verdict .takeaway')).toBeVisible();
      await expect(page.locator('.cite-chip').first()).toContainText('GPiA 040 §');
      seenFeedback++;
    }
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  expect(seenFeedback).toBe(path.length);
  await expect(page.locator('#step-heading')).toHaveText(`Outcome: ${ending.kind === 'ending' ? ending.outcome : ''}`);
  await expect(page.getByTestId('scenario-score')).toHaveText(
    `Your score: ${expected.score.raw} of ${expected.score.max} points (${Math.round(expected.score.scaled * 100)}%)`,
  );
  await expect(page.locator('.debrief')).toBeVisible();
  expect((await page.locator('.debrief').textContent())!.length).toBeGreaterThan(50);
  expect(errors).toEqual([]);
});

test('standalone: progress stays on the device and resumes after a reload', async ({ page }) => {
  const s = scenario('friend-request');
  const path = allPaths(s)[0];
  const texts = optionTexts('friend-request', path);
  await page.goto(url('#/'));
  await expect(page.locator('.device-note')).toContainText(/this device/i);
  await page.goto(url('#/s/friend-request'));
  // make the first decision, then reload
  for (let guard = 0; guard < 10; guard++) {
    const h = await page.locator('#step-heading').textContent();
    if (h === 'Your decision') break;
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('radio', { name: texts[0], exact: true }).check();
  await page.getByRole('button', { name: 'Choose this response' }).click();
  await expect(page.locator('#step-heading')).toHaveText('What happened');
  await page.reload();
  await expect(page.getByText('Decisions made: 1')).toBeVisible();
  await page.goto(url('#/'));
  await expect(page.locator('.scenario-card[data-state="started"]')).toHaveCount(1);
});
