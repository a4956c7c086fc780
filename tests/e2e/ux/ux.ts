/**
 * Shared by the UX specs: where the built site and its course JSON are, how a scenario is played
 * through the UI, and a walk over every screen of the course.
 *
 * BUILD_DIR and COURSE_JSON (the same variables the build reads) point the specs at another build,
 * e.g. a private one made while some scenarios listed in scenarios/course.yaml are still being
 * written; they default to build/ and src/lib/generated/course.json, which `npm test` writes.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Course, Scenario } from '../../../src/lib/course/types';
import { allPaths } from '../../../src/lib/engine/analysis';
import { ScenarioRun } from '../../../src/lib/engine/run';
import { htmlToText } from '../../../src/lib/engine/text';

export const siteDir = resolve(process.env.BUILD_DIR ?? 'build');
export const courseJson = resolve(process.env.COURSE_JSON ?? 'src/lib/generated/course.json');
export const course = JSON.parse(readFileSync(courseJson, 'utf8')) as Course;
export { allPaths, htmlToText };

/** file:// address of a screen of a built site */
export const url = (hash: string, dir = siteDir) => pathToFileURL(join(dir, 'index.html')).href + hash;

/**
 * Load an address afresh. The hash router reloads the page when the hash changes other than by a
 * link (as when it is typed in the address bar), so a page.goto from one screen to another would
 * resolve on the hash change and then lose its document to that reload; from about:blank there is
 * one plain load.
 */
export async function open(page: Page, href: string) {
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  await page.goto(href);
}

export const scenario = (id: string, c: Course = course): Scenario => {
  const s = c.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario "${id}" in the course`);
  return s;
};

/** The scenario the screen walks use: the first one of the course (friend-request in the real course). */
export const firstScenario = (c: Course = course): Scenario => scenario(c.units[0].scenarios[0], c);

/** Option texts along a path, so the tests pick what a learner reads. */
import { optionTextsAlong as optionTexts } from '../choices';
export { optionTexts };

/** The option picked at each decision along a path, with its consequence as plain text. */
export function choicesAlong(s: Scenario, path: string[]) {
  const run = new ScenarioRun(s);
  return path.map((o) => {
    run.skipScenes();
    const option = run.options.find((x) => x.id === o)!;
    const index = run.options.indexOf(option);
    run.choose(o);
    return { text: option.text, index, consequence: htmlToText(option.consequence), verdict: option.verdict };
  });
}

/** The longest path through a scenario (it goes through the branches earlier choices open). */
export const longestPath = (s: Scenario) => allPaths(s).reduce((a, b) => (b.length > a.length ? b : a));

/** A few paths that between them visit every node of a scenario (greedy cover). */
export function coveringPaths(s: Scenario): string[][] {
  const nodesOf = (path: string[]) => {
    const run = new ScenarioRun(s);
    const seen = new Set<string>();
    for (const o of path) {
      for (;;) {
        seen.add(run.node.id);
        if (run.node.kind !== 'scene') break;
        run.next();
      }
      run.choose(o);
    }
    for (;;) {
      seen.add(run.node.id);
      if (run.node.kind !== 'scene') break;
      run.next();
    }
    return seen;
  };
  const candidates = allPaths(s).map((p) => ({ p, nodes: nodesOf(p) }));
  const left = new Set(s.nodes.map((n) => n.id));
  const chosen: string[][] = [];
  while (left.size) {
    let best = candidates[0];
    let gain = -1;
    for (const c of candidates) {
      const g = [...c.nodes].filter((n) => left.has(n)).length;
      if (g > gain) [best, gain] = [c, g];
    }
    if (gain <= 0) break;
    chosen.push(best.p);
    for (const n of best.nodes) left.delete(n);
  }
  return chosen;
}

export type StepKind = 'scene' | 'decision' | 'feedback' | 'ending';
export const stepKind = (heading: string): StepKind =>
  heading === 'The situation' ? 'scene' : heading === 'Your decision' ? 'decision' : heading === 'What happened' ? 'feedback' : 'ending';

/** Mark the current step's heading, so that nextStep can wait for the next one (each step re-creates it). */
export const markStep = (page: Page) => page.locator('#step-heading').evaluate((e) => ((e as unknown as { uxOld: boolean }).uxOld = true));
export const nextStep = (page: Page) =>
  page.waitForFunction(() => {
    const h = document.querySelector('#step-heading') as unknown as { uxOld?: boolean } | null;
    return !!h && !h.uxOld;
  });

const heading = async (page: Page) => (await page.locator('#step-heading').textContent())?.trim() ?? '';

/**
 * Play a scenario from the current page (already on #/s/<id>) along `path` with the mouse,
 * calling `at` on each step (for a decision: after the option is selected, before it is submitted).
 */
export async function playPath(page: Page, s: Scenario, path: string[], at?: (kind: StepKind, page: Page) => Promise<void>) {
  const texts = optionTexts(s, path);
  let i = 0;
  for (let guard = 0; guard < 100; guard++) {
    const kind = stepKind(await heading(page));
    if (kind === 'decision') {
      const pick = page.getByRole('radio', { name: texts[i++], exact: true });
      await pick.check();
      await at?.(kind, page);
      // stepping back and returning re-creates the form: the pick is made again
      await pick.check();
      await markStep(page);
      await page.getByRole('button', { name: 'Choose this response' }).click();
      await nextStep(page);
      continue;
    }
    await at?.(kind, page);
    if (kind === 'ending') return;
    await markStep(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await nextStep(page);
  }
  throw new Error(`scenario "${s.id}" did not reach an ending along ${path.join('.')}`);
}

export type Screen = 'home' | 'scene' | 'decision' | 'past' | 'feedback' | 'ending' | 'results' | 'record' | 'about' | 'not-found';
export const screens: Screen[] = ['home', 'scene', 'decision', 'past', 'feedback', 'ending', 'results', 'record', 'about', 'not-found'];

/** The feedback's detail: "Why" open and every citation chip's panel shown. */
export async function openFeedbackDetail(page: Page) {
  await page.locator('details.why').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.locator('.cite-panel').evaluateAll((ps) => ps.forEach((p) => p.removeAttribute('hidden')));
}

/**
 * Visit every screen of the course in a fresh page: home, a scene, a decision with an option
 * selected, an earlier step re-read (step back), the feedback with "Why" and its first citation
 * open, the ending with "See where other choices led" open, results (the chart shows, as a
 * scenario is finished), the CPD record, About and a "scenario not found" page.
 * `at` is called once per screen (the first scene, decision and feedback met).
 */
export async function eachScreen(
  page: Page,
  at: (screen: Screen, page: Page) => Promise<void>,
  opts: { dir?: string; course?: Course; href?: (hash: string) => string } = {},
) {
  const c = opts.course ?? course;
  const go = (hash: string) => open(page, opts.href ? opts.href(hash) : url(hash, opts.dir));
  const s = firstScenario(c);
  const seen = new Set<Screen>();
  const once = async (screen: Screen) => {
    if (seen.has(screen)) return;
    seen.add(screen);
    await at(screen, page);
  };
  await go('#/');
  await expect(page.getByRole('heading', { level: 2, name: 'Scenarios' })).toBeVisible();
  await once('home');
  await go(`#/s/${s.id}`);
  await expect(page.locator('#step-heading')).toBeVisible();
  await playPath(page, s, longestPath(s), async (kind) => {
    if (kind === 'feedback' && !seen.has('feedback')) {
      await page.locator('.why summary').click();
      await page.locator('.cite-chip').first().click();
      await expect(page.locator('.cite-panel:not([hidden])')).toHaveCount(1);
    }
    if (kind === 'ending') await page.locator('.branches summary').click();
    await once(kind);
    if (kind === 'decision' && !seen.has('past') && (await page.getByRole('button', { name: 'Step back' }).count())) {
      await page.getByRole('button', { name: 'Step back' }).click();
      await expect(page.locator('#past-heading')).toBeFocused();
      await once('past');
      await page.getByRole('button', { name: 'Back to where I am' }).first().click();
      await expect(page.locator('#step-heading')).toHaveText('Your decision');
    }
  });
  await go('#/results');
  await expect(page.locator('.chart')).toBeVisible();
  await once('results');
  await go('#/record');
  await expect(page.getByRole('heading', { level: 1, name: 'Your CPD record' })).toBeVisible();
  await once('record');
  await go('#/about');
  await expect(page.getByRole('heading', { level: 1, name: 'About this course' })).toBeVisible();
  await once('about');
  await go('#/s/no-such-scenario');
  await expect(page.getByRole('heading', { level: 1, name: 'Scenario not found' })).toBeVisible();
  await once('not-found');
  expect([...seen].sort()).toEqual([...screens].sort());
}

