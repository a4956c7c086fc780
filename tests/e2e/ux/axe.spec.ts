/**
 * axe-core finds no WCAG 2.x A/AA violation on any screen of the course (file://, no LMS), in the
 * light and the dark colour scheme; and on every step of the showcase course, where every artefact
 * kind, the cast and the branch view appear.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Scenario } from '../../../src/lib/course/types';
import { ScenarioRun } from '../../../src/lib/engine/run';
import { allPaths, eachScreen, open, playPath, url, type Screen } from './ux';
import { buildShowcase, showcaseBuild } from './showcase';

// its tests are independent: let both workers take them
test.describe.configure({ mode: 'parallel' });

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function scan(page: Page, where: string, found: Record<string, string[]>) {
  // a step fades in over 180 ms: measure contrast once it has arrived, not half-way through the fade
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const r = await new AxeBuilder({ page }).withTags(tags).analyze();
  if (r.violations.length) found[where] = r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  // the checks ran: axe saw the page's content, not an empty shell
  expect(r.passes.length, `axe passed no rule on ${where}`).toBeGreaterThan(5);
}

// two halves, so the two workers share the work (axe takes seconds a screen on a busy 2-core machine)
const halves: Screen[][] = [
  ['home', 'scene', 'decision', 'past', 'feedback'],
  ['ending', 'results', 'record', 'about', 'not-found'],
];

for (const scheme of ['light', 'dark'] as const)
  for (const half of halves) {
    test(`axe (${scheme}): no WCAG 2.x A/AA violations on ${half.join(', ')}`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.emulateMedia({ colorScheme: scheme });
      const found: Record<string, string[]> = {};
      const checked: Screen[] = [];
      await eachScreen(page, async (screen) => {
        if (!half.includes(screen)) return;
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
        await scan(page, screen, found);
        checked.push(screen);
      });
      expect(checked).toEqual(half);
      expect(found).toEqual({});
    });
  }

for (const scheme of ['light', 'dark'] as const)
  test(`axe (${scheme}): every step of the showcase course (every artefact kind, portraits, branch view)`, async ({ page }) => {
    test.setTimeout(900_000);
    const c = buildShowcase();
    await page.emulateMedia({ colorScheme: scheme });
    const found: Record<string, string[]> = {};
    let steps = 0;
    const kinds = new Set<string>();
    for (const s of c.scenarios) {
      await open(page, url(`#/s/${s.id}`, showcaseBuild));
      let n = 0;
      for (const [i, path] of optionCover(s).entries()) {
        if (i > 0) await page.getByRole('button', { name: 'Try this scenario again' }).click();
        await playPath(page, s, path, async (kind) => {
          if (kind === 'feedback') {
            await page.locator('.why summary').click();
            await page.locator('.cite-chip').first().click();
          }
          if (kind === 'ending') await page.locator('.branches summary').click();
          for (const k of await page.locator('figure.artefact').evaluateAll((fs) => fs.map((f) => [...f.classList].find((x) => x.startsWith('kind-'))!))) kinds.add(k);
          await scan(page, `${s.id} ${path.join('.')} step ${n++} (${kind})`, found);
          steps++;
        });
      }
    }
    expect(found).toEqual({});
    expect(steps).toBeGreaterThan(10);
    // every artefact kind was on screen and scanned
    expect([...kinds].sort()).toEqual(['kind-blog-post', 'kind-connection-request', 'kind-email', 'kind-group-post', 'kind-message-thread', 'kind-notification', 'kind-review', 'kind-search-results', 'kind-social-post', 'kind-web-page']);
  });

/** A few paths that between them choose every option of every decision (so every consequence artefact shows). */
function optionCover(s: Scenario): string[][] {
  const pairs = (p: string[]) => {
    const run = new ScenarioRun(s, () => 0);
    return p.map((o) => {
      run.skipScenes();
      const k = `${run.node.id}/${o}`;
      run.choose(o);
      return k;
    });
  };
  const all = allPaths(s).map((p) => ({ p, pairs: pairs(p) }));
  const left = new Set(all.flatMap((x) => x.pairs));
  const out: string[][] = [];
  while (left.size) {
    const best = all.reduce((a, b) => (b.pairs.filter((k) => left.has(k)).length > a.pairs.filter((k) => left.has(k)).length ? b : a));
    out.push(best.p);
    best.pairs.forEach((k) => left.delete(k));
  }
  return out;
}
