/**
 * WCAG 2.4.2 and 3.1.1: every page has its own meaningful title, and the document says it is in
 * British English.
 */
import { expect, test } from '@playwright/test';
import { course, eachScreen, firstScenario, open, url, type Screen } from './ux';

test('each page has a distinct, meaningful title; <html lang="en-GB">', async ({ page }) => {
  const s = firstScenario();
  const titles = new Map<Screen, string>();
  await eachScreen(page, async (screen) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    titles.set(screen, await page.title());
  });
  const expected: Record<Screen, RegExp> = {
    home: /^Scenarios · /,
    scene: new RegExp(`^${s.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `),
    decision: /./,
    past: /./,
    feedback: /./,
    ending: /./,
    results: /^Results · /,
    record: /^CPD record · /,
    about: /^About · /,
    'not-found': /^Scenario not found · /,
  };
  for (const [screen, title] of titles) {
    expect(title, screen).toMatch(expected[screen]);
    // the page first, then the course, so the tab and the history show what differs
    expect(title.endsWith(` · ${course.title}`), `${screen}: ${title}`).toBe(true);
  }
  // the steps of one scenario are one page: they share its title
  for (const step of ['decision', 'past', 'feedback', 'ending'] as const) expect(titles.get(step)).toBe(titles.get('scene'));
  const pages = (['home', 'scene', 'results', 'record', 'about', 'not-found'] as const).map((x) => titles.get(x));
  expect(new Set(pages).size).toBe(pages.length);
});

test('every scenario has its own title', async ({ page }) => {
  const seen = new Set<string>();
  for (const s of course.scenarios.slice(0, 5)) {
    await open(page, url(`#/s/${s.id}`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.title);
    await expect(page).toHaveTitle(`${s.title} · ${course.title}`);
    seen.add(await page.title());
  }
  expect(seen.size).toBe(Math.min(5, course.scenarios.length));
});
