/** axe-core finds no WCAG 2.x A/AA violation on any screen of the course (file://, no LMS). */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { eachScreen, type Screen } from './ux';

// its tests are independent: let both workers take them
test.describe.configure({ mode: 'parallel' });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// two halves, so the two workers share the work (axe takes seconds a screen on a busy 2-core machine)
const halves: Screen[][] = [
  ['home', 'scene', 'decision', 'feedback'],
  ['ending', 'results', 'record', 'not-found'],
];

for (const half of halves) {
  test(`axe: no WCAG 2.x A/AA violations on ${half.join(', ')}`, async ({ page }) => {
    test.setTimeout(240_000);
    const found: Record<string, string[]> = {};
    const checked: Screen[] = [];
    await eachScreen(page, async (screen) => {
      if (!half.includes(screen)) return;
      const r = await new AxeBuilder({ page }).withTags(tags).analyze();
      checked.push(screen);
      if (r.violations.length)
        found[screen] = r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
      // the checks ran: axe saw the page's content, not an empty shell
      expect(r.passes.length, `axe passed no rule on ${screen}`).toBeGreaterThan(5);
    });
    expect(checked).toEqual(half);
    expect(found).toEqual({});
  });
}
