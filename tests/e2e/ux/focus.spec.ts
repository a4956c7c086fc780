/**
 * Focus follows the content: after Continue and after choosing, the new step's heading has focus;
 * the consequence of a choice is announced through the polite live region; and keyboard focus is
 * visible (a real outline) on links, buttons, radios, summaries and fields.
 */
import { expect, test, type Page } from '@playwright/test';
import { choicesAlong, firstScenario, longestPath, markStep, nextStep, open, optionTexts, stepKind, url } from './ux';

const headingKind = async (page: Page) => stepKind(((await page.locator('#step-heading').textContent()) ?? '').trim());

test('the step heading takes focus after Continue and after choosing; the consequence is announced', async ({ page }) => {
  const s = firstScenario();
  const path = longestPath(s);
  const choices = choicesAlong(s, path);
  const texts = optionTexts(s, path);
  const live = page.getByTestId('live');

  await open(page, url(`#/s/${s.id}`));
  await expect(page.locator('#step-heading')).toBeVisible();
  // the live region is there from the start (a region added with its text is often not read)
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveAttribute('role', 'status');

  let i = 0;
  let continues = 0;
  for (let guard = 0; guard < 60; guard++) {
    const kind = await headingKind(page);
    if (kind === 'ending') break;
    if (kind === 'decision') {
      await page.getByRole('radio', { name: texts[i], exact: true }).check();
      await markStep(page);
      await page.getByRole('button', { name: 'Choose this response' }).click();
      await nextStep(page);
      await expect(page.locator('#step-heading')).toHaveText('What happened');
      await expect(page.locator('#step-heading')).toBeFocused();
      await expect(live).toContainText(choices[i].consequence);
      await expect(live).toContainText(/^What happened: /);
      i++;
    }
    await markStep(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await nextStep(page);
    continues++;
    await expect(page.locator('#step-heading')).toBeFocused();
    // the step change is announced too (the ending says the scenario is finished)
    await expect(live).not.toBeEmpty();
  }
  expect(i).toBe(path.length);
  expect(continues).toBeGreaterThan(path.length);
  await expect(page.locator('#step-heading')).toHaveText(/^Outcome: /);
  await expect(page.locator('#step-heading')).toBeFocused();

  // starting again moves focus to the first step too
  await markStep(page);
  await page.getByRole('button', { name: 'Try this scenario again' }).click();
  await nextStep(page);
  await expect(page.locator('#step-heading')).toBeFocused();
  await expect(live).toHaveText('Scenario restarted');
});

/**
 * The focused element's outline, as the browser draws it, and its contrast with the background
 * around the element (the outline sits outside it, so the nearest ancestor background is what it
 * must stand out from: WCAG 1.4.11 asks for 3:1).
 */
const ring = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cs = getComputedStyle(el);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = 'rgb(255, 255, 255)';
    for (let a = el.parentElement; a; a = a.parentElement) {
      const c = getComputedStyle(a).backgroundColor;
      const parts = rgb(c);
      if (parts.length === 3 || (parts.length === 4 && parts[3] > 0)) {
        bg = c;
        break;
      }
    }
    const [l1, l2] = [lum(rgb(cs.outlineColor)), lum(rgb(bg))].sort((x, y) => y - x);
    return {
      what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
      style: cs.outlineStyle,
      width: parseFloat(cs.outlineWidth) || 0,
      color: cs.outlineColor,
      background: bg,
      contrast: (l1 + 0.05) / (l2 + 0.05),
    };
  });

test('keyboard focus is visible: an outline of at least 2 px, at 3:1 against its background, on every kind of control', async ({ page }) => {
  const s = firstScenario();
  const seen = new Map<string, Awaited<ReturnType<typeof ring>>>();
  const check = async (kind: string) => {
    const r = await ring(page);
    seen.set(kind, r);
    expect(r.style, `${kind}: ${r.what} has no outline when focused`).not.toBe('none');
    expect(r.width, `${kind}: ${r.what} has a thin outline`).toBeGreaterThanOrEqual(2);
    expect(r.color, `${kind}: ${r.what} has an invisible outline`).not.toMatch(/rgba\(.*, 0\)|transparent/);
    expect(r.contrast, `${kind}: ${r.what}'s outline ${r.color} hardly shows on ${r.background}`).toBeGreaterThanOrEqual(3);
  };
  const tabUntil = async (selector: string) => {
    for (let n = 0; n < 40; n++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  };

  await open(page, url('#/'));
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await tabUntil('.skip');
  await check('skip link');
  await tabUntil('nav a');
  await check('nav link');
  await tabUntil('a.button');
  await check('button link');
  await tabUntil('.scenario-card a');
  await check('card link');

  await open(page, url(`#/s/${s.id}`));
  await expect(page.locator('#step-heading')).toBeVisible();
  await page.locator('#step-heading').focus();
  await tabUntil('button');
  await check('button');
  // to a decision with the mouse, then the keyboard
  for (let n = 0; n < 20 && (await headingKind(page)) !== 'decision'; n++) {
    await markStep(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await nextStep(page);
  }
  await tabUntil('input[type=radio]');
  await check('radio');
  await page.keyboard.press('Space');
  await tabUntil('button[type=submit]');
  await check('submit button');
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-heading')).toHaveText('What happened');
  await tabUntil('summary');
  await check('citation summary');

  await open(page, url('#/record'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  await tabUntil('textarea');
  await check('text area');
  expect([...seen.keys()]).toHaveLength(9);
});
