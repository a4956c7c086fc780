/**
 * A whole scenario with the keyboard alone: Tab and Shift+Tab to move, Space and the arrow keys on
 * the radio buttons, Enter to follow links, open a citation and press buttons. No mouse, no
 * .click() or .check(): only page.keyboard.
 */
import { expect, test, type Page } from '@playwright/test';
import { choicesAlong, firstScenario, longestPath, open, stepKind, url } from './ux';

interface Focused {
  tag: string;
  text: string;
  type: string;
  id: string;
  checked: boolean;
}
const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLElement & { type?: string; checked?: boolean };
    return { tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), type: el.type ?? '', id: el.id, checked: !!el.checked };
  });

/** Press Tab (or Shift+Tab) until the focused element matches, at most `max` times. */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string, key = 'Tab', max = 40): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return f;
    seen.push(`${f.tag}${f.id ? '#' + f.id : ''} "${f.text.slice(0, 30)}"`);
  }
  throw new Error(`${key} never reached ${what}; focus went through: ${seen.join(' → ')}`);
}

const stepHeading = async (page: Page) => {
  await expect(page.locator('#step-heading')).toBeFocused();
  return stepKind(((await page.locator('#step-heading').textContent()) ?? '').trim());
};

test('keyboard only: skip link, start a scenario, play it to the ending, and go back home', async ({ page }) => {
  test.setTimeout(120_000);
  const s = firstScenario();
  const path = longestPath(s);
  const choices = choicesAlong(s, path);

  await open(page, url('#/'));
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();

  // the first Tab stop is the skip link; it moves focus to the main content
  await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('Skip to content');
  await expect(page.locator('.skip')).toBeInViewport();
  await page.keyboard.press('Enter');
  expect((await focused(page)).id).toBe('main');

  await tabTo(page, (f) => f.tag === 'a' && f.text.startsWith('Start:'), 'the Start link');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/s/${s.id}$`));
  await expect(page.locator('#step-heading')).toBeVisible();

  let decisions = 0;
  let citationsOpened = 0;
  for (let guard = 0; guard < 60; guard++) {
    const kind = stepKind(((await page.locator('#step-heading').textContent()) ?? '').trim());
    if (kind === 'ending') break;
    if (kind === 'decision') {
      const c = choices[decisions++];
      // into the group: focus lands on the first radio; Space picks it, ArrowDown moves and picks
      const first = await tabTo(page, (f) => f.type === 'radio', 'the options');
      expect(first.checked).toBe(false);
      // where the option is in the order shown (shuffled per attempt)
      const shown = await page.getByRole('radio').evaluateAll((els) => els.map((e) => e.closest('label')?.textContent?.trim() ?? ''));
      const index = shown.indexOf(c.text);
      expect(index, `"${c.text}" among the options`).toBeGreaterThan(-1);
      if (index === 0) await page.keyboard.press('Space');
      for (let k = 0; k < index; k++) await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('radio', { name: c.text, exact: true })).toBeChecked();
      await expect(page.getByRole('radio', { name: c.text, exact: true })).toBeFocused();
      await tabTo(page, (f) => f.tag === 'button' && f.text === 'Choose this response', 'the submit button', 'Tab', 2);
      await page.keyboard.press('Enter');
      expect(await stepHeading(page)).toBe('feedback');
      await expect(page.locator('.consequence')).toContainText(c.consequence.slice(0, 40));
      // open "Why" and a citation chip with the keyboard, then read on to Continue
      await tabTo(page, (f) => f.tag === 'summary' && f.text === 'Why', 'Why');
      await page.keyboard.press('Enter');
      await expect(page.locator('details.why[open]')).toHaveCount(1);
      await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('GPiA 040 '), 'a citation chip');
      await page.keyboard.press('Enter');
      await expect(page.locator('.cite-panel:not([hidden])')).toHaveCount(1);
      citationsOpened++;
    }
    await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
    await page.keyboard.press('Enter');
    await expect(page.locator('#step-heading')).toBeFocused();
  }

  await expect(page.locator('#step-heading')).toHaveText(/^Outcome: /);
  await expect(page.locator('#step-heading')).toBeFocused();
  await expect(page.getByTestId('scenario-score')).toBeVisible();
  expect(decisions).toBe(path.length);
  expect(citationsOpened).toBe(path.length);

  // Tab past "Back to scenarios", then Shift+Tab back to it
  await tabTo(page, (f) => f.text === 'Try this scenario again', 'Try this scenario again');
  await tabTo(page, (f) => f.text === 'Back to scenarios', 'Back to scenarios', 'Shift+Tab', 1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await expect(page.locator(`.scenario-card[data-state="done"]`)).toHaveCount(1);
});

test('keyboard only: the nav links and the results and record pages are reachable', async ({ page }) => {
  await open(page, url('#/'));
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'Results', 'the Results link');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your results' })).toBeVisible();
  await tabTo(page, (f) => f.tag === 'a' && f.text === 'Your CPD record', 'the CPD record button');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  // every control on the record page is a Tab stop: name, one note per unit, three buttons
  const textareas = await page.locator('textarea').count();
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'text', 'the name field');
  for (let i = 0; i < textareas; i++) await tabTo(page, (f) => f.tag === 'textarea', `note ${i + 1}`, 'Tab', 2);
  for (const name of ['Save as PDF or print', 'Download certificate (PDF)', 'Clear my record from this device'])
    await tabTo(page, (f) => f.tag === 'button' && f.text === name, name, 'Tab', 1);
});