/** Horizontal overflow of the page: how far the document is wider than the viewport (0 is none). */
export const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Elements whose right edge passes the viewport (to say what overflows when something does). */
export const overflowing = (page: Page) =>
  page.evaluate(() => {
    const w = window.innerWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > w + 0.5) {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        out.push(`${el.tagName.toLowerCase()}${id}${cls} right=${Math.round(r.right)} width=${Math.round(r.width)}`);
      }
    }
    return out.slice(0, 10);
  });

/**
 * Words split across two lines (overflow-wrap: anywhere does that when a box is too narrow for a
 * word): "Percenta|ge" in a squeezed table column is legible only with effort. Words too long for
 * any line of their box (a URL) are let through. Returns "word (in tag.class)".
 */
export const brokenWords = (page: Page, root = 'main') =>
  page.evaluate((rootSel) => {
    const out: string[] = [];
    const top = document.querySelector(rootSel);
    if (!top) return out;
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!el.getClientRects().length || el.closest('.sr-only, [hidden]')) continue;
      const text = n.textContent ?? '';
      // a word ends at white space and where lines may break anyway: hyphens, dashes, slashes
      for (const m of text.matchAll(/[^\s\-–—/]{2,}/g)) {
        range.setStart(n, m.index!);
        range.setEnd(n, m.index! + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (new Set(rects.map((r) => Math.round(r.top))).size < 2) continue;
        // a word wider than its whole box has to break somewhere
        const width = rects.reduce((a, r) => a + r.width, 0);
        const box = el.closest('p, li, td, th, dd, dt, label, h1, h2, h3, h4, legend, summary, div, span, a')!.getBoundingClientRect().width;
        if (width < box) out.push(`${m[0]} (in ${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''})`);
      }
    }
    return out;
  }, root);
